import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { drawChart } from '../../db/cli/chart/chart-command';
import { chartSvg, svgToPng } from '../../db/cli/chart/render-file';
import { scoreLines } from '../../db/cli/score';
import { csvCell } from '../../db/export/csv-write';
import { exportWorkspace } from '../../db/export/export-workspace';
import { parseCsv } from '../../db/import/csv';
import { importClaims } from '../../db/import/run-import';
import { defaultRules } from '../../db/model/types';
import type { ReportInput } from '../../db/report/inputs';
import { findChromium, htmlToPdf } from '../../db/report/print-pdf';
import { reportPptx } from '../../db/report/pptx/deck';
import { renderReportHtml } from '../../db/report/render-html';
import type { ReportSlides } from '../../db/report/slides-types';
import { getScores } from '../../db/score/engine/operations';
import type { Workspace } from '../../db/workspace/open';
import { isolateBidi, xmlSafe } from '../../renderer/charts/standalone/plain-text';
import { call, failure, useWorkspaces } from './fixtures/operations';
import {
  asStored,
  hostile,
  hundredThousand,
  longestNotes,
  longestStatement,
  seedHostileWorkspace,
  type HostileName,
} from './fixtures/hostile-text';
import { xmlProblem } from './fixtures/well-formed-xml';

/**
 * The hostile corpus (fixtures/hostile-text.ts) through every export: each file opens in the program
 * it is for, nothing in it can run, and the analyst's text reads as typed — but for the characters
 * a format cannot hold (U+FFFD in their place), a spreadsheet formula (a leading apostrophe) and
 * right-to-left text (isolated so it cannot reorder its neighbours).
 */
const workspaces = useWorkspaces();
const names = Object.keys(hostile) as HostileName[];
/** What a file other than the workspace JSON holds for an entry: as stored, control characters made U+FFFD. */
const shown = (name: HostileName) => xmlSafe(asStored(hostile[name]));
const rightToLeftOverride = /[\u202a-\u202e\u2066-\u2069]/;
/** The characters XML 1.0 forbids, which no export but the workspace JSON may hold. */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const notXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
/** A 1×1 PNG standing in for a chart picture in the deck. */
const dot = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** The corpus, a conflict between two figures for one hostile facility, and risk scoring's own text fields. */
function hostileWorkspace(): { workspace: Workspace; seeded: ReturnType<typeof seedHostileWorkspace>; conflictKey: string } {
  const workspace = workspaces.create('hostile.sqlite');
  const seeded = seedHostileWorkspace(workspace);
  const scriptClaim = call<{ citations: { sourceId: string }[]; entity: string; country: string }>(workspace, 'getClaim', {
    id: seeded.claims.script,
  });
  const rival = call<{ id: string }>(workspace, 'createClaim', {
    statement: `A second figure for ${hostile.script}`,
    stage: 'separation',
    country: scriptClaim.country,
    entity: scriptClaim.entity,
    metric: 'capacity_t_per_yr',
    value: 5000,
    unit: 't/yr',
    year: 2024,
    // Cited twice, the override's source leads every chart's source line.
    citations: [{ sourceId: seeded.sources.rightToLeftOverride }],
  }).id;
  // A country name short enough to be drawn whole beside its figures.
  call(workspace, 'createClaim', {
    statement: 'A plant in a country named with an override',
    stage: 'separation',
    country: '\u202eLIAM',
    entity: 'Short override plant',
    facilityStatus: 'operating',
    metric: 'capacity_t_per_yr',
    value: 900,
    unit: 't/yr',
    year: 2024,
    citations: [{ sourceId: seeded.sources.emoji }],
  });
  const group = call<{ key: string; claims: { id: string }[] }[]>(workspace, 'listConflictGroups', {}).find((g) =>
    g.claims.some((c) => c.id === rival),
  )!;
  call(workspace, 'setPreferredClaim', { groupKey: group.key, claimId: rival, reason: `Because ${hostile.rightToLeftOverride}` });
  call(workspace, 'setJudgedScore', {
    stage: 'separation',
    factor: 'export_controls',
    score: 80,
    rationale: `Rationale ${hostile.script} ${hostile.controls} ${hostile.rightToLeftOverride}`,
    claimIds: [seeded.claims.img],
  });
  call(workspace, 'saveScenario', { name: `Scenario ${hostile.svgBreakout}`, overrides: {} });
  return { workspace, seeded, conflictKey: group.key };
}

