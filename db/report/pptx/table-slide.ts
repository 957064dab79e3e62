import type PptxGenJS from 'pptxgenjs';
import { framedSlide, frameLayout, type Frame } from './slide-frame';
import { colours, contentWidth, fontFace, points } from './slide-grid';
import { cellMargin, cellText, columnWidths, isFigureColumn, tablePages } from './table-pages';

/**
 * A table as native PowerPoint table slides (the client can edit and restyle them): as many slides
 * as the rows need, the first with the frame's takeaway, the others headed "(continued)" with the
 * header row repeated. Rules between rows only, no grid: the look of the report's HTML tables.
 */
export interface SlideTable {
  columns: readonly string[];
  rows: readonly string[][];
  /** Column widths in inches when the caller knows better than the content (the Sources list). */
  widths?: readonly number[];
  /** Type size when the caller needs a smaller one (never below 10 pt). */
  pt?: number;
}

const none = { type: 'none' } as const;
const rule = (color: string) => ({ type: 'solid', pt: 0.75, color }) as const;

/** Wide tables drop to 10 pt, never below: a slide must stay readable from the back of the room. */
function tablePoints(columns: number): number {
  return columns > 6 ? 10 : points.table;
}

export function continued(heading: string): string {
  return `${heading} (continued)`;
}

function tableRows(table: SlideTable, rows: readonly string[][], pt: number): PptxGenJS.TableRow[] {
  const figures = table.columns.map((_, i) => isFigureColumn(table.rows, i));
  const header = table.columns.map((column, i): PptxGenJS.TableCell => ({
    text: column,
    options: {
      bold: true,
      fill: { color: colours.raised },
      align: figures[i] ? 'right' : 'left',
      border: [none, none, rule(colours.ruleStrong), none],
    },
  }));
  const body = rows.map((row) =>
    table.columns.map((_, i): PptxGenJS.TableCell => ({
      text: cellText(row[i] ?? ''),
      options: { align: figures[i] ? 'right' : 'left', border: [none, none, rule(colours.rule), none] },
    })),
  );
  return [header, ...body].map((cells) => cells.map((cell) => ({ ...cell, options: { ...cell.options, fontSize: pt } })));
}

/** Adds the table's slides to the deck; returns how many it took. */
export function addTableSlides(deck: PptxGenJS, frame: Frame, table: SlideTable): number {
  const pt = Math.max(10, table.pt ?? tablePoints(table.columns.length));
  const widths = table.widths ? [...table.widths] : columnWidths(table.columns, table.rows, contentWidth);
  const pageFrame = (page: number): Frame =>
    page === 0 ? frame : { ...frame, heading: continued(frame.heading), takeaway: undefined };
  const pages = tablePages(table, widths, pt, (page) => frameLayout(pageFrame(page)).body.h);
  pages.forEach((rows, page) => {
    const { slide, body } = framedSlide(deck, pageFrame(page));
    slide.addTable(tableRows(table, rows, pt), {
      x: body.x,
      y: body.y,
      w: body.w,
      colW: widths,
      fontFace,
      fontSize: pt,
      color: colours.text,
      valign: 'top',
      margin: [cellMargin.y, cellMargin.x, cellMargin.y, cellMargin.x],
    });
  });
  return pages.length;
}
