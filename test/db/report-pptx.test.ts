import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { svgToPng } from '../../db/cli/chart/render-file';
import { evidenceLine } from '../../db/report/evidence-line';
import { slideTitles } from '../../db/report/pptx/item-slides';
import { chartScale } from '../../db/report/pptx/chart-image';
import { reportPptx } from '../../db/report/pptx/deck';
import { getReport } from '../../db/report/report-store';
import { reportSlides } from '../../db/report/slides';
import { createWorkspace } from '../../db/workspace/create';
import type { ReportSlide, ReportSlides } from '../../db/report/slides-types';
import type { ReportSource } from '../../db/report/sources-html';
import { call, useWorkspaces } from './fixtures/operations';
import { cli } from './run-cli';

const workspaces = useWorkspaces();
const hostile = '<img src=x onerror=alert(1)> and <script>alert(2)</script>';
const marking = 'CONFIDENTIAL — CLIENT NAME';
/** A 1×1 PNG: the hand-made decks need a picture, not a drawn chart. */
const dot = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const pngSignature = '89504e470d0a1a0a';

/** As PptxGenJS (and any XML writer) escapes text. */
const xmlText = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
const decode = (text: string) =>
  text.replace(/&(lt|gt|quot|apos|amp);/g, (_m, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!);

interface Deck {
  files: JSZip;
  slides: string[];
  notes: string[];
  /** Each slide's texts in order, unescaped. */
  texts: string[][];
}

async function openDeck(bytes: Uint8Array): Promise<Deck> {
  const files = await JSZip.loadAsync(bytes);
  const numbered = (folder: string, stem: string) =>
    Object.keys(files.files)
      .filter((path) => new RegExp(`^ppt/${folder}/${stem}\\d+\\.xml$`).test(path))
      .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
  const read = (paths: string[]) => Promise.all(paths.map((path) => files.file(path)!.async('string')));
  const slides = await read(numbered('slides', 'slide'));
  const notes = await read(numbered('notesSlides', 'notesSlide'));
  const texts = slides.map((xml) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decode(m[1]!)));
  return { files, slides, notes, texts };
}

/** A slide's heading: its first text after the marking banners. */
const headingOf = (texts: string[], banner: string) => texts.find((text) => text !== banner) ?? '';

function source(n: number, extra: Partial<ReportSource> = {}): ReportSource {
  return {
    id: `s${n}`,
    title: `Source title ${n} on separation capacity`,
    publisher: `Publisher ${n}`,
    published: `2024-0${(n % 9) + 1}-15`,
    url: `https://example.org/reports/${n}/rare-earths`,
    reliability: 'C',
    stateAffiliated: n % 4 === 0 ? 'yes' : 'no',
    contradicts: false,
    ...extra,
  };
}

function item(kind: ReportSlide['kind'], heading: string, extra: Partial<Omit<ReportSlide, 'evidence'>>): ReportSlide {
  const flags = extra.flags ?? { claims: 0, stateMediaOnly: 0, contested: 0 };
  return {
    kind,
    heading,
    takeaway: '',
    html: '',
    notes: [],
    sourceNumbers: [],
    claimIds: [],
    ...extra,
    flags,
    evidence: evidenceLine(flags),
  };
}

