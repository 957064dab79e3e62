import type { Box } from './slide-frame';

/**
 * A chart on a slide is a picture: the chart's own SVG rasterized at three times its size (crisp on a
 * projector and when the client zooms), placed as large as the body allows at the SVG's proportions.
 * The picture goes in as base64 data, so building the deck never reads a file or a URL.
 */
export const chartScale = 3;

/** The SVG root's width and height attributes (the chart's drawing size), else its viewBox. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? '';
  const attribute = (name: string) => Number.parseFloat(new RegExp(`\\s${name}="([\\d.]+)(px)?"`).exec(root)?.[1] ?? '');
  let width = attribute('width');
  let height = attribute('height');
  if (!(width > 0 && height > 0)) {
    const box = /\sviewBox="[\d.-]+[\s,]+[\d.-]+[\s,]+([\d.]+)[\s,]+([\d.]+)"/.exec(root);
    width = Number.parseFloat(box?.[1] ?? '');
    height = Number.parseFloat(box?.[2] ?? '');
  }
  if (!(width > 0 && height > 0)) throw new Error('The chart SVG gives no width and height.');
  return { width, height };
}

/** The largest box of the chart's proportions inside `body`, centred across it and set at its top. */
export function fitChart(size: { width: number; height: number }, body: Box): Box {
  const scale = Math.min(body.w / size.width, body.h / size.height);
  const w = size.width * scale;
  const h = size.height * scale;
  return { x: body.x + (body.w - w) / 2, y: body.y, w, h };
}

export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
}
