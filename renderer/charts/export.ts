/**
 * A chart on screen takes its colours from the theme through CSS classes. An exported file has no
 * stylesheet, so every element's computed presentation is copied onto it as attributes, with font
 * fallbacks, and the interactive attributes are dropped. The PNG is that SVG drawn into a canvas.
 */
const presentation = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-size',
  'font-weight',
  'font-style',
  'letter-spacing',
  'text-transform',
] as const;

const fontFallback = "'IBM Plex Sans', 'Helvetica Neue', Arial, sans-serif";
const dropped = ['tabindex', 'role', 'class', 'data-claim-ids', 'data-side', 'data-stage', 'data-year', 'data-country'];

function inline(source: Element, target: Element) {
  const style = getComputedStyle(source);
  for (const property of presentation) {
    const value = style.getPropertyValue(property);
    if (!value || value === 'normal') continue;
    if (property === 'text-transform') {
      if (value === 'uppercase' && target.textContent) target.textContent = target.textContent.toUpperCase();
      continue;
    }
    // A pattern fill is already an attribute pointing into the exported defs: keep it.
    if (property === 'fill' && source.getAttribute('fill')?.startsWith('url(')) continue;
    target.setAttribute(property, value);
  }
  if (source instanceof SVGTextElement) target.setAttribute('font-family', fontFallback);
  for (const name of dropped) target.removeAttribute(name);
  const sourceChildren = [...source.children];
  const targetChildren = [...target.children];
  sourceChildren.forEach((child, index) => {
    const copy = targetChildren[index];
    if (copy) inline(child, copy);
  });
}

/** The chart's SVG as a standalone file: colours and fonts as attributes, no classes, no CSS. */
export function chartToSvgString(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inline(svg, copy);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('font-family', fontFallback);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

/** Draws an exported SVG into a canvas at `scale` (2 = twice the pixels) and returns the PNG's bytes. */
export async function svgToPngBytes(svg: string, scale = 2): Promise<Uint8Array> {
  const root = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
  const width = Number(root.getAttribute('width'));
  const height = Number(root.getAttribute('height'));
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

declare global {
  interface Window {
    /** The export functions, reachable from the devtools console and end-to-end tests (page.evaluate). */
    chokepointCharts?: { svg: typeof chartToSvgString; png: typeof svgToPngBytes };
  }
}

window.chokepointCharts = { svg: chartToSvgString, png: svgToPngBytes };