/** A report built by hand in the shape db/report/slides.ts gives: every kind of item, a long table and a long source list. */
function handMade(): ReportSlides {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="960" height="372" viewBox="0 0 960 372"><text x="10" y="20" font-family="IBM Plex Sans">Gap</text></svg>';
  const claimRows = Array.from({ length: 40 }, (_, i) => [
    i === 0 ? hostile : `Claim ${i + 1}: separation capacity reported at ${1000 + i} t/yr by the operator.`,
    'China · separation · 2025',
    `${(1000 + i).toLocaleString('en-GB')} t/yr`,
    'C3',
    i % 5 === 0 ? 'State media only' : 'Single source',
  ]);
  return {
    reportId: 'r1',
    name: 'Hand-made',
    title: `Magnet supply ${hostile}`,
    facts: [
      { term: 'Author', value: 'A. Analyst' },
      { term: 'Organisation', value: 'Acme Advisory' },
      { term: 'Date', value: '27 November 2026' },
      { term: 'Data as of', value: '30 June 2025' },
      { term: 'Workspace', value: 'Rare earths' },
    ],
    marking,
    pageSize: 'A4',
    sources: Array.from({ length: 30 }, (_, i) => source(i + 1)),
    items: [
      item('chart', 'Capacity gap by stage: China vs ex-China', {
        takeaway: 'China holds 93% of separation capacity in 2025.',
        chartSvg: svg,
        notes: ['Evidence: 14 claims.', `First claim ${hostile}`],
        sourceNumbers: Array.from({ length: 25 }, (_, i) => i + 1),
        flags: { claims: 14, stateMediaOnly: 2, contested: 1 },
      }),
      item('claims', 'Claims on separation', {
        takeaway: '40 claims: 8 resting on state media only.',
        table: { columns: ['Claim', 'Where · stage · year', 'Figure', 'Grade', 'Evidence'], rows: claimRows },
        notes: ['Evidence: 40 claims.'],
        sourceNumbers: [2, 3, 30],
        flags: { claims: 40, stateMediaOnly: 8, contested: 0 },
      }),
      item('scores', 'Risk score by stage', {
        takeaway: 'Highest risk: metals 90.',
        table: { columns: ['Stage', 'Score', 'Band'], rows: [['Metals', '90', '84–96']] },
        sourceNumbers: [4],
      }),
      item('narrative', 'What this means', {
        markdown: `# What this means\n\nThe gap is **wide**. ${hostile}\n\n- one [IEA](https://iea.org/x)\n- two\n\n1. first\n2. second`,
      }),
    ],
  };
}

async function expectSoundDeck(deck: Deck, slides: ReportSlides) {
  // 16:9: PowerPoint's Widescreen, 13.333 × 7.5 in.
  const presentation = await deck.files.file('ppt/presentation.xml')!.async('string');
  const size = /<p:sldSz cx="(\d+)" cy="(\d+)"/.exec(presentation)!;
  expect(Number(size[1]) / Number(size[2])).toBeCloseTo(16 / 9, 2);

  // The marking at the top and bottom of every slide, the title and Sources slides included.
  for (const [index, texts] of deck.texts.entries())
    expect(texts.filter((text) => text === slides.marking).length, `banners on slide ${index + 1}`).toBe(2);

  // One slide per item, plus its continuations, between the title slide and the Sources slides.
  const headings = deck.texts.map((texts) => headingOf(texts, slides.marking));
  const sourceSlides = headings.filter((h) => h === 'Sources' || h === 'Sources (continued)').length;
  const continuations = slides.items
    .map((item) => headings.filter((h) => h === `${slideTitles(item).heading} (continued)`).length)
    .reduce((a, b) => a + b, 0);
  expect(sourceSlides).toBeGreaterThanOrEqual(1);
  expect(deck.slides).toHaveLength(1 + slides.items.length + continuations + sourceSlides);
  expect(headings.slice(-sourceSlides).every((h) => h.startsWith('Sources'))).toBe(true);
  expect(deck.texts[0]).toContain(slides.title);

  // Every source any item cites is listed, by title, on the Sources slides; and the list is complete.
  const listed = deck.texts.slice(-sourceSlides).flat().join('\n');
  const cited = new Set(slides.items.flatMap((item) => item.sourceNumbers));
  for (const n of cited) expect(listed).toContain(slides.sources[n - 1]!.title);
  for (const s of slides.sources) expect(listed).toContain(s.title);

  // Addresses are text: no hyperlink anywhere, no relationship leaving the file.
  for (const xml of deck.slides) expect(xml).not.toMatch(/hlinkClick|<a:hlink/);
  const relationships = await Promise.all(
    Object.keys(deck.files.files)
      .filter((path) => path.endsWith('.rels'))
      .map((path) => deck.files.file(path)!.async('string')),
  );
  for (const rels of relationships) expect(rels).not.toMatch(/TargetMode="External"/);

  // Pictures are PNG files inside the deck.
  const media = Object.keys(deck.files.files).filter((path) => path.startsWith('ppt/media/') && !path.endsWith('/'));
  expect(media.length).toBe(slides.items.filter((item) => item.chartSvg !== undefined).length);
  for (const path of media) {
    expect(path).toMatch(/\.png$/);
    const bytes = await deck.files.file(path)!.async('uint8array');
    expect(Buffer.from(bytes.subarray(0, 8)).toString('hex')).toBe(pngSignature);
  }

  // Type on slides stays at 10 pt or above (PptxGenJS writes hundredths of a point).
  for (const xml of deck.slides)
    for (const [, size] of xml.matchAll(/<a:rPr[^>]*\ssz="(\d+)"/g)) expect(Number(size)).toBeGreaterThanOrEqual(1000);
  return headings;
}

