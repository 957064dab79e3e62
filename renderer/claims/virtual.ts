/** Every claims row is this tall, so a row's place follows from its index alone. */
export const rowHeight = 46;
/** Rows drawn above and below the visible ones, so a fast scroll does not show blank space. */
export const overscan = 8;
/**
 * Browsers cap an element's height (Chromium near 33 million px). Past this, the scrollbar maps
 * proportionally onto the rows instead of one pixel per pixel, so a million claims still scroll.
 */
export const maxScrollHeight = 8_000_000;

export interface Viewport {
  scrollTop: number;
  height: number;
}

/** The height of the scrolled area for `total` rows. */
export function scrollHeight(total: number): number {
  return Math.min(total * rowHeight, maxScrollHeight);
}

/**
 * The (fractional) index of the row at the top of the viewport. Equals scrollTop / rowHeight while
 * the rows fit under the cap, and scales proportionally beyond it.
 */
export function topIndex(total: number, viewport: Viewport): number {
  const travel = scrollHeight(total) - viewport.height;
  const rows = total - viewport.height / rowHeight;
  if (travel <= 0 || rows <= 0) return 0;
  return (Math.min(viewport.scrollTop, travel) / travel) * rows;
}

/** The scrollTop that puts row `index` at the top of the viewport (the inverse of topIndex). */
export function scrollTopFor(total: number, height: number, index: number): number {
  const travel = scrollHeight(total) - height;
  const rows = total - height / rowHeight;
  if (travel <= 0 || rows <= 0) return 0;
  return (Math.max(0, Math.min(index, rows)) / rows) * travel;
}

/**
 * Which rows to draw, and where the first of them sits inside the scrolled area. `extra` rows are
 * drawn either side of the visible ones (a scroll that jumps further than a screen gains nothing
 * from them: pass 0).
 */
export function visibleRows(
  total: number,
  viewport: Viewport,
  extra = overscan,
): { first: number; last: number; top: (index: number) => number } {
  const at = topIndex(total, viewport);
  const first = Math.max(0, Math.floor(at) - extra);
  const last = Math.min(total - 1, Math.ceil(at + viewport.height / rowHeight) + extra);
  const offset = Math.min(viewport.scrollTop, Math.max(0, scrollHeight(total) - viewport.height));
  return { first, last, top: (index) => offset + (index - at) * rowHeight };
}