function hostileReport(seeded: ReturnType<typeof seedHostileWorkspace>, conflictKey: string): ReportInput {
  return {
    name: `Report ${hostile.img}`,
    title: `Title ${hostile.script} ${hostile.rightToLeftOverride}`,
    author: hostile.svgBreakout,
    organisation: hostile.arabic,
    marking: `Marking ${hostile.controls}`,
    items: [
      { kind: 'chart', chart: 'composition' },
      { kind: 'chart', chart: 'pipeline', stage: 'separation' },
      { kind: 'claims', title: `Claims ${hostile.commentOpen}`, claimIds: names.map((name) => seeded.claims[name]) },
      { kind: 'conflict', groupId: conflictKey },
      { kind: 'scores' },
      {
        kind: 'narrative',
        markdown: `# Narrative ${hostile.script}\n\n${names.map((name) => hostile[name]).join('\n\n')}\n\n[a link](${hostile.javascriptUrl})`,
      },
    ],
  };
}

function slidesOf(workspace: Workspace, report: ReportInput): ReportSlides {
  return call<ReportSlides>(workspace, 'getReportSlides', { report });
}

/** Every element, attribute and address in a parsed page or drawing that could run something. */
function executable(document: Document): string[] {
  const found: string[] = [];
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'foreignobject', 'img', 'image', 'a', 'use'].includes(tag)) found.push(tag);
    for (const attribute of element.getAttributeNames()) {
      const value = element.getAttribute(attribute) ?? '';
      if (/^on/i.test(attribute)) found.push(`${tag} ${attribute}`);
      if (/(^|:)(href|src|action)$/i.test(attribute) && !value.startsWith('#')) found.push(`${tag} ${attribute}=${value}`);
      // Words in a label are inert; an address or a style is where "javascript:" would be followed.
      if (/(href|src|action|style)$/i.test(attribute) && /javascript:/i.test(value)) found.push(`${tag} ${attribute}=${value}`);
    }
  }
  return found;
}

/**
 * True when every embedding or override in `line` sits inside an isolate (FSI/LRI/RLI … PDI): there it
 * ends with the isolate, so it cannot reorder the words that follow. An isolate left open at the end of
 * a line (a wrapped source list) reaches only the end of that line.
 */
function overridesIsolated(line: string): boolean {
  let depth = 0;
  for (const char of line) {
    if (char === '\u2066' || char === '\u2067' || char === '\u2068') depth++;
    else if (char === '\u2069') depth = Math.max(0, depth - 1);
    else if (/[\u202a-\u202e]/.test(char) && depth === 0) return false;
  }
  return true;
}

