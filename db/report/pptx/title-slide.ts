import type PptxGenJS from 'pptxgenjs';
import type { ReportSlides } from '../slides-types';
import { addMarking } from './slide-frame';
import { colours, contentWidth, estimatedLines, fontFace, lineHeight, marginX, points } from './slide-grid';

/**
 * The opening slide: the report's title, a short rule in the accent colour and the title-page facts
 * (author, organisation, date, data as of, workspace) as a borderless two-column list, under the marking.
 */
const titleTop = 1.7;
const termWidth = 2.3;

/** A long title steps down in size until it fits three lines, so it never runs into the facts. */
function titleSize(title: string): { pt: number; lines: number } {
  for (const pt of [points.title, 28, 24]) {
    const lines = estimatedLines(title, contentWidth, pt, true);
    if (lines <= 3) return { pt, lines };
  }
  return { pt: 24, lines: Math.min(5, estimatedLines(title, contentWidth, 24, true)) };
}

export function addTitleSlide(deck: PptxGenJS, report: ReportSlides): void {
  const slide = deck.addSlide();
  addMarking(deck, slide, report.marking);
  const plain = { fontFace, margin: 0, valign: 'top' } as const;

  slide.addText('Chokepoint report', {
    ...plain,
    x: marginX,
    y: titleTop - 0.45,
    w: contentWidth,
    h: 0.3,
    fontSize: 12,
    color: colours.muted,
  });
  const size = titleSize(report.title);
  const titleHeight = size.lines * lineHeight(size.pt) + 0.1;
  slide.addText(report.title, {
    ...plain,
    x: marginX,
    y: titleTop,
    w: contentWidth,
    h: titleHeight,
    fontSize: size.pt,
    bold: true,
    color: colours.text,
  });
  const ruleTop = titleTop + titleHeight + 0.2;
  slide.addShape(deck.ShapeType.rect, {
    x: marginX,
    y: ruleTop,
    w: 1.2,
    h: 0.06,
    fill: { color: colours.accent },
    line: { type: 'none' },
  });

  if (report.facts.length === 0) return;
  const none = { type: 'none' } as const;
  slide.addTable(
    report.facts.map(({ term, value }) => [
      { text: term, options: { color: colours.muted, fontSize: points.facts - 2 } },
      { text: value, options: { color: colours.text, fontSize: points.facts } },
    ]),
    {
      x: marginX,
      y: ruleTop + 0.45,
      w: contentWidth,
      colW: [termWidth, contentWidth - termWidth],
      fontFace,
      valign: 'top',
      border: [none, none, none, none],
      margin: [0.05, 0, 0.05, 0],
    },
  );
}
