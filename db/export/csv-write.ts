import { xmlSafe } from '../cli/chart/plain-text';

/**
 * Writing CSV that Excel and LibreOffice open correctly: a UTF-8 byte-order mark (without it Excel
 * reads UTF-8 as the local code page), CRLF line ends, RFC 4180 quoting. Text cells that begin with
 * = + - @ (or a tab or carriage return) get a leading apostrophe, so a spreadsheet shows them as text
 * instead of running them as formulas; numbers are written as numbers, so "-3" stays a number.
 * Control characters a spreadsheet cannot hold (NUL, ESC …: all but tab, CR and LF) become U+FFFD,
 * as in every export but the workspace JSON, which keeps them exactly.
 */
export type CsvCell = string | number | boolean | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : xmlSafe(value);
  if (formulaStart.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
