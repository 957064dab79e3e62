import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

/** The saved file's path once the app has written it (the save is asynchronous). */
async function exported(folder: string, name: string): Promise<string> {
  const file = join(folder, name);
  for (let waited = 0; !existsSync(file); waited += 100) {
    if (waited > 10_000) throw new Error(`${name} was not exported within 10 s`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  return file;
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
    // The data's date is its newest source's; the sources are named, most-cited first.
    expect(text).toMatch(/Data as of \d+ \w+ \d{4} · drawn \d+ \w+ \d{4}/);
    expect(text).toMatch(/Sources: .*REEx 2025/);
    expect(text).toContain('Chokepoint workspace “Rare earths starter”');
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
    // Huaxing's 11,200 t/yr and Huamei's 39,600 t/yr carried forward from 2024, against Canada's 400.
    expect(await stageRow(page, 'metals').locator('.row-share').textContent()).toBe('99%');
    expect(await chinaMark(page, 'metals').getAttribute('aria-label')).toContain('99% share, 50,800 t/yr');
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
    expect(await mark.getAttribute('aria-label')).toContain('50,800 t/yr');
    expect(await mark.getAttribute('aria-label')).toContain('weak evidence');
    await setStateMediaOnly(page, true);
    await overview(page).locator('text=state-media-only claims excluded').waitFor();
    // With Huaxing left out, China's metals figure is Huamei's 39,600 t/yr carried forward, and no longer weak.
    expect(await chinaMark(page, 'metals').getAttribute('data-claim-ids')).toBe('met-huamei-39600');
    expect(await chinaMark(page, 'metals').getAttribute('aria-label')).toContain('39,600 t/yr');
    expect(await chinaMark(page, 'metals').getAttribute('class')).not.toContain('gap-mark-weak');
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
    expect(text).toContain('50,800 t/yr');
    expect(text).toContain('carried forward from 2024, claim met-huamei-39600');
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

  test('Export SVG and Export PNG save a standalone chart with its words and the typeface inside', async () => {
    const { page, exportsDir } = app;
    if (!exportsDir) return; // The desktop app asks where to save with a native dialog, which a test cannot answer.
    const section = page.getByRole('region', { name: 'Stage gap overview' });
    await section.getByRole('button', { name: 'Export SVG' }).click();
    await section.getByRole('button', { name: 'Export PNG' }).click();
    const svg = readFileSync(await exported(exportsDir, 'stage-gap.svg'), 'utf8');
    expect(svg).toContain('Capacity gap by stage: China vs ex-China');
    expect(svg).toMatch(/Sources: [^<]*REEx/);
    expect(svg).toMatch(/Data as of \d{1,2} \w{3} \d{4}/);
    expect(svg).not.toContain('class=');
    expect(svg).not.toContain('data-claim-ids');
    expect(svg).toContain('fill="#d55e00"');
    expect(svg).toContain('src: url(data:font/woff2;base64,');
    const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
    const height = Number(/<svg[^>]* height="(\d+)"/.exec(svg)?.[1]);
    const png = readFileSync(await exported(exportsDir, 'stage-gap.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(width * 2);
    expect(png.readUInt32BE(20)).toBe(height * 2);
    copyFileSync(join(exportsDir, 'stage-gap.png'), join(screenshots, 'exported-stage-gap.png'));
    copyFileSync(join(exportsDir, 'stage-gap.svg'), join(screenshots, 'exported-stage-gap.svg'));
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
