/**
 * The deck's grid, type and colours in one place: a 16:9 slide (PowerPoint's "Widescreen",
 * 13.33 × 7.5 in) with the marking banner at top and bottom, a heading block, a body and a footnote
 * row. Colours are the app's light theme, so a slide reads like the report page it came from.
 */
export const slide = { width: 13.333, height: 7.5 } as const;

/** Left and right margin; every block spans the width between them. */
export const marginX = 0.55;
export const contentWidth = slide.width - 2 * marginX;

/** The marking banner's band at the very top and the very bottom of every slide. */
export const bannerHeight = 0.34;

export const headingTop = bannerHeight + 0.2;
/** The footnote row sits just above the bottom banner, the body ends above it. */
export const footnoteBottom = slide.height - bannerHeight - 0.08;
export const gap = 0.14;

/**
 * Arial, not the app's IBM Plex Sans: a deck is opened and edited on the client's machines, where
 * Plex is rarely installed and a substitute would reflow text boxes sized here. The charts keep
 * Plex, drawn into their pictures.
 */
export const fontFace = 'Arial';

export const points = {
  title: 34,
  heading: 24,
  headingLong: 20,
  takeaway: 15,
  body: 14,
  table: 11,
  flags: 11,
  footnote: 10,
  banner: 10,
  facts: 15,
} as const;

export const colours = {
  text: '1F2328',
  secondary: '424A53',
  muted: '6A737D',
  rule: 'DCDFE3',
  ruleStrong: 'B9BFC6',
  raised: 'F6F6F4',
  accent: '0072B2',
  dangerText: 'A13D00',
  dangerFill: 'FBEEE6',
  white: 'FFFFFF',
} as const;

/** Line height of set text, in inches: PowerPoint's single spacing is about 1.2 × the font size. */
export function lineHeight(pt: number): number {
  return (pt * 1.2) / 72;
}

/**
 * How many lines a text takes in a box `width` inches wide. A deck cannot measure its own text
 * (the viewer lays it out, maybe in a substitute font), so this errs on the long side: an average
 * character of 0.47 em (English text runs near 0.42 em in Plex and Arial) in 92% of the width, for the words that
 * will not split. Checked against LibreOffice's rendering in DejaVu Sans, wider than either.
 */
export function estimatedLines(text: string, width: number, pt: number, bold = false): number {
  const charWidth = (pt * (bold ? 0.53 : 0.47)) / 72;
  const perLine = Math.max(1, Math.floor((width * 0.92) / charWidth));
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
}
