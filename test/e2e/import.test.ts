import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { executeOperation } from '../../db/api';
import { exportWorkspace } from '../../db/export/export-workspace';
import type { OperationName } from '../../db/operation-names';
import { createWorkspace } from '../../db/workspace/create';
import { claimRows, expectCount, expectQuietAndLocal, search } from './claims-helpers';
import { findTarget, launchApp, type RunningApp } from './target';
import { createStarterWorkspace } from './workspaces';

const screenshots = fileURLToPath(new URL('../../out/screenshots/', import.meta.url));
const fixtures = fileURLToPath(new URL('../db/fixtures/', import.meta.url));
const fixture = (name: string) => join(fixtures, name);
const usgsRecipe = readFileSync(fixture('usgs-wide.recipe.json'), 'utf8');

/** A recipe for the long tables (Country, Year, Value) of the malformed fixtures. */
const longRecipe = JSON.stringify(
  {
    source: { title: 'Hand-kept production table', publisherType: 'other', reliability: 'C' },
    constants: { stage: 'mining', metric: 'production_t', unit: 't' },
    columns: { country: 'Country', year: 'Year', value: 'Value' },
  },
  null,
  2,
);

/** A workspace export holding one source and one claim, made the way File ▸ Export makes it. */
function oneClaimExport(folder: string): string {
  const workspace = createWorkspace(join(folder, 'one.sqlite'), { starter: false, name: 'One claim' });
  try {
    const run = <T>(name: OperationName, input: unknown): T => {
      const result = executeOperation({ workspace }, name, input);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as T;
    };
    const { id: sourceId } = run<{ id: string }>('createSource', {
      title: 'Field notes: Kuantan visit',
      publisher: 'Field team',
      publisherType: 'other',
      reliability: 'C',
    });
    run('createClaim', {
      statement: 'Kuantan separation plant: capacity 25,000 t REO per year (2024)',
      stage: 'separation',
      country: 'Malaysia',
      metric: 'capacity_t_per_yr',
      value: 25000,
      unit: 't REO/yr',
      year: 2024,
      citations: [{ sourceId }],
    });
    return exportWorkspace(workspace.db, 'json');
  } finally {
    workspace.close();
  }
}

const importView = (page: Page) => page.locator('section.import-view');
const counts = (page: Page) => importView(page).locator('.import-counts');
const problems = (page: Page) => importView(page).locator('table.import-errors tbody tr');
const sampleRows = (page: Page) => importView(page).locator('table.import-sample tbody tr');

async function headerClaims(page: Page, n: number) {
  await page.locator('.workspace-counts', { hasText: `${n} claims` }).waitFor();
}

async function chooseFile(page: Page, path: string) {
  await importView(page).getByLabel('Choose a CSV or JSON file').setInputFiles(path);
  await importView(page)
    .locator('.import-file code', { hasText: path.split('/').pop()! })
    .waitFor();
}

async function problemTable(page: Page): Promise<string[][]> {
  return problems(page).evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent ?? '')),
  );
}

