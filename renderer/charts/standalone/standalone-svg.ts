import { xmlSafe } from './plain-text';
import type { PrintRule } from './print-style';

/**
 * Turns a chart's SVG markup, as React rendered it, into a file that stands on its own: the chart
 * rules become attributes (print-style.ts), the typeface travels inside the file, and what only the
 * live app needs (classes, focus order, claim ids) is dropped. The app and the command line both call
 * this, each with its own DOM (the browser's, or linkedom in Node), so their files are the same.
 */
export interface EmbeddedFont {
  /** CSS weight, e.g. 400. */
  weight: number;
  /** The WOFF2 file as a data: URL. */
  dataUrl: string;
}

export interface SvgDom {
  parse: (markup: string) => Document;
  serialize: (element: Element) => string;
}

export interface StandaloneOptions {
  rules: PrintRule[];
  fonts: EmbeddedFont[];
  dom: SvgDom;
}

export const chartFontFamily = "'IBM Plex Sans', 'Helvetica Neue', Arial, sans-serif";
const svgNamespace = 'http://www.w3.org/2000/svg';
const liveOnly = ['class', 'tabindex', 'focusable', 'aria-describedby'];

function applyRule(element: Element, rule: PrintRule) {
  for (const [property, value] of rule.declarations) {
    if (property !== 'text-transform') element.setAttribute(property, value);
    else if (value === 'uppercase' && element.textContent) element.textContent = element.textContent.toUpperCase();
  }
}

function dropLiveAttributes(element: Element) {
  for (const name of [...element.getAttributeNames()])
    if (liveOnly.includes(name) || name.startsWith('data-')) element.removeAttribute(name);
  for (const child of [...element.children]) dropLiveAttributes(child);
}

function fontFaces(fonts: EmbeddedFont[]): string {
  return fonts
    .map(
      (font) =>
        `@font-face { font-family: 'IBM Plex Sans'; font-style: normal; font-weight: ${font.weight}; src: url(${font.dataUrl}) format('woff2'); }`,
    )
    .join('\n');
}

export function standaloneSvg(markup: string, { rules, fonts, dom }: StandaloneOptions): string {
  // A control character in a label would make the file unreadable XML (and the parse below fail).
  const svg = dom.parse(xmlSafe(markup)).querySelector('svg');
  if (!svg) throw new Error('There is no chart to export: the markup holds no <svg> element.');
  for (const rule of rules) {
    if (svg.matches(rule.selector)) applyRule(svg, rule);
    for (const element of svg.querySelectorAll(rule.selector)) applyRule(element, rule);
  }
  dropLiveAttributes(svg);
  svg.setAttribute('xmlns', svgNamespace);
  svg.setAttribute('font-family', chartFontFamily);
  // The font rules go in as text after serializing: a <style> element inside a document parsed in
  // the app's window would be checked against the app's style-src policy (and refused, noisily).
  const style = `<style>${fontFaces(fonts)}\nsvg { font-variant-numeric: tabular-nums; }</style>`;
  const markupOut = dom.serialize(svg).replace(/^<svg\b[^>]*>/, (openingTag) => `${openingTag}${style}`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${markupOut}\n`;
}
