import { embeddedChartFonts } from '../cli/chart/render-file';
import type { Workspace } from '../workspace/open';
import type { Report } from './inputs';
import { itemHtml } from './item-html';
import { escapeHtml } from './markdown';
import { pageStyle } from './page-style';
import { asOfDate, reportSources, sourcesSection } from './sources-html';

/**
 * A report as one standalone HTML file: no script, no external reference (the typeface is embedded
 * as data: URLs, charts are inline SVG), and a Content Security Policy that would refuse anything
 * else. The same file is what the PDF is printed from.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2025-08-27" → "27 August 2025": only as precise as the date given. */
export function longDate(date: string): string {
  const [year, month, day] = date.split('-');
  const monthName = month ? months[Number(month) - 1] : undefined;
  if (!monthName) return year ?? date;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

export interface RenderOptions {
  workspaceName: string;
  /** Overrides the report's own page size (the command line's --page). */
  pageSize?: 'A4' | 'Letter';
  /** The day the report is drawn; today unless given (tests). */
  today?: Date;
}

export function renderReportHtml(workspace: Workspace, report: Report, options: RenderOptions): string {
  const rendered = report.items.map((item, index) => itemHtml(workspace, item, options.workspaceName, index));
  const sources = reportSources(
    workspace.db,
    rendered.flatMap((item) => item.claimIds),
  );
  const asOf = report.asOf ?? asOfDate(sources);
  const reportDate = report.reportDate ?? (options.today ?? new Date()).toISOString().slice(0, 10);
  const facts = [
    ['Author', report.author],
    ['Organisation', report.organisation],
    ['Date', longDate(reportDate)],
    ['Data as of', asOf ? longDate(asOf) : 'no dated sources'],
    ['Workspace', options.workspaceName],
  ].filter((fact): fact is [string, string] => typeof fact[1] === 'string' && fact[1] !== '');
  const marking = escapeHtml(report.marking);
  const pageSize = options.pageSize ?? report.pageSize;

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="Chokepoint">
<title>${escapeHtml(report.title)}</title>
<style>
${pageStyle(pageSize, embeddedChartFonts())}
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
<h1>${escapeHtml(report.title)}</h1>
<dl>${facts.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
</section>
${rendered.map((item, index) => `<section class="item item-${report.items[index]!.kind}">\n${item.html}\n</section>`).join('\n')}
${sourcesSection(sources)}
</main>
</td></tr></tbody>
</table>
<div class="marking marking-bottom" role="note">${marking}</div>
</body>
</html>
`;
}
