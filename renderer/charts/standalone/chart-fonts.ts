/**
 * The weights of IBM Plex Sans the charts use (regular text, medium labels, semibold titles), from the
 * Latin subset the app itself ships (@fontsource/ibm-plex-sans). An exported SVG carries these inside
 * it; the command line's PNG renderer reads the same files.
 */
export const chartFontWeights = [400, 500, 600] as const;

export const chartFontFile = (weight: number, format: 'woff' | 'woff2', subset: 'latin' | 'latin-ext' = 'latin') =>
  `@fontsource/ibm-plex-sans/files/ibm-plex-sans-${subset}-${weight}-normal.${format}`;
