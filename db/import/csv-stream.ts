import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { CsvSyntaxError, type CsvDelimiter } from './csv';

/**
 * The CSV reader of csv.ts, fed a piece of text at a time: the same records, row numbers and line
 * numbers as parseCsv, but a file of any size goes through holding one block and the records of one
 * chunk. A record cut by the end of a block is read again, whole, once the next block arrives.
 */
export interface CsvRecord {
  /** The spreadsheet row: the header is row 1. */
  row: number;
  /** The 1-based line of the file where the record starts. */
  line: number;
  cells: string[];
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

export class CsvRecordReader {
  private readonly delimiter: number;
  private pending = '';
  private line = 1;
  private records = 0;
  private started = false;

  constructor(delimiter: CsvDelimiter = ',') {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** The records completed by this piece of text (the last, unfinished one waits for more). */
  push(text: string): CsvRecord[] {
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.pending = this.pending ? this.pending + text : text;
    return this.read(false);
  }

  /** The last record; throws CsvSyntaxError for a quoted field that is never closed. */
  end(): CsvRecord[] {
    this.started = true;
    return this.read(true);
  }

  private read(final: boolean): CsvRecord[] {
    const text = this.pending;
    const n = text.length;
    const delimiter = this.delimiter;
    const out: CsvRecord[] = [];
    let i = 0;
    let consumed = 0;
    // Each pass reads one record from i; an unfinished one (not final) leaves i at its start.
    record: while (i < n) {
      const recordLine = this.line;
      let line = this.line;
      const cells: string[] = [];
      for (;;) {
        // One field starts at i.
        let field: string;
        if (text.charCodeAt(i) === QUOTE) {
          const startLine = line;
          let j = i + 1;
          let value = '';
          let from = j;
          let closed = false;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === QUOTE) {
              if (j + 1 >= n && !final) break record; // "" or a closing quote: the next block decides.
              if (text.charCodeAt(j + 1) === QUOTE) {
                value += text.slice(from, j + 1);
                j += 2;
                from = j;
                continue;
              }
              value += text.slice(from, j);
              closed = true;
              j++;
              break;
            }
            if (c === CR || c === LF) {
              if (c === CR && j + 1 >= n && !final) break record;
              value += `${text.slice(from, j)}\n`;
              if (c === CR && text.charCodeAt(j + 1) === LF) j++;
              j++;
              from = j;
              line++;
              continue;
            }
            j++;
          }
          if (!closed) {
            if (!final) break record;
            throw new CsvSyntaxError(
              `a quoted field starting on line ${startLine} is never closed (an unbalanced quote)`,
              this.records + 1,
              startLine,
            );
          }
          // Text after the closing quote and before the delimiter ("a"b) is kept, as spreadsheets do.
          const rest = j;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === delimiter || c === CR || c === LF) break;
            j++;
          }
          field = rest === j ? value : value + text.slice(rest, j);
          i = j;
        } else {
          let j = i;
          while (j < n) {
            const c = text.charCodeAt(j);
            if (c === delimiter || c === CR || c === LF) break;
            j++;
          }
          field = text.slice(i, j);
          i = j;
        }
        cells.push(field);
        if (i >= n) {
          if (!final) break record;
          break;
        }
        const c = text.charCodeAt(i);
        if (c === delimiter) {
          i++;
          if (i >= n) {
            if (!final) break record;
            cells.push('');
            break;
          }
          continue;
        }
        // A line end: \r\n, \n or a lone \r.
        if (c === CR) {
          if (i + 1 >= n && !final) break record;
          if (text.charCodeAt(i + 1) === LF) i++;
        }
        i++;
        line++;
        break;
      }
      this.records++;
      out.push({ row: this.records, line: recordLine, cells });
      this.line = line;
      consumed = i;
    }
    this.pending = consumed < n ? text.slice(consumed) : '';
    return out;
  }
}

/** Text to read, a block at a time, with how far through it is (for a progress bar). */
export interface TextSource {
  /** The next block, or null at the end. */
  next(): string | null;
  readonly position: number;
  readonly size: number;
  close(): void;
}

export function stringSource(content: string, blockChars = 1 << 20): TextSource {
  let position = 0;
  return {
    next() {
      if (position >= content.length) return null;
      let end = Math.min(content.length, position + blockChars);
      // Never split a surrogate pair (it would not matter to the reader, but keeps blocks valid text).
      const last = content.charCodeAt(end - 1);
      if (end < content.length && last >= 0xd800 && last <= 0xdbff) end++;
      const block = content.slice(position, end);
      position = end;
      return block;
    },
    get position() {
      return position;
    },
    size: content.length,
    close() {},
  };
}

/** A UTF-8 file read in blocks; a character cut by a block boundary is completed by the next block. */
export function fileSource(file: string, blockBytes = 4 << 20): TextSource {
  const fd = openSync(file, 'r');
  const size = fstatSync(fd).size;
  const buffer = Buffer.allocUnsafe(blockBytes);
  const decoder = new StringDecoder('utf8');
  let position = 0;
  let done = false;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    closeSync(fd);
  };
  return {
    next() {
      if (done) return null;
      const read = readSync(fd, buffer, 0, blockBytes, position);
      if (read === 0) {
        done = true;
        close();
        const tail = decoder.end();
        return tail ? tail : null;
      }
      position += read;
      return decoder.write(buffer.subarray(0, read));
    },
    get position() {
      return position;
    },
    size,
    close,
  };
}