describe('report as a PowerPoint deck', { timeout: 120_000 }, () => {
  it('lays out a hand-made report: continued tables, flags, footnotes, notes and escaped text', async () => {
    const slides = handMade();
    const drawn: string[] = [];
    const bytes = await reportPptx(slides, {
      chartPng: (svg) => {
        drawn.push(svg);
        return Promise.resolve(dot);
      },
    });
    expect(drawn).toEqual([slides.items[0]!.chartSvg]);
    const deck = await openDeck(bytes);
    const headings = await expectSoundDeck(deck, slides);

    // 40 claims do not fit one slide: the table continues, its header row repeated.
    const continued = headings.filter((h) => h === 'Claims on separation (continued)');
    expect(continued.length).toBeGreaterThanOrEqual(1);
    const tableSlides = deck.texts.filter((texts) => headingOf(texts, marking).startsWith('Claims on separation'));
    for (const texts of tableSlides) expect(texts).toContain('Where · stage · year');
    const shownRows = tableSlides.flat().filter((text) => /^Claim \d+:/.test(text)).length;
    expect(shownRows).toBe(39);

    // Weak evidence shows on the slide, not only in the notes.
    const chartTexts = deck.texts[1]!;
    expect(chartTexts).toContain('⚠ 2 of 14 figures rest on state media only; 1 contested');
    expect(tableSlides[0]).toContain('⚠ 8 of 40 figures rest on state media only');
    // 25 sources do not fit the footnote row: the first are named, the rest given by number.
    const footnote = chartTexts.find((text) => text.startsWith('Sources: '))!;
    expect(footnote).toContain('[1] Publisher 1, 2024');
    expect(footnote).toMatch(/also \[\d+–25\], listed on the Sources slides\.$/);
    expect(deck.texts.find((texts) => headingOf(texts, marking) === 'Risk score by stage')).toContain(
      'Sources: [4] Publisher 4, 2024.',
    );

    // Markup in a claim, the title and the narrative is text: escaped in the XML, never an element.
    for (const xml of deck.slides) expect(xml).not.toMatch(/<img|<script/i);
    expect(deck.slides.some((xml) => xml.includes(xmlText(hostile)))).toBe(true);
    expect(deck.slides[0]).toContain(xmlText(`Magnet supply ${hostile}`));
    const narrative = deck.texts.find((texts) => headingOf(texts, marking) === 'What this means')!;
    expect(narrative).toContain(`The gap is wide. ${hostile}`);
    expect(narrative).toContain('one IEA [https://iea.org/x]');
    expect(narrative).not.toContain('What this means (continued)');

    // Speaker notes carry the evidence lines, escaped like every other text.
    expect(deck.notes[1]).toContain('Evidence: 14 claims.');
    expect(deck.notes[1]).toContain(xmlText(`First claim ${hostile}`));
    for (const xml of deck.notes) expect(xml).not.toMatch(/<img|<script/i);

    // Metadata: the report's title, its author and organisation, and what it is.
    const core = await deck.files.file('docProps/core.xml')!.async('string');
    expect(core).toContain(`<dc:title>${xmlText(slides.title)}</dc:title>`);
    expect(core).toContain('<dc:creator>A. Analyst</dc:creator>');
    expect(core).toContain('<dc:subject>Chokepoint report</dc:subject>');
    expect(await deck.files.file('docProps/app.xml')!.async('string')).toContain('<Company>Acme Advisory</Company>');
  });

  it('leaves the banner off when the report has no marking', async () => {
    const slides = { ...handMade(), marking: '' };
    const deck = await openDeck(await reportPptx(slides, { chartPng: () => Promise.resolve(dot) }));
    for (const texts of deck.texts) expect(texts).not.toContain(marking);
    expect(deck.texts[0]![0]).toBe('Chokepoint report');
  });

  it('draws a saved report from the starter workspace with real charts', async () => {
    const workspace = workspaces.create('w.sqlite', true);
    const sourceId = call<{ rows: { id: string }[] }>(workspace, 'listSources', {}).rows[0]!.id;
    const { id } = call<{ id: string }>(workspace, 'createClaim', {
      statement: hostile,
      stage: 'magnets',
      country: 'China',
      metric: 'capacity_t_per_yr',
      value: 1000,
      unit: 't/yr',
      year: 2025,
      citations: [{ sourceId }],
    });
    call(workspace, 'saveReport', {
      name: 'Client deck',
      title: 'Rare-earth magnets: where the gap is',
      author: 'A. Analyst',
      organisation: 'Acme Advisory',
      marking,
      items: [
        { kind: 'chart', chart: 'stage-gap' },
        { kind: 'claims', title: 'Claims on separation', filter: { stage: 'separation' } },
        { kind: 'claims', claimIds: [id] },
        { kind: 'scores' },
        { kind: 'narrative', markdown: `# Outlook\n\nNarrative ${hostile}` },
      ],
    });
    const slides = reportSlides(workspace, getReport(workspace.db, 'Client deck'), {
      workspaceName: 'Rare earths',
      today: new Date('2026-11-27T12:00:00Z'),
    });
    const deck = await openDeck(await reportPptx(slides, { chartPng: (svg) => svgToPng(svg, chartScale) }));
    const headings = await expectSoundDeck(deck, slides);
    expect(slides.sources.length).toBeGreaterThan(10);

    // The chart is a crisp picture: three times the SVG's own size.
    const [media] = Object.keys(deck.files.files).filter((path) => path.startsWith('ppt/media/') && !path.endsWith('/'));
    const png = await deck.files.file(media!)!.async('nodebuffer');
    const svgWidth = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(slides.items[0]!.chartSvg!)![1]);
    expect(Math.abs(png.readUInt32BE(16) - svgWidth * chartScale)).toBeLessThanOrEqual(1);

    // The hostile claim is text in its table cell and in the notes of its slide.
    for (const xml of [...deck.slides, ...deck.notes]) expect(xml).not.toMatch(/<img|<script/i);
    const claimSlide = headings.indexOf(slideTitles(slides.items[2]!).heading);
    expect(deck.texts[claimSlide]).toContain(hostile);
    expect(deck.notes[claimSlide]).toContain(xmlText(hostile));

    // Every item's slide has its evidence lines as speaker notes.
    for (const item of slides.items.filter((i) => i.notes.length > 0)) {
      const index = headings.indexOf(slideTitles(item).heading);
      expect(index, item.heading).toBeGreaterThan(0);
      expect(deck.notes[index]).toContain(xmlText(item.notes[0]!));
      expect(deck.notes[index]).toContain(xmlText(item.notes[1]!));
    }
  });
});