describe('the hostile corpus enters through the forms', () => {
  it('refuses a 100,000-character statement or note with the field and its limit, and writes nothing', () => {
    const { workspace, seeded } = hostileWorkspace();
    const before = call<{ claims: number }>(workspace, 'getWorkspaceSummary').claims;
    const citations = [{ sourceId: seeded.sources.script }];
    const statement = failure(workspace, 'createClaim', { statement: hundredThousand, citations });
    expect(statement.field).toBe('statement');
    expect(statement.message).toContain('must be at most 4000 characters');
    const notes = failure(workspace, 'createClaim', { statement: 'Fine', notes: hundredThousand, citations });
    expect(notes.field).toBe('notes');
    expect(notes.message).toContain('must be at most 20000 characters');
    expect(failure(workspace, 'createSource', { title: hundredThousand, publisherType: 'other' })).toMatchObject({
      field: 'title',
    });
    expect(call<{ claims: number }>(workspace, 'getWorkspaceSummary').claims).toBe(before);
    // The longest texts the forms take are kept whole, and a 100,000-character archived copy too.
    const long = call<{ statement: string; notes: string }>(workspace, 'getClaim', { id: seeded.longClaim });
    expect([long.statement, long.notes]).toEqual([longestStatement, longestNotes]);
    const archive = call<{ text: string | null }>(workspace, 'getArchive', { sourceId: seeded.longSource });
    expect(archive.text).toBe(hundredThousand);
  });

  it('keeps every character as typed, NUL and escape included; a lone surrogate comes back as U+FFFD', () => {
    const { workspace, seeded } = hostileWorkspace();
    for (const name of names) {
      const claim = call<{ statement: string; entity: string; notes: string }>(workspace, 'getClaim', {
        id: seeded.claims[name],
      });
      expect(claim.statement, name).toBe(asStored(`${hostile[name]} — statement ${name}`));
      expect(claim.notes, name).toBe(asStored(`Claim notes ${hostile[name]}`));
      const source = call<{ title: string; url: string }>(workspace, 'getSource', { id: seeded.sources[name] });
      expect(source.title, name).toBe(asStored(`Source ${name} ${hostile[name]}`));
    }
    expect(call<{ url: string }>(workspace, 'getSource', { id: seeded.sources.javascriptUrl }).url).toBe(hostile.javascriptUrl);
  });
});

