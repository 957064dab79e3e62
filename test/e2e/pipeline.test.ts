import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PipelineResult } from '../../db/model/pipeline';
import { expectQuietAndLocal, operate } from './claims-helpers';
import { findTarget, launchApp, type RunningApp } from './target';
import { createStarterWorkspace } from './workspaces';

const screenshots = fileURLToPath(new URL('../../out/screenshots/', import.meta.url));

const pipelineChart = (page: Page) => page.locator('.pipeline-chart');
const facilityMark = (page: Page, name: string) => pipelineChart(page).locator('.pipeline-facility').filter({ hasText: name });

/** A resting picture: no hover, no focus, no tooltip, fonts loaded; then the same in the dark theme. */
async function shoot(target: Locator, page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await target.scrollIntoViewIfNeeded();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await target.screenshot({ path: join(screenshots, `${name}.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await target.screenshot({ path: join(screenshots, `${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('ex-China pipeline on the starter workspace', () => {
  let folder: string;
  let file: string;
  let app: RunningApp;
  let expected: PipelineResult;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-pipeline-'));
    file = join(folder, 'w.sqlite');
    createStarterWorkspace(file, 'Rare earths starter');
    expected = operate<PipelineResult>(file, 'getPipeline', { metric: 'capacity_t_per_yr' });
    app = await launchApp(findTarget(), file);
    mkdirSync(screenshots, { recursive: true });
    await app.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Gap' }).click();
    await pipelineChart(app.page).waitFor();
  });

  afterAll(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('opens on separation, every facility a mark by status, against China held flat', async () => {
    const { page } = app;
    const separation = expected.stages.find((s) => s.stage === 'separation')!;
    expect(await page.getByRole('combobox', { name: 'Pipeline stage' }).inputValue()).toBe('separation');
    const marks = pipelineChart(page).locator('.pipeline-facility');
    expect(await marks.count()).toBe(separation.facilities.length);
    expect(await marks.evaluateAll((els) => els.map((el) => el.getAttribute('data-status')))).toEqual(
      separation.facilities.map((f) => f.status),
    );
    const text = (await pipelineChart(page).textContent()) ?? '';
    expect(text).toContain('Separation: ex-China pipeline against China');
    expect(text).toContain('facilities: operating + under construction + planned (pipeline)');
    expect(text).toContain('China 352,000 t/yr (2025), held flat');
    expect(text).toContain('Ex-China: 28,500 t/yr operating in 2025, 8% of China’s 352,000 t/yr.');
    expect(text).toContain('46,600 t/yr by 2026');
    expect(await pipelineChart(page).locator('.pipeline-total').count()).toBe(separation.cumulative.length);
    await shoot(pipelineChart(page), page, 'pipeline-separation');
  });

  test("a facility's tooltip gives its figure, unit, start year and evidence; the China line says it is held flat", async () => {
    const { page } = app;
    await facilityMark(page, 'Iluka').focus();
    const tooltip = page.locator('.chart-tooltip');
    await tooltip.waitFor();
    const text = (await tooltip.textContent()) ?? '';
    expect(text).toContain('Under construction');
    expect(text).toContain('17,500 t/yr');
    expect(text).toContain('Expected start 2026 (scheduled commissioning; claims give 2026–2027)');
    expect(text).toContain('C3');
    expect(text).toContain('1 independent origin');
    await facilityMark(page, 'Iluka').hover();
    await page.screenshot({ path: join(screenshots, 'pipeline-tooltip.png') });
    await pipelineChart(page).locator('.pipeline-china').focus();
    await tooltip.filter({ hasText: 'held flat' }).waitFor();
    expect(await tooltip.textContent()).toContain('carried forward from 2024, claim sep-huamei-107000');
  });

  test('the stage selector shows magnets: planned plants, undated ones apart, and no China line', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Pipeline stage' }).selectOption('magnets');
    await pipelineChart(page).locator('text=Magnets: ex-China pipeline against China').waitFor();
    const magnets = expected.stages.find((s) => s.stage === 'magnets')!;
    expect(await pipelineChart(page).locator('.pipeline-facility').count()).toBe(magnets.facilities.length);
    expect(await pipelineChart(page).locator('.pipeline-china').count()).toBe(0);
    const text = (await pipelineChart(page).textContent()) ?? '';
    expect(text).toContain('No date');
    expect(text).toContain('No China capacity figure is counted for this stage.');
    await shoot(pipelineChart(page), page, 'pipeline-magnets');
    await page.getByRole('combobox', { name: 'Pipeline stage' }).selectOption('metals');
    await pipelineChart(page).locator('text=Metals: ex-China pipeline against China').waitFor();
    await shoot(pipelineChart(page), page, 'pipeline-metals');
    await page.getByRole('combobox', { name: 'Pipeline stage' }).selectOption('refining');
    await pipelineChart(page).locator('text=No ex-China facility has a stated start year').first().waitFor();
    await shoot(pipelineChart(page), page, 'pipeline-refining');
  });

  test('no two labels in the chart overlap', async () => {
    const { page } = app;
    for (const stage of expected.stages.map((s) => s.stage)) {
      await page.getByRole('combobox', { name: 'Pipeline stage' }).selectOption(stage);
      await pipelineChart(page).locator(`.pipeline-facility[data-facility^="${stage}|"]`).first().waitFor();
      const overlaps = await pipelineChart(page).evaluate((svg) => {
        const boxes = [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
        const found: string[] = [];
        boxes.forEach((a, i) =>
          boxes.slice(i + 1).forEach((b) => {
            const apart =
              a.box.right <= b.box.left + 1 ||
              b.box.right <= a.box.left + 1 ||
              a.box.bottom <= b.box.top + 1 ||
              b.box.bottom <= a.box.top + 1;
            if (!apart) found.push(`${a.text} / ${b.text}`);
          }),
        );
        return found;
      });
      expect(overlaps, stage).toEqual([]);
    }
    await page.getByRole('combobox', { name: 'Pipeline stage' }).selectOption('separation');
  });

  test('the separation trend reads carried-forward capacity as steady, not a collapse', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Stage over time' }).selectOption('separation');
    const trend = page.locator('.gap-trend-chart');
    expect(await trend.locator('.trend-statement').textContent()).toMatch(/^The gap is steady/);
    await trend.locator('.trend-mark[data-year="2025"]').focus();
    expect(await page.locator('.chart-tooltip').textContent()).toContain('carried forward from 2024');
    await shoot(trend, page, 'gap-trend-separation-carried');
  });

  test('keyboard: Enter on a facility opens its claim in the claims view', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Pipeline stage' }).selectOption('separation');
    await facilityMark(page, 'Lynas Malaysia').focus();
    await page.keyboard.press('Enter');
    const detail = page.getByRole('complementary', { name: 'Claim detail' });
    await detail.waitFor();
    expect(await detail.locator('.detail-statement').textContent()).toContain('Lynas expanded solvent-extraction');
  });

  test('clicking a planned facility opens its claim', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Gap' }).click();
    await pipelineChart(page).waitFor();
    await page.getByRole('combobox', { name: 'Pipeline stage' }).selectOption('magnets');
    await facilityMark(page, '10X').click();
    const detail = page.getByRole('complementary', { name: 'Claim detail' });
    await detail.waitFor();
    expect(await detail.locator('.detail-statement').textContent()).toContain("'10X' plant");
  });

  test('nothing left the machine and the page raised no errors', async () => {
    await expectQuietAndLocal(app);
  });
});
