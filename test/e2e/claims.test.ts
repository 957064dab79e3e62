import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ClaimPage } from '../../db/evidence/views';
import { evidenceRules, vocabulary } from '../../db/evidence/vocabulary';
import { claimRow, claimRows, expectCount, expectQuietAndLocal, operate, screenshot, search } from './claims-helpers';
import { findTarget, launchApp, type RunningApp } from './target';
import { createStarterWorkspace } from './workspaces';

const screenshots = fileURLToPath(new URL('../../out/screenshots/', import.meta.url));
const reexPublisher = 'Rare Earth Exchanges (REEx), summarising China Northern Rare Earth / Chinese state-media releases';
const china2023 = ['mine-cn-2023-usgs2024', 'mine-cn-2023-usgs2025'];

describe('claims view on the starter workspace', () => {
  let folder: string;
  let file: string;
  let app: RunningApp;
  let separationCount: number;
  let reexClaims: string[];

  beforeAll(async () => {
    const target = findTarget();
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-'));
    file = join(folder, 'w.sqlite');
    createStarterWorkspace(file, 'Rare earths starter');
    separationCount = operate<ClaimPage>(file, 'listClaims', { limit: 1, stage: 'separation' }).total;
    reexClaims = operate<ClaimPage>(file, 'listClaims', { limit: 500 })
      .rows.filter((row) => row.citations.some((citation) => citation.publisher === reexPublisher))
      .map((row) => row.id);
    app = await launchApp(target, file);
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('the header names the workspace and counts its sources and claims', async () => {
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: 'Rare earths starter' }).waitFor();
    const counts = await page.locator('.workspace-counts').textContent();
    expect(counts).toContain('52 sources');
    expect(counts).toContain('80 claims');
    for (const name of ['Claims', 'Sources', 'Conflicts', 'Import'])
      expect(await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name }).count()).toBe(1);
  });

  test('a claim row shows its figure, unit, year, evidence and graded source', async () => {
    const { page } = app;
    await expectCount(page, '80 claims');
    const usgsChina = claimRow(page, 'mine-cn-2023-usgs2024');
    await usgsChina.waitFor();
    expect(await usgsChina.locator('.claim-stage').textContent()).toBe('Mining');
    expect(await usgsChina.locator('.claim-country').textContent()).toContain('China');
    expect(await usgsChina.locator('.figure-amount').textContent()).toBe('240,000');
    expect(await usgsChina.locator('.figure-unit').textContent()).toMatch(/^t REO/);
    expect(await usgsChina.locator('.claim-year').textContent()).toBe('2023');
    expect(await usgsChina.locator('.citation-publisher').textContent()).toContain('Geological Survey');
    expect(await usgsChina.locator('.grade').textContent()).toMatch(/^[A-F][1-6]$/);
    // In the China 2023 conflict pair: contested, with the rule and the reason on hover.
    const contested = usgsChina.locator('[data-flag="contested"]');
    expect(await contested.textContent()).toBe('Contested');
    expect(await contested.getAttribute('title')).toContain(evidenceRules.contested);
  });

  test('hovering a grade shows its Admiralty wording', async () => {
    const { page } = app;
    const badge = claimRows(page).first().locator('.grade').first();
    await badge.hover();
    const pair = (await badge.textContent()) ?? '';
    const reliability = pair[0] as keyof typeof vocabulary.reliability;
    const credibility = Number(pair[1]) as keyof typeof vocabulary.credibility;
    const title = await badge.getAttribute('title');
    expect(title).toContain(vocabulary.reliability[reliability]);
    expect(title).toContain(vocabulary.credibility[credibility]);
  });

  test('search finds a claim by a word in its statement, and by a word in its source title', async () => {
    const { page } = app;
    await search(page, 'Eneabba');
    await expectCount(page, '3 matching');
    for (const statement of await claimRows(page).locator('.claim-statement').allTextContents())
      expect(statement).toContain('Eneabba');
    expect(await page.locator('.claims-count').textContent()).toContain('by relevance');

    // "Chessboard" is only in a source's title ("The Mineral Chessboard: …"), never in a statement.
    await search(page, 'Chessb');
    await expectCount(page, '2 matching');
    for (const statement of await claimRows(page).locator('.claim-statement').allTextContents())
      expect(statement).not.toContain('Chessboard');
    expect(await claimRows(page).locator('.citation-publisher').first().getAttribute('title')).toContain('Chessboard');

    await page.getByRole('button', { name: 'Clear' }).click();
    await expectCount(page, '80 claims');
  });

  test('filters: stage, state-media only, contested', async () => {
    const { page } = app;
    await page.getByLabel('Stage').selectOption('separation');
    await expectCount(page, `${separationCount} matching`);
    expect(new Set(await claimRows(page).locator('.claim-stage').allTextContents())).toEqual(new Set(['Separation']));
    await page.getByLabel('Stage').selectOption('');

    await page.getByLabel('Evidence').selectOption('state_media_only');
    await expectCount(page, '\\d+ matching');
    const shown = await claimRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-claim-id')));
    // The four REEx claims (a relay of China Northern Rare Earth state-media releases) are all there…
    expect(reexClaims).toHaveLength(4);
    for (const id of reexClaims) expect(shown).toContain(id);
    // …and every row under this filter wears the hatched state-media badge.
    expect(await claimRows(page).locator('[data-flag="state-media"]').count()).toBe(shown.length);

    await page.getByLabel('Evidence').selectOption('contested');
    await expectCount(page, '\\d+ matching');
    for (const id of china2023) await claimRow(page, id).waitFor();
    await page.getByLabel('Evidence').selectOption('');
    await expectCount(page, '80 claims');
  });

  test('the REEx claims show state-media only wherever they appear', async () => {
    const { page } = app;
    await page.getByLabel('Publisher type').selectOption('state_media');
    await expectCount(page, '\\d+ matching');
    for (const id of reexClaims) {
      const flag = claimRow(page, id).locator('[data-flag="state-media"]');
      expect(await flag.textContent()).toBe('State-media only');
      expect(await flag.getAttribute('title')).toBe(evidenceRules.stateMediaOnly);
    }
    await page.getByLabel('Publisher type').selectOption('');
    await expectCount(page, '80 claims');
  });

  test('clicking a column header sorts by it, clicking again reverses', async () => {
    const { page } = app;
    const first = operate<ClaimPage>(file, 'listClaims', { limit: 1, sort: 'statement' }).rows[0]!;
    const last = operate<ClaimPage>(file, 'listClaims', { limit: 1, sort: 'statement', direction: 'desc' }).rows[0]!;
    const header = page.getByRole('columnheader', { name: /Claim/ });
    await header.getByRole('button').click();
    await page.locator(`.claim-row[aria-rowindex="2"][data-claim-id="${first.id}"]`).waitFor();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await header.getByRole('button').click();
    await page.locator(`.claim-row[aria-rowindex="2"][data-claim-id="${last.id}"]`).waitFor();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    await page.getByRole('columnheader', { name: /Stage/ }).getByRole('button').click();
    expect(await page.getByRole('columnheader', { name: /Stage/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  test('the keyboard moves the selection and opens and closes the detail', async () => {
    const { page } = app;
    const selected = page.locator('.claim-row[aria-selected="true"]');
    await page.locator('.claims-scroll').focus();
    await page.keyboard.press('ArrowDown');
    expect(await selected.getAttribute('aria-rowindex')).toBe('2');
    await page.keyboard.press('ArrowDown');
    expect(await selected.getAttribute('aria-rowindex')).toBe('3');
    await page.keyboard.press('End');
    expect(await selected.getAttribute('aria-rowindex')).toBe('81');
    await page.keyboard.press('Home');
    expect(await selected.getAttribute('aria-rowindex')).toBe('2');
    await page.keyboard.press('PageDown');
    expect(Number(await selected.getAttribute('aria-rowindex'))).toBeGreaterThan(5);
    await page.keyboard.press('ArrowUp');
    const statement = await selected.locator('.claim-statement').textContent();
    await page.keyboard.press('Enter');
    const detail = page.getByRole('complementary', { name: 'Claim detail' });
    expect(await detail.locator('.detail-statement').textContent()).toContain(statement);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    // "/" jumps to the search box.
    await page.locator('.claims-scroll').focus();
    await page.keyboard.press('/');
    expect(await page.getByRole('searchbox', { name: 'Search' }).evaluate((box) => box === document.activeElement)).toBe(true);
  });

  test('the detail shows the chain from claim to sources to origins, with the evidence rule', async () => {
    const { page } = app;
    await search(page, 'electrolysis Huaxing');
    await expectCount(page, '\\d+ matching');
    await claimRows(page).filter({ hasText: 'Huaxing' }).first().click();
    const detail = page.getByRole('complementary', { name: 'Claim detail' });
    await detail.locator('.chain-citation').first().waitFor();
    expect(await detail.textContent()).toContain(evidenceRules.stateMediaOnly);
    expect(await detail.locator('.chain-title').first().textContent()).toContain('China Northern Rare Earth');
    expect(await detail.locator('.chain-path').count()).toBeGreaterThan(0);
    expect(await detail.locator('.origin-mark').count()).toBeGreaterThan(0);
    expect(await detail.getByRole('heading', { name: 'History' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Clear' }).click();
    await expectCount(page, '80 claims');
  });

  test('screenshots of the table and the detail, light and dark', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.getByLabel('China / ex-China').selectOption('china');
    await page.getByLabel('Stage').selectOption('mining');
    await expectCount(page, '\\d+ matching');
    await page.mouse.move(0, 0);
    await screenshot(page, join(screenshots, 'claims.png'), 'light');
    await screenshot(page, join(screenshots, 'claims-dark.png'), 'dark');
    await page.getByLabel('Stage').selectOption('');
    await expectCount(page, '\\d+ matching');
    await claimRow(page, 'mine-cn-2023-usgs2024').click();
    await page.locator('.history-empty, .history').first().waitFor();
    await page.mouse.move(0, 0);
    await screenshot(page, join(screenshots, 'claim-detail.png'), 'light');
    await screenshot(page, join(screenshots, 'claim-detail-dark.png'), 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Clear' }).click();
    await expectCount(page, '80 claims');
  });

  test('create a claim: an empty statement is refused beside the field, then it is saved and counted', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New claim' }).click();
    const dialog = page.getByRole('dialog', { name: 'New claim' });
    await dialog.getByRole('button', { name: 'Save claim' }).click();
    const statementField = dialog.locator('.form-field', { has: page.locator('textarea[name="statement"]') });
    await statementField.locator('.field-error').waitFor();
    expect(await statementField.locator('.field-error').textContent()).toMatch(/statement/);
    expect(await dialog.locator('textarea[name="statement"]').getAttribute('aria-invalid')).toBe('true');
    await page.mouse.move(0, 0);
    await screenshot(page, join(screenshots, 'claim-form-error.png'), 'light');
    await screenshot(page, join(screenshots, 'claim-form-error-dark.png'), 'dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await dialog.locator('textarea[name="statement"]').fill('Test plant Zorbatron refines 1,200 t of NdPr oxide a year.');
    await dialog.getByLabel('Metric').selectOption('capacity_t_per_yr');
    await dialog.locator('input[name="value"]').fill('1200');
    await dialog.locator('input[name="unit"]').fill('t NdPr oxide per year');
    await dialog.locator('input[name="year"]').fill('2025');
    await dialog.getByLabel('Stage').selectOption('refining');
    await dialog.locator('input[name="country"]').fill('Estonia');
    await dialog.getByRole('radio', { name: /Probably true/ }).check();
    await dialog.locator('input[name="tags"]').fill('test, zorbatron');
    await dialog.getByRole('searchbox', { name: 'Find a source to cite' }).fill('Chessboard');
    await dialog.locator('.source-choice', { hasText: 'Chessboard' }).click();
    await dialog.getByLabel('Excerpt').fill('Zorbatron refines 1,200 t');
    await dialog.getByLabel('Locator').fill('p. 3');
    await dialog.getByRole('button', { name: 'Save claim' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.locator('.workspace-counts', { hasText: '81 claims' }).waitFor();
    await search(page, 'Zorbatron');
    await expectCount(page, '1 matching');
    expect(await claimRows(page).locator('.figure-amount').textContent()).toBe('1,200');
    const detail = page.getByRole('complementary', { name: 'Claim detail' });
    await detail.locator('.history-entry', { hasText: 'Created' }).waitFor();
  });

  test('edit the claim: the detail and its history show the change', async () => {
    const { page } = app;
    const detail = page.getByRole('complementary', { name: 'Claim detail' });
    await detail.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit claim' });
    await dialog.locator('input[name="value"]').fill('1400');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    await claimRows(page).locator('.figure-amount', { hasText: '1,400' }).waitFor();
    const edit = detail.locator('.history-entry', { hasText: 'Edited' });
    await edit.waitFor();
    expect(await edit.locator('.history-diff').textContent()).toMatch(/value\s*1200\s*→\s*1400/);
    // Newest first.
    expect(await detail.locator('.history-action').allTextContents()).toEqual(['Edited', 'Created']);
  });

  test('delete the claim after confirming', async () => {
    const { page } = app;
    await page.getByRole('complementary', { name: 'Claim detail' }).getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit claim' });
    await dialog.getByRole('button', { name: 'Delete claim…' }).click();
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.workspace-counts', { hasText: '80 claims' }).waitFor();
    await expectCount(page, '0 matching');
    await page.getByRole('complementary', { name: 'Claim detail' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Clear' }).click();
    await expectCount(page, '80 claims');
  });

  test('an error from the bridge is shown with its message', async (context) => {
    // Only the preview's HTTP bridge can be interrupted from outside; Electron's IPC cannot.
    if (app.target !== 'chromium') return context.skip();
    const { page } = app;
    await page.route('**/api/operation', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ ok: false, error: { message: 'The workspace file was moved.' } }),
      }),
    );
    await page.getByLabel('Stage').selectOption('magnets');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The workspace file was moved.');
    // Rows that no longer match the chosen stage are not left on screen under the error.
    expect(await claimRows(page).count()).toBe(0);

    await page.unroute('**/api/operation');
    await page.getByLabel('Stage').selectOption('');
    await expectCount(page, '80 claims');
    await alert.waitFor({ state: 'detached' });
  });

  test('nothing left the machine, and there were no console errors or CSP violations', async () => {
    await expectQuietAndLocal(app);
  });
});