describe('importing claims from files', () => {
  let folder: string;
  let app: RunningApp;
  let workspaceJson: string;

  beforeAll(async () => {
    const target = findTarget();
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-import-'));
    const file = join(folder, 'w.sqlite');
    createStarterWorkspace(file, 'Rare earths starter');
    workspaceJson = oneClaimExport(folder);
    mkdirSync(screenshots, { recursive: true });
    app = await launchApp(target, file);
    await headerClaims(app.page, 80);
    await app.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Import' }).click();
    await importView(app.page).waitFor();
  });

  afterAll(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('a wide USGS table previews as 19 claims with 2 rows skipped, and nothing is written', async () => {
    const { page } = app;
    await chooseFile(page, fixture('usgs-wide.csv'));
    await importView(page).getByLabel('Recipe (JSON)').fill(usgsRecipe);
    await importView(page).getByRole('button', { name: 'Preview' }).click();
    await counts(page).filter({ hasText: 'Dry run' }).waitFor();
    const text = await counts(page).textContent();
    expect(text).toContain('19 claims to import');
    expect(text).toContain('2 skipped');
    expect(text).toContain('0 problems');
    expect(text).toContain('1 new source');
    expect(await problems(page).count()).toBe(0);
    expect(await sampleRows(page).count()).toBe(19);
    const first = await sampleRows(page)
      .first()
      .evaluate((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent?.trim()));
    expect(first).toEqual(['2', 'United States: production 39,000 t (2020)', 'United States', '39,000 t', '2020']);
    // Myanmar's NA for 2022 is skipped, not imported as a claim without a figure.
    expect(await sampleRows(page).filter({ hasText: 'Myanmar: production' }).count()).toBe(4);
    await headerClaims(page, 80);
    await page.screenshot({ path: join(screenshots, 'import-preview.png') });
  });

  test('a recipe saved under a name is listed and can be picked again', async () => {
    const { page } = app;
    await importView(page).getByLabel('Recipe name').fill('USGS wide production');
    await importView(page).getByRole('button', { name: 'Save recipe' }).click();
    await importView(page).locator('.import-notice', { hasText: 'Recipe saved as "USGS wide production".' }).waitFor();
    const picker = importView(page).getByLabel('Saved recipe');
    await picker.locator('option', { hasText: 'USGS wide production' }).waitFor({ state: 'attached' });
    expect(await picker.inputValue()).toBe('USGS wide production');
    await importView(page).getByLabel('Recipe (JSON)').fill('');
    await picker.selectOption('');
    await picker.selectOption('USGS wide production');
    expect(JSON.parse(await importView(page).getByLabel('Recipe (JSON)').inputValue())).toMatchObject(
      JSON.parse(usgsRecipe) as object,
    );
  });

  test('Import writes the 19 claims: the header counts 99 and the Claims tab finds them', async () => {
    const { page } = app;
    await importView(page).getByRole('button', { name: 'Import', exact: true }).click();
    await counts(page).filter({ hasText: 'Imported 19 claims.' }).waitFor();
    await headerClaims(page, 99);
    expect(await page.locator('.workspace-counts').textContent()).toContain('53 sources');

    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Claims' }).click();
    await search(page, 'production 39,000');
    await claimRows(page).filter({ hasText: 'United States: production 39,000 t (2020)' }).waitFor();
    await search(page, 'Myanmar production');
    await claimRows(page).filter({ hasText: 'Myanmar: production 38,000 t (2023)' }).waitFor();
    await search(page, '');
    await expectCount(page, '99 claims');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Import' }).click();
  });

  test('text in a number column is reported by row, column and reason, and nothing is imported', async () => {
    const { page } = app;
    await chooseFile(page, fixture('text-in-number.csv'));
    await importView(page).getByLabel('Recipe (JSON)').fill(longRecipe);
    await importView(page).getByRole('button', { name: 'Import', exact: true }).click();
    await counts(page).filter({ hasText: 'Nothing imported: 2 problems in the file.' }).waitFor();
    expect(await problemTable(page)).toEqual([
      ['3', 'Value', 'not a number: "about 5"'],
      ['5', 'Year', 'not a number: "twenty"'],
    ]);
    expect(await importView(page).locator('.import-notice').textContent()).toContain('Nothing was imported');
    expect(await counts(page).textContent()).not.toContain('new source');
    await page.screenshot({ path: join(screenshots, 'import-errors.png') });
    await headerClaims(page, 99);
    expect(await page.locator('.workspace-counts').textContent()).toContain('53 sources');
  });

  test('an unbalanced quote is reported at its row, in the preview and on import', async () => {
    const { page } = app;
    await chooseFile(page, fixture('unbalanced-quote.csv'));
    await importView(page).getByRole('button', { name: 'Preview' }).click();
    await counts(page).filter({ hasText: 'Dry run: 0 claims to import.' }).waitFor();
    const [row] = await problemTable(page);
    expect(row?.[0]).toBe('2');
    expect(row?.[2]).toContain('unbalanced quote');
    await importView(page).getByRole('button', { name: 'Import', exact: true }).click();
    await counts(page).filter({ hasText: 'Nothing imported: 1 problem in the file.' }).waitFor();
    await headerClaims(page, 99);
  });

  test('a workspace JSON export imports its source and claim', async () => {
    const { page } = app;
    await importView(page)
      .getByLabel('Choose a CSV or JSON file')
      .setInputFiles({ name: 'one-claim.json', mimeType: 'application/json', buffer: Buffer.from(workspaceJson) });
    await importView(page).locator('.import-file', { hasText: 'JSON' }).waitFor();
    expect(await importView(page).getByLabel('Recipe (JSON)').count()).toBe(0);
    await importView(page).getByRole('button', { name: 'Preview' }).click();
    await counts(page).filter({ hasText: 'Dry run: 1 claim to import.' }).waitFor();
    expect(await counts(page).textContent()).toContain('1 new source');
    await sampleRows(page).filter({ hasText: 'Kuantan separation plant' }).waitFor();
    await importView(page).getByRole('button', { name: 'Import', exact: true }).click();
    await counts(page).filter({ hasText: 'Imported 1 claim.' }).waitFor();
    await headerClaims(page, 100);
    expect(await page.locator('.workspace-counts').textContent()).toContain('54 sources');
  });

  test('nothing left the machine and the page raised no errors', async () => {
    await expectQuietAndLocal(app);
  });
});
