import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Assessment, ScoreReport, StageScore } from '../../db/score/types';
import { expectQuietAndLocal, operate } from './claims-helpers';
import { findTarget, launchApp, type RunningApp } from './target';
import { createStarterWorkspace } from './workspaces';

const screenshots = fileURLToPath(new URL('../../out/screenshots/', import.meta.url));
const stages = ['mining', 'separation', 'refining', 'metals', 'magnets'];
const factors = [
  'china_share',
  'concentration',
  'pipeline_coverage',
  'export_controls',
  'know_how',
  'state_coordination',
  'substitutability',
];

const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });
const heatmap = (page: Page) => page.locator('.score-heatmap');
const cell = (page: Page, stage: string, factor: string) =>
  heatmap(page).locator(`.heatmap-cell[data-stage="${stage}"][data-factor="${factor}"]`);
const scoresTab = (page: Page, name: string) => page.getByRole('tab', { name });

async function fontsReady(page: Page) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** An element's picture in both themes, at rest (no hover, no focus ring): scores-NAME.png and scores-NAME-dark.png. */
async function shoot(page: Page, target: Locator, name: string) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // The view scrolls inside itself, so a tall element is only drawn whole in a window that holds it.
  const viewport = page.viewportSize();
  const height = (await target.boundingBox())?.height ?? 0;
  if (viewport && height + 260 > viewport.height)
    await page.setViewportSize({ width: viewport.width, height: Math.ceil(height + 260) });
  await target.scrollIntoViewIfNeeded();
  await fontsReady(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await target.screenshot({ path: join(screenshots, `scores-${name}.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await target.screenshot({ path: join(screenshots, `scores-${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
  if (viewport) await page.setViewportSize(viewport);
}

async function openScores(page: Page) {
  await views(page).getByRole('button', { name: 'Scores' }).click();
  await heatmap(page).waitFor();
  await fontsReady(page);
}

describe('scores view on the starter workspace', () => {
  let folder: string;
  let file: string;
  let app: RunningApp;
  let assessment: Assessment;
  let base: StageScore[];

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-scores-'));
    file = join(folder, 'w.sqlite');
    createStarterWorkspace(file, 'Rare earths starter');
    assessment = operate<Assessment>(file, 'getAssessment', {});
    base = operate<ScoreReport>(file, 'getScores', { method: 'weighted' }).stages as StageScore[];
    app = await launchApp(findTarget(), file);
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('the heatmap shows the five stages by the seven factors, with the composite and the chart words', async () => {
    const { page } = app;
    await openScores(page);
    const rows = await heatmap(page)
      .locator('.heatmap-row')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-stage')));
    expect(rows).toEqual(stages);
    for (const stage of stages) {
      const cells = await heatmap(page)
        .locator(`.heatmap-row[data-stage="${stage}"] .heatmap-cell[data-kind]`)
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-factor')));
      expect(cells).toEqual(factors);
      expect(await cell(page, stage, 'composite').count()).toBe(1);
    }
    // Judged and computed factors stand in two labelled groups; each cell prints its score.
    expect(await heatmap(page).locator('.heatmap-cell[data-kind="judged"]').count()).toBe(20);
    expect(await heatmap(page).locator('.heatmap-cell[data-kind="computed"]').count()).toBe(15);
    const separation = base.find((s) => s.stage === 'separation')!;
    const exportControls = separation.factors.find((f) => f.name === 'export_controls')!;
    expect(await cell(page, 'separation', 'export_controls').locator('.score-value').textContent()).toBe(
      String(Math.round(exportControls.score!)),
    );
    expect(await cell(page, 'separation', 'composite').locator('.score-composite-value').textContent()).toBe(
      String(Math.round(separation.score!)),
    );
    const text = (await heatmap(page).textContent()) ?? '';
    expect(text).toContain('Supply-chain risk by stage and factor');
    expect(text).toContain('Computed from capacity data');
    expect(text).toContain('Judged by the analyst');
    expect(text).toMatch(/Data as of \d+ \w+ \d{4} · drawn/);
    expect(text).toContain('Chokepoint workspace “Rare earths starter”');
    await shoot(page, page.getByRole('region', { name: 'Risk heatmap' }), 'heatmap');
  });

  test('Export SVG writes the heatmap as a standalone file with its colours as attributes', async () => {
    const { page, exportsDir } = app;
    if (!exportsDir) return; // The desktop app asks where to save with a native dialog.
    await page.getByRole('region', { name: 'Risk heatmap' }).getByRole('button', { name: 'Export SVG' }).click();
    const path = join(exportsDir, 'score-heatmap.svg');
    for (let waited = 0; !existsSync(path); waited += 100) {
      if (waited > 10_000) throw new Error('score-heatmap.svg was not exported within 10 s');
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
    const svg = readFileSync(path, 'utf8');
    expect(svg).toContain('Supply-chain risk by stage and factor (0–100)');
    expect(svg).not.toContain('class=');
    expect(svg).not.toContain('data-claim-ids');
    // The sequential scale's darkest step and the white ink on it came across as attributes.
    expect(svg).toContain('fill="#7a2800"');
    expect(svg).toContain('fill="#ffffff"');
    copyFileSync(path, join(screenshots, 'exported-score-heatmap.svg'));
  });

  test('a judged cell opens its rationale, basis, band rule and claims; a linked claim opens in the claims view', async () => {
    const { page } = app;
    const judged = assessment.judged.find((j) => j.stage === 'separation' && j.factor === 'export_controls')!;
    // The keyboard way first: focus the cell, press Enter.
    await cell(page, 'separation', 'export_controls').focus();
    await page.locator('.chart-tooltip').waitFor();
    expect(await page.locator('.chart-tooltip').textContent()).toMatch(/Score \d+ \(band \d+–\d+\)/);
    await page.keyboard.press('Enter');
    const detail = page.getByRole('complementary', { name: 'Factor detail' });
    await detail.waitFor();
    expect(await detail.textContent()).toContain(judged.rationale);
    expect(await detail.textContent()).toContain('Judged by the analyst');
    expect(await detail.textContent()).toContain('Band from the linked claims');
    await detail.locator(`.factor-claims li[data-claim-id="${judged.claimIds[0]}"]`).waitFor();
    expect(await detail.locator('.factor-claims li').count()).toBe(judged.claimIds.length);
    await shoot(page, page.getByRole('region', { name: 'Risk heatmap' }), 'heatmap-detail');

    await detail.locator(`.factor-claims li[data-claim-id="${judged.claimIds[0]}"] button.gap-link`).click();
    const claim = page.getByRole('complementary', { name: 'Claim detail' });
    await claim.waitFor();
    expect(await views(page).getByRole('button', { name: 'Claims' }).getAttribute('aria-current')).toBe('page');
    const statement = operate<{ statement: string }>(file, 'getClaim', { id: judged.claimIds[0] }).statement;
    expect(await claim.locator('.detail-statement').textContent()).toContain(statement);

    // Back on Scores, the view is as it was left.
    await views(page).getByRole('button', { name: 'Scores' }).click();
    await detail.waitFor();
  });

  test('the stage cards give the composite with its band, the method in words and what is missing; both methods side by side', async () => {
    const { page } = app;
    await views(page).getByRole('button', { name: 'Scores' }).click();
    const cards = page.getByRole('region', { name: 'Stage score cards' });
    await cards.scrollIntoViewIfNeeded();
    expect(await cards.locator('.score-card').count()).toBe(5);
    const mining = cards.locator('.score-card[data-stage="mining"]');
    expect(await mining.locator('.score-card-figure strong').first().textContent()).toBe(
      String(Math.round(base.find((s) => s.stage === 'mining')!.score!)),
    );
    expect(await cards.textContent()).toContain('The weighted sum of seven factors');
    expect(await mining.locator('.score-card-missing').textContent()).toContain('Ex-China pipeline shortfall');
    await shoot(page, cards, 'cards');

    await cards.getByRole('checkbox', { name: 'Compare methods' }).check();
    await mining.locator('[data-method="eu-sr"]').waitFor();
    expect(await mining.locator('[data-method="weighted"]').count()).toBe(1);
    const sr = (await mining.locator('[data-method="eu-sr"]').textContent()) ?? '';
    expect(sr).toContain('Threshold: SR ≥ 1');
    expect(sr).toMatch(/SR = HHI_WGI,t/);
    await shoot(page, cards, 'cards-compare');
    await cards.getByRole('checkbox', { name: 'Compare methods' }).uncheck();
  });

  test('weights that do not sum to 1 show the error and save nothing', async () => {
    const { page } = app;
    await views(page).getByRole('button', { name: 'Scores' }).click();
    await scoresTab(page, 'Weights and inputs').click();
    const weights = page.getByRole('form', { name: 'Weights' });
    await weights.waitFor();
    const china = weights.getByRole('spinbutton', { name: "China's share weight (%)" });
    expect(await china.inputValue()).toBe('20');
    await china.fill('30');
    const error = weights.getByRole('alert');
    await error.waitFor();
    expect(await error.textContent()).toContain('The weights must sum to 100%; they sum to 110.0%');
    expect(await weights.getByTestId('weights-sum').textContent()).toBe('110.0%');
    expect(await weights.getByRole('button', { name: 'Save weights' }).isDisabled()).toBe(true);
    // Enter submits the form: still nothing is written.
    await china.press('Enter');
    expect(operate<Assessment>(file, 'getAssessment', {}).weights).toEqual(assessment.weights);
    await shoot(page, weights, 'weights-error');
    await weights.getByRole('button', { name: 'Undo changes' }).click();
    expect(await china.inputValue()).toBe('20');
    expect(await weights.getByRole('alert').count()).toBe(0);
  });

  test('the tornado sorts the inputs by swing around the base composite, factors and weights apart', async () => {
    const { page } = app;
    await views(page).getByRole('button', { name: 'Scores' }).click();
    await scoresTab(page, 'Sensitivity').click();
    await page.getByRole('combobox', { name: 'Stage' }).selectOption('separation');
    const tornado = page.locator('.sensitivity-tornado');
    await tornado.waitFor();
    const rows = tornado.locator('.tornado-row');
    expect(await rows.count()).toBeGreaterThan(4);
    expect(await tornado.locator('.tornado-row-factor').count()).toBeGreaterThan(0);
    expect(await tornado.locator('.tornado-row-weight').count()).toBeGreaterThan(0);
    const swings = await rows.evaluateAll((els) =>
      els.map((el) => Number(/swing ([\d.]+)/.exec(el.getAttribute('aria-label') ?? '')?.[1])),
    );
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
    const separation = base.find((s) => s.stage === 'separation')!;
    expect(await tornado.locator('.tornado-base-label').textContent()).toBe(`Base ${separation.score!.toFixed(1)}`);
    await shoot(page, page.getByRole('region', { name: 'Sensitivity' }), 'tornado');
  });

  test('a scenario with a hypothetical facility shows a lower score for that stage; a bad field is named beside it', async () => {
    const { page } = app;
    await views(page).getByRole('button', { name: 'Scores' }).click();
    await scoresTab(page, 'Scenarios').click();
    await page.getByRole('button', { name: 'New scenario' }).click();
    const editor = page.getByRole('form', { name: 'New scenario' });
    await editor.getByRole('textbox', { name: 'Name', exact: true }).fill('US separation plant online');
    await editor
      .getByRole('textbox', { name: 'Description', exact: true })
      .fill('A 40,000 t/yr separation plant in Texas runs from 2025.');
    await editor.getByRole('button', { name: 'Add a facility' }).click();
    await editor.getByRole('combobox', { name: 'Facility 1 stage' }).selectOption('separation');
    await editor.getByRole('textbox', { name: 'Facility 1 country' }).fill('United States');
    await editor.getByRole('textbox', { name: 'Facility 1 name' }).fill('Seadrift');
    await editor.getByRole('spinbutton', { name: 'Facility 1 capacity (t/yr)' }).fill('0');
    await editor.getByRole('combobox', { name: 'Facility 1 status' }).selectOption('operating');
    await editor.getByRole('spinbutton', { name: 'Facility 1 start year' }).fill('2025');
    await editor.getByRole('button', { name: 'Create scenario' }).click();
    // The store refuses a capacity of 0 and the reason appears in the capacity cell.
    const capacity = editor.locator('tr[data-facility="0"] td').nth(3);
    await capacity.getByRole('alert').waitFor();
    expect(await capacity.getByRole('alert').textContent()).toContain('must not be 0');
    expect(await editor.getByRole('spinbutton', { name: 'Facility 1 capacity (t/yr)' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(operate<unknown[]>(file, 'listScenarios', {})).toEqual([]);
    await shoot(page, editor, 'scenario-editor-error');

    await editor.getByRole('spinbutton', { name: 'Facility 1 capacity (t/yr)' }).fill('40000');
    await editor.getByRole('button', { name: 'Create scenario' }).click();
    await editor.waitFor({ state: 'detached' });
    const scenario = operate<{ id: string; name: string }[]>(file, 'listScenarios', {})[0]!;
    expect(scenario.name).toBe('US separation plant online');

    const chart = page.locator('.scenario-comparison');
    const mark = (stage: string, series: string) =>
      chart.locator(`.comparison-mark[data-stage="${stage}"][data-series="${series}"]`);
    await mark('separation', scenario.id).waitFor();
    const score = async (stage: string, series: string) => Number(await mark(stage, series).getAttribute('data-score'));
    expect(await score('separation', scenario.id)).toBeLessThan(await score('separation', 'base'));
    expect(await score('mining', scenario.id)).toBe(await score('mining', 'base'));
    expect(await chart.locator('.comparison-stage[data-stage="separation"] .comparison-delta').textContent()).toMatch(
      /^−\d+ vs base$/,
    );
    // The base claims are untouched.
    expect(operate<{ total: number }>(file, 'listClaims', {}).total).toBe(80);
    await shoot(page, page.getByRole('region', { name: 'Scenario comparison' }), 'scenarios');
  });

  test('two snapshots around a changed judged score: the trend has both and the diff names the change and its claims', async () => {
    const { page } = app;
    await views(page).getByRole('button', { name: 'Scores' }).click();
    await scoresTab(page, 'Snapshots and trend').click();
    const take = page.getByRole('form', { name: 'Take snapshot' });
    await take.getByRole('textbox', { name: 'Author' }).fill('E2E analyst');
    await take.getByRole('textbox', { name: 'Note' }).fill('Before the re-read of export controls');
    await take.getByRole('button', { name: 'Take snapshot' }).click();
    await page.locator('.snapshot-table tbody tr').first().waitFor();

    // Between the two, the analyst lowers separation's export-control score and links one more claim.
    await scoresTab(page, 'Weights and inputs').click();
    const row = page.locator('.judged-table tr[data-stage="separation"][data-factor="export_controls"]');
    await row.getByRole('button', { name: 'Edit' }).click();
    const judged = page.getByRole('form', { name: 'Judged score: Separation · Export-control exposure' });
    await judged.getByRole('spinbutton', { name: 'Score', exact: true }).fill('60');
    await judged.getByRole('searchbox', { name: 'Find a claim to link' }).fill('interim measures');
    await judged.locator('.claim-choice').filter({ hasText: 'pol-interim-measures-aug2025' }).click();
    await judged.getByRole('button', { name: 'Save score' }).click();
    await judged.waitFor({ state: 'detached' });
    await row.locator('td.numeric').first().filter({ hasText: '60' }).waitFor();

    await scoresTab(page, 'Snapshots and trend').click();
    await take.getByRole('textbox', { name: 'Note' }).fill('After the re-read');
    await take.getByRole('button', { name: 'Take snapshot' }).click();
    await page.locator('.snapshot-table tbody tr').nth(1).waitFor();
    expect(await page.locator('.snapshot-table tbody tr').count()).toBe(2);
    // The author typed once is kept for the next snapshot, even after a visit to another tab.
    expect(
      await page.locator('.snapshot-table tbody tr').evaluateAll((rows) => rows.map((row) => row.children[3]?.textContent)),
    ).toEqual(['E2E analyst', 'E2E analyst']);

    const trend = page.locator('.score-trend');
    await trend.waitFor();
    expect(await trend.locator('.trend-panel').count()).toBe(5);
    expect(await trend.locator('.trend-panel[data-stage="separation"] .score-trend-mark').count()).toBe(2);
    expect(await trend.locator('.trend-panel[data-stage="separation"] .trend-panel-change').textContent()).toMatch(
      /^−\d+ since /,
    );

    const diff = page.getByRole('region', { name: 'Snapshot diff' });
    await diff.waitFor();
    const separation = diff.locator('li[data-stage="separation"]');
    const text = (await separation.textContent()) ?? '';
    expect(text).toContain('Export-control exposure 80.0 → 60.0');
    expect(text).toContain('the analyst changed the judged score');
    expect(text).toContain('Claims that came in: pol-interim-measures-aug2025');
    expect(await diff.locator('li[data-stage="mining"]').count()).toBe(0);
    await shoot(page, page.getByRole('region', { name: 'Trend across snapshots' }), 'trend');
    await shoot(page, page.getByRole('region', { name: 'Snapshots', exact: true }), 'snapshots');

    await separation.getByRole('button', { name: 'pol-interim-measures-aug2025' }).click();
    const claim = page.getByRole('complementary', { name: 'Claim detail' });
    await claim.waitFor();
    const statement = operate<{ statement: string }>(file, 'getClaim', { id: 'pol-interim-measures-aug2025' }).statement;
    expect(await claim.locator('.detail-statement').textContent()).toContain(statement);
  });

  test('nothing left the machine and the page raised no errors', async () => {
    await expectQuietAndLocal(app);
  });
});
