import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { GapResult } from '../../db/model/types';
import { expectQuietAndLocal, operate, screenshot } from './claims-helpers';
import { findTarget, launchApp, type RunningApp } from './target';
import { createStarterWorkspace } from './workspaces';

const screenshots = fileURLToPath(new URL('../../out/screenshots/', import.meta.url));
const huaxing = 'met-huaxing-11200';

const overview = (page: Page) => page.locator('.stage-gap-chart');
const stageRow = (page: Page, stage: string) => overview(page).locator(`.gap-row[data-stage="${stage}"]`);
const chinaMark = (page: Page, stage: string) => stageRow(page, stage).locator('.gap-mark-china');

async function openGap(page: Page) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Gap' }).click();
  await overview(page).waitFor();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

async function setStateMediaOnly(page: Page, exclude: boolean) {
  const box = page.getByRole('checkbox', { name: 'Exclude state-media-only claims' });
  if ((await box.isChecked()) !== exclude) await box.click();
}

describe('gap view on the starter workspace', () => {
  let folder: string;
  let file: string;
  let app: RunningApp;
  let stagesWithData: string[];

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-gap-'));
    file = join(folder, 'w.sqlite');
    createStarterWorkspace(file, 'Rare earths starter');
    stagesWithData = operate<{ stages: GapResult[] }>(file, 'getStageOverview', { metric: 'capacity_t_per_yr' }).stages.map(
      (result) => result.stage,
    );
    app = await launchApp(findTarget(), file);
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('the Gap tab shows a row per stage that has data, with China and ex-China marks', async () => {
    const { page } = app;
    await openGap(page);
    expect(stagesWithData.length).toBeGreaterThan(0);
    const rows = await overview(page)
      .locator('.gap-row')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-stage')));
    expect(rows).toEqual(stagesWithData);
    for (const stage of stagesWithData) {
      expect(await stageRow(page, stage).locator('.gap-mark-china').count()).toBe(1);
      expect(await stageRow(page, stage).locator('.gap-mark-ex-china').count()).toBe(1);
    }
    // Title, rules, units, as-of and source are inside the SVG itself.
    const text = await overview(page).textContent();
    expect(text).toContain('China vs ex-China');
    expect(text).toContain('state-media-only claims included');
    expect(text).toContain('t/yr');
    expect(text).toMatch(/As of \d+ \w+ \d{4}/);
    expect(text).toContain('Source: Chokepoint workspace');
    expect(text).toContain('weak evidence');
    await screenshot(page, join(screenshots, 'gap-overview.png'), 'light');
    await screenshot(page, join(screenshots, 'gap-overview-dark.png'), 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('share mode draws the 65% EU CRMA benchmark line', async () => {
    const { page } = app;
    expect(await overview(page).locator('.reference-line').count()).toBe(0);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await overview(page).locator('.reference-line').waitFor({ state: 'attached' });
    expect(await overview(page).locator('.reference-label').textContent()).toBe('EU CRMA benchmark: 65% from one country');
    expect(await stageRow(page, 'metals').locator('.row-share').textContent()).toBe('97%');
    expect(await chinaMark(page, 'metals').getAttribute('aria-label')).toContain('97% share, 11,200 t/yr');
    await screenshot(page, join(screenshots, 'gap-overview-share.png'), 'light');
    await screenshot(page, join(screenshots, 'gap-overview-share-dark.png'), 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Absolute', exact: true }).click();
    await overview(page).locator('.reference-line').waitFor({ state: 'detached' });
  });

  test("metals counts Huaxing's 11,200 t/yr only while state-media-only claims count, and marks it weak", async () => {
    const { page } = app;
    const mark = chinaMark(page, 'metals');
    expect(await mark.getAttribute('class')).toContain('gap-mark-weak');
    expect(await mark.getAttribute('data-claim-ids')).toContain(huaxing);
    expect(await mark.getAttribute('aria-label')).toContain('11,200 t/yr');
    expect(await mark.getAttribute('aria-label')).toContain('weak evidence');
    await setStateMediaOnly(page, true);
    await overview(page).locator('text=state-media-only claims excluded').waitFor();
    // With Huaxing left out, China has no metals figure: the stage is not drawn (a share would read 0%)
    // and the line under the chart says why.
    expect(await stageRow(page, 'metals').count()).toBe(0);
    expect(await page.locator('.gap-omitted').textContent()).toMatch(
      /Metals \(no year with counted figures for both China and ex-China\)/,
    );
    await setStateMediaOnly(page, false);
    await overview(page).locator('text=state-media-only claims included').waitFor();
    expect(await chinaMark(page, 'metals').getAttribute('data-claim-ids')).toContain(huaxing);
  });

  test("a mark's tooltip shows the value, unit, year and grades", async () => {
    const { page } = app;
    const mark = chinaMark(page, 'metals');
    await mark.focus();
    const tooltip = page.locator('.chart-tooltip');
    await tooltip.waitFor();
    const text = (await tooltip.textContent()) ?? '';
    expect(text).toContain('11,200 t/yr');
    expect(text).toContain('2025');
    expect(text).toContain('D4');
    expect(text).toContain('1 independent origin');
    await mark.hover();
    await page.screenshot({ path: join(screenshots, 'gap-tooltip.png') });
  });

  test('the trend chart states the trend in words and the composition chart stacks countries', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Stage over time' }).selectOption('separation');
    const trend = page.locator('.gap-trend-chart');
    await trend.waitFor();
    expect(await trend.locator('.trend-statement').textContent()).toMatch(/^(The gap is (widening|narrowing|steady)|Only)/);
    expect(await trend.locator('.trend-mark').count()).toBeGreaterThan(1);
    await trend.scrollIntoViewIfNeeded();
    await trend.screenshot({ path: join(screenshots, 'gap-trend.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await trend.screenshot({ path: join(screenshots, 'gap-trend-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    const composition = page.locator('.composition-chart');
    expect(await composition.locator('.composition-row').count()).toBe(stagesWithData.length);
    expect(await composition.locator('.composition-row[data-stage="metals"] [data-country="China"]').count()).toBe(1);
    await composition.scrollIntoViewIfNeeded();
    await composition.screenshot({ path: join(screenshots, 'gap-composition.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await composition.screenshot({ path: join(screenshots, 'gap-composition-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('export gives an SVG with the title and a PNG at twice the size', async () => {
    const { page } = app;
    await overview(page).scrollIntoViewIfNeeded();
    const exported = await page.evaluate(async () => {
      const probe = window.chokepointCharts;
      const svgEl = document.querySelector<SVGSVGElement>('svg.stage-gap-chart');
      if (!probe || !svgEl) return null;
      const svg = probe.svg(svgEl);
      const png = await probe.png(svg, 2);
      return {
        svg,
        png: Array.from(png),
        width: Number(svgEl.getAttribute('width')),
        height: Number(svgEl.getAttribute('height')),
      };
    });
    expect(exported).not.toBeNull();
    const { svg, png, width, height } = exported!;
    expect(svg).toContain('Capacity gap by stage: China vs ex-China');
    expect(svg).not.toContain('class=');
    expect(svg).toContain('fill="rgb(213, 94, 0)"');
    const bytes = Buffer.from(png);
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(width * 2);
    expect(bytes.readUInt32BE(20)).toBe(height * 2);
    writeFileSync(join(screenshots, 'exported-stage-gap.png'), bytes);
    writeFileSync(join(screenshots, 'exported-stage-gap.svg'), svg);
  });

  test('clicking a mark opens its claim in the claims view', async () => {
    const { page } = app;
    await chinaMark(page, 'metals').click();
    const detail = page.getByRole('complementary', { name: 'Claim detail' });
    await detail.waitFor();
    expect(await detail.locator('.detail-statement').textContent()).toContain('Huaxing');
    expect(
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Claims' }).getAttribute('aria-current'),
    ).toBe('page');
  });

  test('nothing left the machine and the page raised no errors', async () => {
    await expectQuietAndLocal(app);
  });
});
