/**
 * An RFC 4180 reader for the files analysts actually have: a UTF-8 byte-order mark, \r\n, \n or \r
 * line ends, quoted fields holding commas, doubled quotes and line breaks, trailing empty columns
 * and blank rows at the end. Row numbers are the ones a spreadsheet shows (header = row 1), so a
 * message can send the analyst straight to the cell; `line` is where the record starts in the file,
 * which differs from the row once a quoted field spans lines.
 */
export interface CsvRow {
  /** The row number a spreadsheet shows: the header is row 1, the first data row is row 2. */
  row: number;
  /** The 1-based line of the file where this record starts. */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  /** Header names, trimmed; trailing empty header cells dropped. */
  header: string[];
  rows: CsvRow[];
}

/** The file itself cannot be read as CSV; `row` and `line` say where the trouble starts. */
export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    message: string,
    readonly row: number,
    readonly line: number,
  ) {
    super(message);
  }
}

export type CsvDelimiter = ',' | ';' | '\t';

/** Splits text into records of raw cells, each with the line it starts on. */
function records(text: string, delimiter: CsvDelimiter): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    cells.push(field);
    out.push({ line: recordLine, cells });
    cells = [];
    field = '';
  };
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      // A quoted field: runs to the next lone quote, across delimiters and line breaks.
      const startLine = line;
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        if (c === '\r' || c === '\n') {
          if (c === '\r' && text[i + 1] === '\n') i++;
          field += '\n';
          line++;
          i++;
          continue;
        }
        field += c;
        i++;
      }
      if (!closed)
        throw new CsvSyntaxError(
          `a quoted field starting on line ${startLine} is never closed (an unbalanced quote)`,
          out.length + 1,
          startLine,
        );
      // Text after the closing quote and before the delimiter ("a"b) is kept, as spreadsheets do.
      while (i < n && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') field += text[i++];
      continue;
    }
    if (ch === delimiter) {
      cells.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      i++;
      endRecord();
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    i++;
  }
  // The last record, unless the file ended with a line break.
  if (field !== '' || cells.length > 0) endRecord();
  return out;
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

/** Parses CSV text; throws CsvSyntaxError for an unbalanced quote or a file with no header. */
export function parseCsv(text: string, delimiter: CsvDelimiter = ','): ParsedCsv {
  const all = records(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, delimiter);
  while (all.length > 0 && isBlank(all[all.length - 1]!.cells)) all.pop();
  const [head, ...body] = all;
  if (!head || isBlank(head.cells)) throw new CsvSyntaxError('the file is empty: it has no header row', 1, 1);
  const header = head.cells.map((cell) => cell.trim());
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  return { header, rows: body.map((record, index) => ({ row: index + 2, line: record.line, cells: record.cells })) };
}
