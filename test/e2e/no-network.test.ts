import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Report } from '../../db/report/inputs';
import { quietChromium } from '../../db/report/print-pdf';
import { startPreviewHost, type PreviewHost } from '../preview/server';
import { claimRows, operate, search } from './claims-helpers';
import { findTarget } from './target';
import { createStarterWorkspace } from './workspaces';

/**
 * No network, proven: one whole analyst session (browse, search, every view, every chart, presentation
 * mode and every export the UI offers) in Chromium through the preview host, with every request the
 * browser makes written down at three levels, and the test asserting that each one went to the preview
 * host on 127.0.0.1 and nowhere else. The Electron app adds its own session lock on top
 * (test/electron/network-lock.test.ts); this test proves the renderer never asks in the first place.
 *
 * The desktop-only File ▸ Export (workspace JSON, claims CSV) runs in the main process, not the page, so
 * it is not here; test/electron/no-network-modules.test.ts proves no main, database or renderer module
 * can reach the network at all.
 */

const fixtures = fileURLToPath(new URL('../db/fixtures/', import.meta.url));

/**
 * A second fence, beside the recording: Chromium resolves no host name at all, so a request that did
 * escape would fail rather than leave, and still be recorded. 127.0.0.1 is an address, not a name, so
 * the preview host is unaffected.
 */
const noNameResolution = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1';

interface Heard {
  url: string;
  /** Who heard it: Playwright's context, the page's own DevTools Network domain, or the route fence. */
  by: 'context' | 'cdp' | 'route' | 'worker';
  what: string;
}

interface Recorder {
  heard: Heard[];
  websockets: string[];
  serviceWorkers: string[];
  /** Resolves once the page's own CDP recording is on (before it is navigated anywhere). */
  watching(page: Page): Promise<void>;
  consoleErrors: string[];
  pageErrors: string[];
}

/**
 * Writes down everything the browser asks for. The context's request event sees every page, popup and
 * worker; a CDP Network session per page also sees what Playwright leaves out of that event (data: URLs,
 * the browser's own favicon fetches, WebSocket and WebTransport handshakes); the route is a fence that
 * refuses anything not for the preview host, so a leak fails the test without reaching the network.
 */
async function record(context: BrowserContext, origin: string): Promise<Recorder> {
  const ready = new Map<Page, Promise<void>>();
  const recorder: Recorder = {
    heard: [],
    websockets: [],
    serviceWorkers: [],
    consoleErrors: [],
    pageErrors: [],
    watching: async (page) => {
      for (let waited = 0; !ready.has(page); waited += 10) {
        if (waited > 5000) throw new Error('the page was never recorded');
        await new Promise((resolveWait) => setTimeout(resolveWait, 10));
      }
      await ready.get(page);
    },
  };
  context.on('request', (request) => recorder.heard.push({ url: request.url(), by: 'context', what: request.resourceType() }));
  context.on('serviceworker', (worker) => recorder.serviceWorkers.push(worker.url()));
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    recorder.heard.push({ url, by: 'route', what: 'refused' });
    return route.abort('blockedbyclient');
  });
  const watch = async (page: Page) => {
    page.on('websocket', (socket) => recorder.websockets.push(socket.url()));
    page.on('worker', (worker) => recorder.heard.push({ url: worker.url(), by: 'worker', what: 'worker script' }));
    page.on('console', (message) => {
      if (message.type() === 'error') recorder.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => recorder.pageErrors.push(error.message));
    const cdp = await context.newCDPSession(page);
    cdp.on('Network.requestWillBeSent', (event) =>
      recorder.heard.push({ url: event.request.url, by: 'cdp', what: event.type ?? 'request' }),
    );
    cdp.on('Network.webSocketCreated', (event) => recorder.websockets.push(event.url));
    cdp.on('Network.webTransportCreated', (event) => recorder.websockets.push(event.url));
    await cdp.send('Network.enable');
  };
  // A popup's CDP session (the presenter view's) opens after its first requests have gone: the context's
  // request event hears those, which is why both levels are kept.
  context.on('page', (page) => {
    const watched = watch(page);
    ready.set(page, watched);
    // A page closed before its CDP session opened rejects here; watching() reports it to a test that waits.
    watched.catch(() => undefined);
  });
  return recorder;
}