describe('chokepoint report --out F.pptx', { timeout: 120_000 }, () => {
  it('writes the Overview as a deck and names .pptx among the formats', async () => {
    const file = join(workspaces.folder(), 'w.sqlite');
    createWorkspace(file, { starter: true }).close();
    const out = join(workspaces.folder(), 'overview.pptx');
    const run = cli('report', '--workspace', file, '--out', out, '--marking', marking);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('overview.pptx');
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const deck = await openDeck(bytes);
    expect(deck.slides.length).toBeGreaterThanOrEqual(5);
    for (const texts of deck.texts) expect(texts.filter((text) => text === marking)).toHaveLength(2);

    const wrong = cli('report', '--workspace', file, '--out', join(workspaces.folder(), 'x.docx'));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('--out must name a .html, .pdf or .pptx file.');
  });

  // LibreOffice opens the deck as PowerPoint would and prints one page per slide (.ci/run installs it).
  const hasSoffice = spawnSync('soffice', ['--version']).error === undefined;
  const hasPoppler = spawnSync('pdfinfo', ['-v']).error === undefined;
  it.skipIf(!hasSoffice || !hasPoppler)(
    'opens in LibreOffice with one page per slide (needs soffice from libreoffice-impress, and pdfinfo)',
    async () => {
      const folder = workspaces.folder();
      const deckFile = join(folder, 'deck.pptx');
      const bytes = await reportPptx(handMade(), { chartPng: () => Promise.resolve(dot) });
      writeFileSync(deckFile, bytes);
      const slideCount = (await openDeck(bytes)).slides.length;
      const convert = spawnSync(
        'soffice',
        [
          `-env:UserInstallation=file://${join(folder, 'profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          folder,
          deckFile,
        ],
        { encoding: 'utf8', timeout: 110_000 },
      );
      expect(convert.status, convert.stderr).toBe(0);
      const info = spawnSync('pdfinfo', [join(folder, 'deck.pdf')], { encoding: 'utf8' }).stdout;
      expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(slideCount);
    },
  );
});
