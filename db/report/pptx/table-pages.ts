import { estimatedLines, lineHeight } from './slide-grid';

/**
 * A claims, conflict or score table laid out for slides: column widths from what the columns hold,
 * and the rows split into pages that fit the body of a slide, the header repeated on each. PowerPoint
 * grows a row to fit its text rather than clipping it, so the split plans with generous row heights.
 */
export const cellMargin = { x: 0.08, y: 0.05 } as const;

/** A cell longer than this is cut on the slide (the notes and the HTML report carry the full text). */
const longestCell = 700;

export function cellText(text: string): string {
  return text.length > longestCell ? `${text.slice(0, longestCell - 1).trimEnd()}…` : text;
}

/** The text a column typically holds, in characters: wide enough for most rows, not for the odd long one. */
function typicalLength(values: readonly string[]): number {
  const lengths = values.map((v) => cellText(v).length).sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length * 0.8)] ?? 0;
}

/** Widths in inches summing to `width`: shares by typical length, kept between a readable floor and a cap. */
export function columnWidths(columns: readonly string[], rows: readonly string[][], width: number): number[] {
  const weights = columns.map((column, i) =>
    Math.min(60, Math.max(6, column.length + 2, typicalLength(rows.map((row) => row[i] ?? '')))),
  );
  const floor = Math.min(0.75, width / columns.length);
  let widths = weights.map((w) => (w / weights.reduce((a, b) => a + b, 0)) * width);
  // Raise narrow columns to the floor, taking the difference from the others in proportion.
  for (let pass = 0; pass < 3; pass++) {
    const short = widths.map((w) => Math.max(0, floor - w)).reduce((a, b) => a + b, 0);
    if (short === 0) break;
    const spare = widths.map((w) => (w > floor ? w - floor : 0));
    const spareTotal = spare.reduce((a, b) => a + b, 0);
    widths = widths.map((w, i) => (w < floor ? floor : w - (spare[i]! / spareTotal) * short));
  }
  return widths;
}

/** Figures ("11,200 t/yr", "0.62") read best right-aligned; a column is figures when every cell is (dates are not). */
export function isFigureColumn(rows: readonly string[][], index: number): boolean {
  const cells = rows.map((row) => (row[index] ?? '').trim()).filter((cell) => cell !== '' && cell !== '—');
  const figure = (cell: string) => cell.length <= 24 && /^[~≈<>±+−-]?\d/.test(cell) && !/^\d{4}(-\d\d){0,2}$/.test(cell);
  return cells.length > 0 && cells.every(figure);
}

export function rowHeight(cells: readonly string[], widths: readonly number[], pt: number, bold = false): number {
  const lines = Math.max(
    1,
    ...cells.map((cell, i) => estimatedLines(cellText(cell), (widths[i] ?? 1) - 2 * cellMargin.x, pt, bold)),
  );
  return lines * lineHeight(pt) + 2 * cellMargin.y + 0.02;
}

/**
 * The rows split into pages. `room(page)` is the body height of that page's slide (the first has the
 * takeaway and warning, the continuations not); each page holds the header and at least one row.
 */
export function tablePages(
  table: { columns: readonly string[]; rows: readonly string[][] },
  widths: readonly number[],
  pt: number,
  room: (page: number) => number,
): string[][][] {
  const header = rowHeight(table.columns, widths, pt, true);
  const pages: string[][][] = [];
  let current: string[][] = [];
  let used = header;
  for (const row of table.rows) {
    const h = rowHeight(row, widths, pt);
    if (current.length > 0 && used + h > room(pages.length)) {
      pages.push(current);
      current = [];
      used = header;
    }
    current.push(row);
    used += h;
  }
  pages.push(current);
  return pages;
}