/**
 * May this URL appear in the record? The preview host's own origin, or a URL that is its own content:
 * data: carries its bytes in the URL (the PNG export draws its SVG through one, the exported SVG embeds
 * its typeface as one) and blob: names bytes the page itself holds in memory, under the page's origin.
 * Neither opens a socket. Anything else (another host, another port, file:, chrome:, about: …) fails.
 */
function staysOnMachine(url: string, origin: string): boolean {
  if (url.startsWith('data:')) return true;
  if (url.startsWith('blob:')) return url.startsWith(`blob:${origin}/`);
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** A saved file's size once the app has written it whole (saves are asynchronous). */
async function exported(folder: string, name: string | RegExp): Promise<{ name: string; bytes: number }> {
  for (let waited = 0; ; waited += 100) {
    const found = readdirSync(folder).find((entry) => (typeof name === 'string' ? entry === name : name.test(entry)));
    if (found && statSync(join(folder, found)).size > 0) return { name: found, bytes: statSync(join(folder, found)).size };
    if (waited > 30_000) throw new Error(`${String(name)} was not exported within 30 s`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

/**
 * An exported document that would reach out when opened: an element loading a resource from the web,
 * a stylesheet url() or @import of one. Plain links (<a href>) to a source's page are text the reader
 * may follow, not a load, so they are allowed.
 */
const remoteLoad = [
  /<(?:img|image|script|link|iframe|object|embed|source|video|audio|use|feImage)\b[^>]*\s(?:src|href|xlink:href|data|srcset)\s*=\s*["']?\s*(?:https?:|ftp:|\/\/)/i,
  /url\(\s*["']?\s*(?:https?:|ftp:|\/\/)/i,
  /@import\s/i,
];

const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });
const openView = (page: Page, name: string) => views(page).getByRole('button', { name, exact: true }).click();
const chartIn = (section: Locator) => section.locator('svg.chart-svg');

describe('a whole session makes no request off the machine', () => {
  let folder: string;
  let exportsDir: string;
  let browser: Browser;
  let context: BrowserContext;
  let host: PreviewHost;
  let origin: string;
  let page: Page;
  let recorder: Recorder;
  let report: Report;
  let brief: Report;
  const charts = new Set<string>();
  const files = new Map<string, number>();

  beforeAll(async () => {
    const target = findTarget();
    if (target.kind !== 'chromium')
      throw new Error('The no-network session drives Chromium through the preview host: set CHOKEPOINT_E2E_TARGET=chromium.');
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-no-network-'));
    exportsDir = join(folder, 'exports');
    mkdirSync(exportsDir);
    const file = join(folder, 'w.sqlite');
    createStarterWorkspace(file, 'Rare earths starter');
    // Enough of a workspace that every chart has something to draw: a scenario, two snapshots, and a
    // report holding every kind of item, so its exports and slides carry every chart a report can.
    operate(file, 'saveScenario', {
      name: 'US separation plant online',
      overrides: {
        facilities: [
          {
            stage: 'separation',
            country: 'United States',
            name: 'Seadrift',
            capacity: 40000,
            status: 'operating',
            startYear: 2025,
          },
        ],
      },
    });
    operate(file, 'takeSnapshot', { author: 'E2E analyst', note: 'First read' });
    operate(file, 'setJudgedScore', {
      stage: 'separation',
      factor: 'export_controls',
      score: 60,
      rationale: 'Interim measures re-read: licences are being granted.',
    });
    operate(file, 'takeSnapshot', { author: 'E2E analyst', note: 'After the re-read' });
    const [group] = operate<{ key: string }[]>(file, 'listConflictGroups', {});
    // The report files are drawn by the host, not the page (the page only asks): a short report keeps that quick.
    brief = operate<Report>(file, 'saveReport', {
      name: 'Brief',
      title: 'Separation in brief',
      items: [
        { kind: 'narrative', markdown: 'China separates most rare earths.' },
        { kind: 'claims', title: 'Separation claims', filter: { stage: 'separation' } },
      ],
    });
    report = operate<Report>(file, 'saveReport', {
      name: 'Everything',
      title: 'Rare earths: every chart',
      author: 'A. Analyst',
      marking: 'Internal',
      items: [
        { kind: 'chart', chart: 'stage-gap' },
        { kind: 'chart', chart: 'gap-trend', stage: 'separation' },
        { kind: 'chart', chart: 'composition' },
        { kind: 'chart', chart: 'pipeline', stage: 'separation' },
        { kind: 'scores' },
        { kind: 'claims', title: 'Separation claims', filter: { stage: 'separation' } },
        { kind: 'conflict', groupId: group!.key },
        { kind: 'narrative', markdown: '## Why it matters\nChina separates most rare earths.' },
      ],
    });

    host = await startPreviewHost({ workspace: file, exportsDir });
    origin = new URL(host.url).origin;
    browser = await chromium.launch({
      executablePath: target.chromiumPath,
      headless: true,
      args: [...quietChromium, noNameResolution],
    });
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
    recorder = await record(context, origin);
    page = await context.newPage();
    await recorder.watching(page);
    await page.goto(host.url);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await host?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('claims: browse, search and open a claim with its sources and history', async () => {
    await page.locator('.claims-count', { hasText: /^\d+ claims/ }).waitFor();
    expect(await claimRows(page).count()).toBeGreaterThan(10);
    await page.locator('.claims-scroll').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    await search(page, 'electrolysis Huaxing');
    await page.locator('.claims-count', { hasText: /^\d+ matching/ }).waitFor();
    await claimRows(page).filter({ hasText: 'Huaxing' }).first().click();
    const detail = page.getByRole('complementary', { name: 'Claim detail' });
    await detail.locator('.chain-citation').first().waitFor();
    await detail.locator('.history-empty, .history').first().waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.locator('.claims-count', { hasText: /^\d+ claims/ }).waitFor();
  });

  test('sources: the table and one source with what cites it', async () => {
    await openView(page, 'Sources');
    const rows = page.locator('tbody tr.source-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(5);
    await rows.first().click();
    await page.locator('aside.source-panel').getByRole('region', { name: 'Cited by' }).waitFor();
  });

  test('gap: every chart is drawn, in both modes, and exported as SVG and PNG', async () => {
    await openView(page, 'Gap');
    const sections = {
      'stage-gap': page.getByRole('region', { name: 'Stage gap overview' }),
      'gap-trend': page.getByRole('region', { name: 'Gap over time' }),
      composition: page.getByRole('region', { name: 'Value-chain composition' }),
      pipeline: page.getByRole('region', { name: 'Ex-China pipeline' }),
    };
    await page.getByRole('combobox', { name: 'Stage over time' }).selectOption('separation');
    await page.getByRole('combobox', { name: 'Pipeline stage' }).selectOption('separation');
    for (const [name, section] of Object.entries(sections)) {
      await chartIn(section).waitFor();
      charts.add(name);
    }
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page.locator('.stage-gap-chart .reference-line').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Absolute', exact: true }).click();
    await page.locator('.stage-gap-chart .gap-mark-china').first().hover();
    await page.locator('.chart-tooltip').waitFor();
    const saved = {
      'stage-gap': 'stage-gap',
      'gap-trend': 'gap-trend-separation',
      composition: 'composition',
      pipeline: 'pipeline-separation',
    };
    for (const [name, section] of Object.entries(sections)) {
      for (const kind of ['svg', 'png']) {
        await section.getByRole('button', { name: `Export ${kind.toUpperCase()}` }).click();
        const { bytes } = await exported(exportsDir, `${saved[name as keyof typeof saved]}.${kind}`);
        files.set(`${saved[name as keyof typeof saved]}.${kind}`, bytes);
      }
    }
  });

  test('scores: heatmap, sensitivity, scenario comparison and trend are drawn and exported', async () => {
    await openView(page, 'Scores');
    const tab = (name: string) => page.getByRole('tab', { name });
    const exportBoth = async (section: Locator, name: string) => {
      await chartIn(section).waitFor();
      charts.add(name);
      for (const kind of ['svg', 'png']) {
        await section.getByRole('button', { name: `Export ${kind.toUpperCase()}` }).click();
        const saved = await exported(exportsDir, new RegExp(`^${name}.*\\.${kind}$`));
        files.set(saved.name, saved.bytes);
      }
    };
    await exportBoth(page.getByRole('region', { name: 'Risk heatmap' }), 'score-heatmap');
    const cards = page.getByRole('region', { name: 'Stage score cards' });
    await cards.getByRole('checkbox', { name: 'Compare methods' }).check();
    await cards.locator('.score-card [data-method="eu-sr"]').first().waitFor();
    await tab('Sensitivity').click();
    await page.getByRole('combobox', { name: 'Stage' }).selectOption('separation');
    await exportBoth(page.getByRole('region', { name: 'Sensitivity' }), 'score-tornado');
    await tab('Scenarios').click();
    await page.locator('.scenario-comparison [data-series]').first().waitFor();
    await exportBoth(page.getByRole('region', { name: 'Scenario comparison' }), 'score-scenarios');
    await tab('Snapshots and trend').click();
    await page.getByRole('region', { name: 'Snapshot diff' }).waitFor();
    await exportBoth(page.getByRole('region', { name: 'Trend across snapshots' }), 'score-trend');
    await tab('Weights and inputs').click();
    await page.getByRole('form', { name: 'Weights' }).waitFor();
  });

  test('conflicts, country blocs and import: each view shows its data', async () => {
    await openView(page, 'Conflicts');
    const card = page.locator('.conflict-card').first();
    await card.waitFor();
    await card.getByRole('button', { name: 'History' }).click();
    await card.locator('.history-entry, .history-empty').first().waitFor();
    await openView(page, 'Countries');
    await page.locator('.bloc-row[data-country="china"]').waitFor();
    await openView(page, 'Import');
    const view = page.locator('section.import-view');
    await view.getByLabel('Choose a CSV or JSON file').setInputFiles(join(fixtures, 'usgs-wide.csv'));
    await view.getByLabel('Recipe (JSON)').fill(readFileSync(join(fixtures, 'usgs-wide.recipe.json'), 'utf8'));
    await view.getByRole('button', { name: 'Preview' }).click();
    await view.locator('.import-counts').filter({ hasText: 'Dry run' }).waitFor();
  });

  test('reports: a report is exported as HTML, PDF and PowerPoint, and the one with every item kind is presented', async () => {
    await openView(page, 'Reports');
    const outline = page.getByRole('complementary', { name: 'Outline' }).locator('.report-outline-item');
    await page.locator(`.report-list-entry[data-report-id="${brief.id}"]`).click();
    await expect.poll(() => outline.count(), { timeout: 15_000 }).toBe(2);
    const bar = page.getByRole('group', { name: 'Export and present' });
    for (const [label, suffix] of [
      ['HTML', '.html'],
      [/^PDF/, '.pdf'],
      ['PowerPoint', '.pptx'],
    ] as const) {
      await bar.getByRole('button', { name: label }).click();
      const saved = await exported(exportsDir, new RegExp(`\\${suffix}$`));
      files.set(saved.name, saved.bytes);
      await bar.getByRole('status').filter({ hasText: 'Saved to' }).waitFor();
    }

    await page.locator(`.report-list-entry[data-report-id="${report.id}"]`).click();
    // Drawing the outline of eight items takes a moment: poll longer than the default second.
    await expect.poll(() => outline.count(), { timeout: 15_000 }).toBe(8);
    // Presentation mode, the presenter view (a second window of our own page) included.
    await page.evaluate(() => {
      // Headless Chromium refuses full screen; the overlay covers the window regardless.
      Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('Permissions check failed'));
    });
    await bar.getByRole('button', { name: 'Present' }).click();
    const deck = page.getByRole('dialog', { name: /^Presentation/ });
    await deck.locator('section.slide[data-slide="1"]').waitFor();
    const presenterOpened = context.waitForEvent('page');
    await page.keyboard.press('p');
    const presenter = await presenterOpened;
    await presenter.getByRole('region', { name: 'Current slide' }).waitFor();
    let slideCharts = 0;
    for (let n = 1; n <= 12; n++) {
      slideCharts += await deck.locator('section.slide .slide-chart svg').count();
      await page.keyboard.press('ArrowRight');
    }
    // The report's four gap charts, each on its own slide.
    expect(slideCharts).toBeGreaterThanOrEqual(4);
    charts.add('slides');
    await page.bringToFront();
    await page.keyboard.press('Escape');
    await deck.waitFor({ state: 'detached' });
    await presenter.getByText('Presentation ended').waitFor();
    await presenter.close();
  });

  test('the session did the work: every chart drawn, every export written and self-contained', () => {
    expect([...charts].sort()).toEqual(
      [
        'composition',
        'gap-trend',
        'pipeline',
        'score-heatmap',
        'score-scenarios',
        'score-tornado',
        'score-trend',
        'slides',
        'stage-gap',
      ].sort(),
    );
    // Eight charts as SVG and PNG, and the report three ways: nothing empty.
    expect(files.size).toBe(19);
    for (const [name, bytes] of files) expect(bytes, name).toBeGreaterThan(1000);
    for (const name of readdirSync(exportsDir).filter((entry) => /\.(svg|html)$/.test(entry))) {
      const text = readFileSync(join(exportsDir, name), 'utf8');
      for (const pattern of remoteLoad) expect(pattern.exec(text)?.[0], `${name} loads from the web`).toBeUndefined();
    }
  });

  test('every request went to the preview host on 127.0.0.1: no other host, no socket, no service worker', async () => {
    const heard = recorder.heard;
    // The recording saw the session at both levels: the operation calls, each chart export, each report export.
    const calls = (by: Heard['by'], path: string) => heard.filter((h) => h.by === by && h.url === `${origin}${path}`).length;
    for (const by of ['context', 'cdp'] as const) {
      expect(calls(by, '/api/operation'), by).toBeGreaterThan(30);
      expect(calls(by, '/api/export'), by).toBe(16);
      expect(calls(by, '/api/export-report'), by).toBe(3);
    }
    // The CDP session hears what the request event leaves out: the PNG exports' data: images.
    expect(heard.some((h) => h.by === 'cdp' && h.url.startsWith('data:'))).toBe(true);
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    const leaks = heard.filter((h) => !staysOnMachine(h.url, origin) || h.by === 'route');
    expect(leaks.map((h) => `${h.by} ${h.what} ${h.url.slice(0, 200)}`)).toEqual([]);
    expect(recorder.websockets).toEqual([]);
    expect(recorder.serviceWorkers).toEqual([]);
    expect(context.serviceWorkers()).toEqual([]);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((all) => all.length))).toBe(0);
    expect(recorder.pageErrors).toEqual([]);
    expect(recorder.consoleErrors).toEqual([]);
  });

  test('the recording would have caught a leak: a stray request and socket from a blank page are heard', async () => {
    // Outside the app, on a page with no Content-Security-Policy, so nothing stops the attempt early.
    const before = recorder.heard.length;
    const stray = await context.newPage();
    await recorder.watching(stray);
    const outcome = await stray.evaluate(async () => {
      const socket = new WebSocket('ws://canary.example/');
      const closed = new Promise((resolveClose) => socket.addEventListener('close', resolveClose));
      const fetched = await fetch('https://canary.example/collect').then(
        () => 'reached',
        () => 'failed',
      );
      await closed;
      return fetched;
    });
    await stray.close();
    expect(outcome).toBe('failed');
    const heard = recorder.heard.slice(before).filter((h) => h.url.includes('canary.example'));
    expect(heard.map((h) => h.by)).toEqual(expect.arrayContaining(['context', 'cdp', 'route']));
    expect(recorder.websockets).toContain('ws://canary.example/');
  });
});
