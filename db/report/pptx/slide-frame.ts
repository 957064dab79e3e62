import type PptxGenJS from 'pptxgenjs';
import {
  bannerHeight,
  colours,
  contentWidth,
  estimatedLines,
  fontFace,
  footnoteBottom,
  gap,
  headingTop,
  lineHeight,
  marginX,
  points,
  slide as page,
} from './slide-grid';

/**
 * What every content slide shares: the marking banner at top and bottom, the heading, the one-line
 * takeaway, the evidence warning, the source footnote, the slide number and the speaker notes. The
 * frame returns the box left for the body, so a chart, table or text never runs into the small print.
 */
export interface Frame {
  marking: string;
  heading: string;
  takeaway?: string;
  warning?: string;
  footnote?: string;
  notes?: readonly string[];
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Text boxes without inner margins, so the grid's arithmetic is where the text really sits. */
const plain = { fontFace, margin: 0, valign: 'top', color: colours.text } as const;

const footnoteLines = 2;
const numberWidth = 0.7;
/** The footnote's width: the slide number takes the right end of the row. */
export const footnoteWidth = contentWidth - numberWidth - 0.2;

/** The marking (e.g. "CONFIDENTIAL — CLIENT NAME") across the top and the bottom, ruled off from the slide. */
export function addMarking(deck: PptxGenJS, slide: PptxGenJS.Slide, marking: string): void {
  if (marking === '') return;
  // A marking too long for one line at 10 pt is set smaller rather than spilling out of its band.
  const pt = estimatedLines(marking, contentWidth, points.banner, true) <= 1 ? points.banner : 8;
  for (const y of [0, page.height - bannerHeight]) {
    slide.addText(marking, {
      ...plain,
      x: marginX,
      y,
      w: contentWidth,
      h: bannerHeight,
      align: 'center',
      valign: 'middle',
      bold: true,
      fontSize: pt,
      charSpacing: 1,
    });
  }
  const rule = { x: marginX, w: contentWidth, h: 0, line: { color: colours.ruleStrong, width: 0.75 } };
  slide.addShape(deck.ShapeType.line, { ...rule, y: bannerHeight });
  slide.addShape(deck.ShapeType.line, { ...rule, y: page.height - bannerHeight });
}

/** A heading too long for one line at 24 pt is set at 20 pt, so two lines fit where one did. */
function headingSize(heading: string): { pt: number; lines: number } {
  const lines = estimatedLines(heading, contentWidth, points.heading, true);
  if (lines <= 1) return { pt: points.heading, lines: 1 };
  return { pt: points.headingLong, lines: Math.min(3, estimatedLines(heading, contentWidth, points.headingLong, true)) };
}

interface FrameLayout {
  heading: Box & { pt: number };
  takeaway?: Box;
  warning?: Box;
  footnote: Box;
  body: Box;
}

/** Where each part of a frame goes, top down; the body takes what is left above the footnote row. */
export function frameLayout(frame: Pick<Frame, 'heading' | 'takeaway' | 'warning'>): FrameLayout {
  const row = (y: number, h: number, w = contentWidth): Box => ({ x: marginX, y, w, h });
  const size = headingSize(frame.heading);
  const heading = { ...row(headingTop, size.lines * lineHeight(size.pt) + 0.06), pt: size.pt };
  let y = heading.y + heading.h + 0.06;
  let takeaway: Box | undefined;
  if (frame.takeaway) {
    const lines = Math.min(3, estimatedLines(frame.takeaway, contentWidth, points.takeaway));
    takeaway = row(y, lines * lineHeight(points.takeaway) + 0.04);
    y += takeaway.h + 0.06;
  }
  let warning: Box | undefined;
  if (frame.warning) {
    // A tinted strip only as wide as its words: visible, but not louder than the finding itself.
    const w = Math.min(contentWidth, (frame.warning.length * points.flags * 0.58) / 72 + 0.3);
    warning = row(y, lineHeight(points.flags) + 0.12, w);
    y += warning.h;
  }
  const footnoteHeight = footnoteLines * lineHeight(points.footnote) + 0.04;
  const footnote = row(footnoteBottom - footnoteHeight, footnoteHeight, footnoteWidth);
  const top = y + gap;
  return { heading, takeaway, warning, footnote, body: row(top, footnote.y - gap - top) };
}

export function framedSlide(deck: PptxGenJS, frame: Frame): { slide: PptxGenJS.Slide; body: Box } {
  const slide = deck.addSlide();
  addMarking(deck, slide, frame.marking);
  const layout = frameLayout(frame);
  const { pt, ...heading } = layout.heading;
  slide.addText(frame.heading, { ...plain, ...heading, fontSize: pt, bold: true });
  if (frame.takeaway && layout.takeaway)
    slide.addText(frame.takeaway, { ...plain, ...layout.takeaway, fontSize: points.takeaway, color: colours.secondary });
  if (frame.warning && layout.warning)
    slide.addText(frame.warning, {
      ...plain,
      ...layout.warning,
      fontSize: points.flags,
      color: colours.dangerText,
      fill: { color: colours.dangerFill },
      valign: 'middle',
      margin: [0, 6, 0, 6],
    });
  if (frame.footnote)
    slide.addText(frame.footnote, {
      ...plain,
      ...layout.footnote,
      fontSize: points.footnote,
      color: colours.muted,
      valign: 'bottom',
    });
  slide.slideNumber = {
    x: page.width - marginX - numberWidth,
    y: footnoteBottom - lineHeight(points.footnote) - 0.04,
    w: numberWidth,
    h: lineHeight(points.footnote) + 0.04,
    fontFace,
    fontSize: points.footnote,
    color: colours.muted,
    align: 'right',
    valign: 'bottom',
    margin: 0,
  };
  if (frame.notes && frame.notes.length > 0) slide.addNotes(frame.notes.join('\n'));
  return { slide, body: layout.body };
}

/** A slide whose body is one quiet line ("No claims match."). */
export function addMessageSlide(deck: PptxGenJS, frame: Frame, message: string): void {
  const { slide, body } = framedSlide(deck, frame);
  slide.addText(message, { ...body, h: 0.5, fontFace, fontSize: points.body, color: colours.muted, margin: 0, valign: 'top' });
}
