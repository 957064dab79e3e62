import regular from '@fontsource/ibm-plex-sans/files/ibm-plex-sans-latin-400-normal.woff2?inline';
import medium from '@fontsource/ibm-plex-sans/files/ibm-plex-sans-latin-500-normal.woff2?inline';
import semibold from '@fontsource/ibm-plex-sans/files/ibm-plex-sans-latin-600-normal.woff2?inline';
import themeCss from '../styles/theme.css?raw';
import chartsCss from './charts.css?raw';
import { printRules } from './standalone/print-style';
import { standaloneSvg, type EmbeddedFont } from './standalone/standalone-svg';

/**
 * Export from the app: the chart on screen, serialized, becomes a standalone SVG by the same steps the
 * command line takes (standalone/), and the PNG is that SVG drawn into a canvas, so the embedded
 * typeface is used for the pixels too.
 */
const rules = printRules(chartsCss, themeCss);
const fonts: EmbeddedFont[] = [
  { weight: 400, dataUrl: regular },
  { weight: 500, dataUrl: medium },
  { weight: 600, dataUrl: semibold },
];
const browserDom = {
  parse: (markup: string) => new DOMParser().parseFromString(markup, 'image/svg+xml'),
  serialize: (element: Element) => new XMLSerializer().serializeToString(element),
};

/** The chart's SVG as a standalone file: colours and sizes as attributes, the typeface inside, no CSS classes. */
export function chartToSvgString(svg: SVGSVGElement): string {
  return standaloneSvg(browserDom.serialize(svg), { rules, fonts, dom: browserDom });
}

/** Draws an exported SVG into a canvas at `scale` (2 = twice the pixels) and returns the PNG's bytes. */
export async function svgToPngBytes(svg: string, scale = 2): Promise<Uint8Array> {
  // Read from the text, not a parsed document: the file's <style> must not meet the window's policy.
  const width = Number(/<svg\b[^>]*?\swidth="([\d.]+)"/.exec(svg)?.[1]);
  const height = Number(/<svg\b[^>]*?\sheight="([\d.]+)"/.exec(svg)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error('The chart has no size to export.');
  const image = new Image(width, height);
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This window cannot draw the chart into an image.');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  const base64 = canvas.toDataURL('image/png').split(',')[1] ?? '';
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}
