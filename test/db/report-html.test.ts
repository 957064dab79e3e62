import { join } from 'node:path';
import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { executeOperation } from '../../db/api';
import { listClaimsByIds } from '../../db/evidence/claim-query';
import { claimRow } from '../../db/report/claims-html';
import { renderMarkdown } from '../../db/report/markdown';
import { overviewReport } from '../../db/report/overview';
import { REPORT_CSP, renderReportHtml } from '../../db/report/render-html';
import { getReport } from '../../db/report/report-store';
import { reportSlides } from '../../db/report/slides';
import { createWorkspace } from '../../db/workspace/create';
import type { Workspace } from '../../db/workspace/open';
import { cli } from './run-cli';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();
const hostile = '<img src=x onerror=alert(1)> and <script>alert(2)</script>';
const marking = 'CONFIDENTIAL — CLIENT NAME';

const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html') as unknown as Document;

function ok<T>(workspace: Workspace, name: string, input?: unknown): T {
  const result = executeOperation({ workspace }, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

describe('narrative Markdown', () => {
  it('renders headings, emphasis, lists and links as text, and escapes everything else', () => {
    const html = renderMarkdown(
      `# Findings\n\nThe gap is **wide** and *growing*.\n\n- one\n- [IEA](https://iea.org/x)\n\n1. first\n\n${hostile}\n\n![pixel](https://evil.example/p.png)`,
    );
    expect(html).toContain('<h3>Findings</h3>');
    expect(html).toContain('<strong>wide</strong>');
    expect(html).toContain('<em>growing</em>');
    expect(html).toContain('<ul><li>one</li><li>IEA [https://iea.org/x]</li></ul>');
    expect(html).toContain('<ol><li>first</li></ol>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; and &lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).not.toMatch(/<img|<script|<a /);
  });
});

describe('report HTML', { timeout: 60_000 }, () => {
  it('shows markup in a claim statement and in narrative as text, never as elements', () => {
    const workspace = createWorkspace(join(tempFolder(), 'w.sqlite'), { starter: true, name: 'Rare earths' });
    const sourceId = ok<{ rows: { id: string }[] }>(workspace, 'listSources', {}).rows[0]!.id;
    const { id } = ok<{ id: string }>(workspace, 'createClaim', {
      statement: hostile,
      stage: 'magnets',
      country: 'China',
      metric: 'capacity_t_per_yr',
      value: 1000,
      unit: 't/yr',
      year: 2025,
      citations: [{ sourceId }],
    });
    ok(workspace, 'saveReport', {
      name: 'Hostile',
      title: `Title ${hostile}`,
      author: hostile,
      marking: hostile,
      items: [
        { kind: 'claims', claimIds: [id] },
        { kind: 'narrative', markdown: `Narrative ${hostile}` },
      ],
    });
    const html = renderReportHtml(reportSlides(workspace, getReport(workspace.db, 'Hostile'), { workspaceName: 'Rare earths' }));
    workspace.close();
    const document = parse(html);
    expect(document.querySelectorAll('script, img, iframe, object, a, link')).toHaveLength(0);
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    const cell = [...document.querySelectorAll('table.claims td')].map((td) => td.textContent);
    expect(cell).toContain(hostile);
    expect(document.querySelector('.narrative')!.textContent).toContain(`Narrative ${hostile}`);
    expect(document.querySelector('h1')!.textContent).toBe(`Title ${hostile}`);
  });

  it('draws the Overview with the banner at top and bottom, every chart source listed and no outside reference', () => {
    const workspace = createWorkspace(join(tempFolder(), 'w.sqlite'), { starter: true, name: 'Rare earths' });
    const html = renderReportHtml(
      reportSlides(workspace, overviewReport('Rare earths', marking), { workspaceName: 'Rare earths' }),
    );
    const document = parse(html);

    // The banner: first and last thing in the body (fixed on every printed page by the print CSS).
    const body = [...document.body.children];
    expect(body[0]!.className).toContain('marking-top');
    expect(body.at(-1)!.className).toContain('marking-bottom');
    for (const banner of [body[0]!, body.at(-1)!]) expect(banner.textContent).toBe(marking);
    expect(html).toMatch(/\.marking \{ position: fixed;/);

    // Two charts as inline vector SVG, with their evidence line, and score cards as tables.
    expect(document.querySelectorAll('figure.chart svg')).toHaveLength(2);
    expect(document.querySelectorAll('.evidence-note')).toHaveLength(2);
    expect(document.querySelectorAll('.score-card table').length).toBeGreaterThan(0);

    // Every source the charts' claims rest on, as getChartSources counts them, is in the sources list.
    const overview = ok<{ stages: { claimIds: string[] }[] }>(workspace, 'getStageOverview', { metric: 'capacity_t_per_yr' });
    const claimIds = [...new Set(overview.stages.flatMap((stage) => stage.claimIds))];
    const chartSources = ok<{ sources: unknown[]; asOf: string | null }>(workspace, 'getChartSources', { claimIds });
    expect(chartSources.sources.length).toBeGreaterThan(0);
    const cited = workspace.db
      .prepare(
        `SELECT DISTINCT source_id FROM claim_citations WHERE stance = 'supports' AND claim_id IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .all(JSON.stringify(claimIds)) as string[];
    const listed = [...document.querySelectorAll('section.sources li')].map((li) => li.getAttribute('data-source'));
    for (const source of cited) expect(listed).toContain(source);
    // Each item leads with its one-line takeaway, drawn from the figures.
    const takeaways = [...document.querySelectorAll('section.item .takeaway')].map((p) => p.textContent);
    expect(takeaways).toHaveLength(3);
    expect(takeaways[0]).toMatch(/^China's share of capacity is highest in \w+: \d+%/);
    expect(takeaways[2]).toMatch(/^Highest risk: \w+ \d+ \(band \d+–\d+\) of 100; lowest: /);
    // Each item's footnote numbers point into that list.
    const footnotes = [...document.querySelectorAll('section.item .footnote')].map((p) => p.textContent);
    expect(footnotes.length).toBeGreaterThanOrEqual(2);
    for (const note of footnotes)
      for (const [, n] of note.matchAll(/\[(\d+)\]/g)) expect(Number(n)).toBeLessThanOrEqual(listed.length);
    workspace.close();

    // Self-contained: no script, a strict CSP, only data: URLs, and web addresses only as source text.
    expect(html).not.toMatch(/<script/i);
    expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toBe(REPORT_CSP);
    expect(html).not.toMatch(/\s(src|href|xlink:href)=/i);
    for (const url of html.match(/url\([^)]*\)/g) ?? []) expect(url).toMatch(/^url\((data:|#item\d+-)/);
    // Each chart is drawn on its own; in one page their pattern ids must still be distinct.
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.getAttribute('id'));
    expect(new Set(ids).size).toBe(ids.length);
    document.querySelector('section.sources ol')!.remove();
    expect(document.documentElement.outerHTML).not.toMatch(/https?:/);
  });
});

describe('chokepoint report', { timeout: 60_000 }, () => {
  it('writes the Overview as HTML and names a missing report', () => {
    const folder = tempFolder();
    const file = join(folder, 'w.sqlite');
    createWorkspace(file, { starter: true }).close();
    const out = join(folder, 'overview.html');
    const run = cli('report', '--workspace', file, '--out', out, '--marking', marking);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('overview.html');
    const missing = cli('report', '--workspace', file, '--report', 'Nope', '--out', out);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('chokepoint: --report: No report "Nope".');
    const wrong = cli('report', '--workspace', file, '--out', join(folder, 'x.docx'));
    expect(wrong.stderr).toContain('--out must name a .html, .pdf or .pptx file.');
  });
});

describe('claims tables', () => {
  it('writes a year as a year, and a tonnage with thousands separators', () => {
    const workspace = createWorkspace(join(tempFolder(), 'w.sqlite'), { starter: true });
    const rows = listClaimsByIds(workspace.db, ['sep-iluka-commissioning-2026', 'sep-huamei-107000']).map((claim) =>
      claimRow(claim),
    );
    workspace.close();
    const figures = rows.map((row) => row[2]);
    expect(figures).toContainEqual('2026 year');
    expect(figures.some((figure) => figure!.startsWith('107,000 t'))).toBe(true);
  });
});
