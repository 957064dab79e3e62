import { xmlSafe } from '../cli/chart/plain-text';
import { embeddedChartFonts } from '../cli/chart/render-file';
import { escapeHtml } from './markdown';
import { pageStyle } from './page-style';
import type { ReportSlide, ReportSlides } from './slides-types';
import { sourcesSection } from './sources-html';

/**
 * A report as one standalone HTML file: no script, no external reference (the typeface is embedded
 * as data: URLs, charts are inline SVG), and a Content Security Policy that would refuse anything
 * else. The same file is what the PDF is printed from.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/** The item's one-line takeaway leads it: under its heading, or above a chart (which carries its own title). */
function withTakeaway(item: ReportSlide): string {
  if (item.takeaway === '') return item.html;
  const lead = `<p class="takeaway">${escapeHtml(item.takeaway)}</p>`;
  const headingEnd = item.html.indexOf('</h2>');
  if (item.kind === 'chart' || headingEnd < 0) return `${lead}${item.html}`;
  const at = headingEnd + '</h2>'.length;
  return `${item.html.slice(0, at)}${lead}${item.html.slice(at)}`;
}

/** The report as one standalone HTML page: title page, the items in order, then the sources. */
export function renderReportHtml(slides: ReportSlides): string {
  const marking = escapeHtml(slides.marking);
  const footnote = (numbers: readonly number[]) =>
    numbers.length > 0 ? `<p class="footnote">Sources: ${numbers.map((n) => `[${n}]`).join(' ')}</p>` : '';

  // A control character is an HTML parse error, and the page is printed and copied into other files: U+FFFD stands in.
  return xmlSafe(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Chokepoint">
<title>${escapeHtml(slides.title)}</title>
<style>
${pageStyle(slides.pageSize, embeddedChartFonts())}
</style>
</head>
<body>
<div class="marking marking-top" role="note">${marking}</div>
<table class="page-frame" role="presentation">
<thead><tr><td><div class="banner-space"></div></td></tr></thead>
<tfoot><tr><td><div class="banner-space"></div></td></tr></tfoot>
<tbody><tr><td>
<main>
<section class="title-page">
<h1>${escapeHtml(slides.title)}</h1>
<dl>${slides.facts.map(({ term, value }) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
</section>
${slides.items.map((item) => `<section class="item item-${item.kind}">\n${withTakeaway(item)}\n${footnote(item.sourceNumbers)}\n</section>`).join('\n')}
${sourcesSection(slides.sources)}
</main>
</td></tr></tbody>
</table>
<div class="marking marking-bottom" role="note">${marking}</div>
</body>
</html>
`);
}