describe('exports of the hostile corpus', () => {
  it('workspace JSON round-trips every character exactly, control characters included', () => {
    const { workspace } = hostileWorkspace();
    const first = exportWorkspace(workspace.db, 'json');
    const file = JSON.parse(first) as { claims: { statement: string }[]; assessments: unknown[]; scenarios: { name: string }[] };
    expect(file.claims.map((c) => c.statement)).toContain(`${hostile.controls} — statement controls`);
    expect(file.scenarios.map((s) => s.name)).toContain(`Scenario ${hostile.svgBreakout}`);
    const empty = workspaces.create('empty.sqlite');
    const report = importClaims(empty.db, { format: 'json', content: first, fileName: 'hostile.json' }, { dryRun: false });
    expect(report).toMatchObject({ committed: true, errors: [] });
    const stamp = (json: string) => json.replace(/"exportedAt": "[^"]+"/, '"exportedAt": ""');
    expect(stamp(exportWorkspace(empty.db, 'json'))).toBe(stamp(first));
  });

  it('claims CSV: a cell starting = + - @ tab or CR gets a leading apostrophe; control characters become U+FFFD', () => {
    const { workspace, seeded } = hostileWorkspace();
    const csv = exportWorkspace(workspace.db, 'csv');
    expect(csv).not.toMatch(notXml);
    const { header, rows } = parseCsv(csv);
    const column = (name: string) => header.indexOf(name);
    const row = (name: HostileName) => rows.find((r) => r.cells[column('id')] === seeded.claims[name])!.cells;
    for (const name of ['formulaCmd', 'formulaPlus', 'formulaMinus', 'formulaAt'] as const) {
      expect(row(name)[column('statement')], name).toBe(`'${hostile[name]} — statement ${name}`);
      expect(row(name)[column('source_titles')], name).toBe(`Source ${name} ${hostile[name]}`);
    }
    for (const r of rows) for (const cell of r.cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // (The CSV reader reads a CR inside a cell as a line break.)
    for (const name of names) expect(row(name)[column('notes')], name).toBe(`Claim notes ${shown(name)}`.replace(/\r\n?/g, '\n'));
    // Leading white space never reaches the workspace (the forms trim it); the writer guards it anyway.
    expect([csvCell('\t=1+1'), csvCell('\r=1+1'), csvCell(-3), csvCell('-3')]).toEqual(["'\t=1+1", `"'\r=1+1"`, '-3', "'-3"]);
  });

  it(
    'charts as SVG: well-formed XML, nothing that runs, the names as text with overrides isolated; PNG draws',
    { timeout: 30_000 },
    async () => {
      const { workspace } = hostileWorkspace();
      // The two charts that name countries and facilities; every chart's source line is built by the same code.
      for (const kind of ['composition', 'pipeline'] as const) {
        const chart = drawChart(
          kind,
          workspace,
          { metric: 'capacity_t_per_yr', year: undefined, mode: 'absolute', rules: defaultRules, stage: 'separation' },
          `Workspace ${hostile.rightToLeftOverride}`,
        );
        const svg = chartSvg(chart.element);
        expect(xmlProblem(svg), kind).toBeNull();
        const document = new DOMParser().parseFromString(svg, 'image/svg+xml') as unknown as Document;
        expect(executable(document), kind).toEqual([]);
        const texts = [...document.querySelectorAll('text')].map((text) => text.textContent ?? '');
        // The source line (wrapped over several lines) names hostile sources and ends with the workspace's name.
        const first = texts.findIndex((text) => text.startsWith('Sources:'));
        const last = texts.findIndex((text) => text.includes('Chokepoint workspace'));
        expect(first, kind).toBeGreaterThanOrEqual(0);
        expect(texts[last], kind).toMatch(rightToLeftOverride);
        expect(texts[first], kind).toMatch(rightToLeftOverride);
        for (const line of texts.slice(first, last + 1)) expect(overridesIsolated(line), `${kind}: ${line}`).toBe(true);
        // A facility's detail line ("country · capacity · status"), a segment's "country 4%": the name is isolated.
        for (const line of texts.filter((text) => / · |\d%$/.test(text)))
          expect(overridesIsolated(line), `${kind}: ${line}`).toBe(true);
        if (kind === 'pipeline') {
          // Facility names, each in a row of its own (cut to fit with "…").
          for (const name of ['script', 'img', 'svgBreakout', 'javascriptUrl', 'commentOpen'] as const)
            expect(
              texts.some((text) => text.startsWith(`${hostile[name]} plant`)),
              name,
            ).toBe(true);
          expect(texts.some((text) => text.startsWith('controls:\ufffd\ufffd'))).toBe(true);
          expect(texts).toContain('\u2068\u202eLIAM\u2069 · 900 t/yr · operating');
        }
        // resvg parses strictly, as a viewer would: the pipeline, which carries the most text, draws to PNG.
        if (kind === 'pipeline') {
          const png = await svgToPng(svg, 1);
          expect(Buffer.from(png).subarray(0, 8).toString('hex'), kind).toBe('89504e470d0a1a0a');
        }
      }
    },
  );

  it('HTML report: no element or attribute that runs, the hostile text as text, user text isolated from its neighbours', () => {
    const { workspace, seeded, conflictKey } = hostileWorkspace();
    const html = renderReportHtml(slidesOf(workspace, hostileReport(seeded, conflictKey)));
    expect(html).not.toMatch(notXml);
    const document = new DOMParser().parseFromString(html, 'text/html') as unknown as Document;
    // The charts are the only drawings; nothing else became an element.
    expect(executable(document)).toEqual([]);
    expect(document.querySelectorAll('svg')).toHaveLength(2);
    expect(document.querySelector('title')!.textContent).toBe(`Title ${hostile.script} ${hostile.rightToLeftOverride}`);
    const statements = [...document.querySelectorAll('table.claims tr td:first-child')].map((td) => td.textContent);
    for (const name of names) expect(statements, name).toContain(`${shown(name)} — statement ${name}`);
    const narrative = document.querySelector('.narrative')!.textContent;
    for (const name of ['script', 'img', 'svgBreakout', 'xmlBreaker', 'cdataEnd', 'entities', 'arabic', 'emoji'] as const)
      expect(narrative, name).toContain(hostile[name]);
    // A link prints its address as text; this one's ")" ends the Markdown link early, which changes nothing.
    expect(narrative).toContain('a link [javascript:alert(1');
    // A source's title, publisher and address each sit in a <bdi>: an override in the title cannot flip the date after it.
    const item = document.querySelector(`li[data-source="${seeded.sources.rightToLeftOverride}"]`)!;
    const isolated = [...item.querySelectorAll('bdi')].map((bdi) => bdi.textContent);
    expect(isolated).toEqual([
      `Source rightToLeftOverride ${hostile.rightToLeftOverride}`,
      `${hostile.rightToLeftOverride} publisher`,
      `https://example.org/rightToLeftOverride?q=${hostile.rightToLeftOverride}`,
    ]);
    // The place cell, the conflict heading and its reason: plain text with the name isolated.
    for (const cell of document.querySelectorAll('table.claims tr td:nth-child(2)'))
      expect(overridesIsolated(cell.textContent), cell.textContent).toBe(true);
    const conflict = document.querySelector('section.item-conflict')!;
    expect(overridesIsolated(conflict.querySelector('h2')!.textContent)).toBe(true);
    expect(conflict.textContent).toContain(`Preferred claim, because: ${isolateBidi(`Because ${hostile.rightToLeftOverride}`)}`);
  });

  it('PowerPoint deck: every part is well-formed XML, and the slides carry the text', { timeout: 20_000 }, async () => {
    const { workspace, seeded, conflictKey } = hostileWorkspace();
    const slides = slidesOf(workspace, hostileReport(seeded, conflictKey));
    // The charts' pictures are drawn (and checked) above; here a dot stands in, to keep the test quick.
    const bytes = await reportPptx(slides, { chartPng: () => Promise.resolve(dot) });
    const zip = await JSZip.loadAsync(bytes);
    const parts = Object.keys(zip.files).filter((path) => /\.(xml|rels)$/.test(path));
    expect(parts.length).toBeGreaterThan(20);
    for (const path of parts) expect(xmlProblem(await zip.file(path)!.async('string')), path).toBeNull();
    const slideXml = await Promise.all(
      parts.filter((p) => /^ppt\/slides\/slide\d+\.xml$/.test(p)).map((p) => zip.file(p)!.async('string')),
    );
    const texts = slideXml.flatMap((xml) =>
      [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) =>
        m[1]!.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!),
      ),
    );
    for (const name of ['script', 'img', 'svgBreakout', 'xmlBreaker', 'formulaCmd', 'arabic', 'emoji'] as const)
      expect(
        texts.some((text) => text.includes(`${hostile[name]} — statement ${name}`)),
        name,
      ).toBe(true);
    // (A line break in a text starts a new run, so the control characters before the tab stand for the entry.)
    expect(texts.some((text) => text.startsWith(`controls:${'\ufffd'.repeat(9)}`))).toBe(true);
    expect(texts.some((text) => text.startsWith(`Marking controls:${'\ufffd'.repeat(9)}`))).toBe(true);
  });

  it('risk scores: rationale, scenario and country text survive the JSON and the score lines', () => {
    const { workspace } = hostileWorkspace();
    call(workspace, 'setCountryGovernance', { country: `Country ${hostile.script}`, governance: 0.5 });
    const lines = JSON.parse(JSON.stringify(scoreLines(getScores(workspace.db, { method: 'eu-sr' })))) as unknown[];
    expect(lines.length).toBeGreaterThan(0);
    const file = JSON.parse(exportWorkspace(workspace.db, 'json')) as { assessments: unknown[] };
    expect(JSON.stringify(file.assessments)).toContain(
      JSON.stringify(`Rationale ${hostile.script} ${hostile.controls} ${hostile.rightToLeftOverride}`).slice(1, -1),
    );
    expect(JSON.stringify(file.assessments)).toContain(`Country ${hostile.script}`);
  });
});

// Printing needs Chromium, reading the PDF back needs pdftotext (.ci/run installs both).
const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
describe.skipIf(!findChromium() || !hasPoppler)('the hostile corpus printed to PDF', { timeout: 120_000 }, () => {
  it('prints the markup as text', async () => {
    const { workspace, seeded, conflictKey } = hostileWorkspace();
    const html = renderReportHtml(slidesOf(workspace, hostileReport(seeded, conflictKey)));
    const file = join(workspaces.folder(), 'hostile.pdf');
    writeFileSync(file, await htmlToPdf(html, 'A4'));
    // The narrative gives each text a full-width paragraph of its own (table cells wrap mid-string).
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    for (const name of [
      'script',
      'img',
      'svgBreakout',
      'xmlBreaker',
      'formulaCmd',
      'javascriptUrl',
      'commentOpen',
      'cdataEnd',
    ] as const)
      expect(text, name).toContain(hostile[name]);
  });
});
