import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CountryBloc } from '../../db/evidence/bloc-query';
import { expectQuietAndLocal, operate, screenshot } from './claims-helpers';
import { findTarget, launchApp, type RunningApp } from './target';
import { createStarterWorkspace } from './workspaces';

const screenshots = fileURLToPath(new URL('../../out/screenshots/', import.meta.url));
const kuantan = 'sep-lynas-malaysia-10500';

const openView = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true }).click();
const countryRow = (page: Page, key: string) => page.locator(`.bloc-row[data-country="${key}"]`);
const sideOf = (page: Page, country: string) => page.getByRole('combobox', { name: `Side of ${country}`, exact: true });
const chinaSeparation = (page: Page) => page.locator('.stage-gap-chart .gap-row[data-stage="separation"] .gap-mark-china');

describe('countries view on the starter workspace', () => {
  let folder: string;
  let file: string;
  let app: RunningApp;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-blocs-'));
    file = join(folder, 'w.sqlite');
    createStarterWorkspace(file, 'Rare earths starter');
    app = await launchApp(findTarget(), file);
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('lists every country with its side, claim count and mapping, and says what China means', async () => {
    const { page } = app;
    const expected = operate<CountryBloc[]>(file, 'listCountrySides', {});
    await openView(page, 'Countries');
    await countryRow(page, 'china').waitFor();
    expect(await page.locator('.bloc-row').count()).toBe(expected.length);
    expect(await sideOf(page, 'China').inputValue()).toBe('china');
    expect(await countryRow(page, 'china').locator('.bloc-claims').textContent()).toBe(
      String(expected.find((row) => row.key === 'china')!.claims),
    );
    expect(await sideOf(page, 'World').inputValue()).toBe('aggregate');
    expect(await sideOf(page, 'Malaysia').inputValue()).toBe('ex-china');
    expect(await countryRow(page, 'malaysia').locator('.bloc-mapping').textContent()).toBe('Default');
    expect(await page.getByRole('button', { name: 'Reset Malaysia' }).count()).toBe(0);
    const hint = await page.locator('.blocs-view .toolbar-hint').textContent();
    expect(hint).toContain('“China” means mainland China');
    expect(hint).toContain('never summed with countries');
    await screenshot(page, join(screenshots, 'countries.png'), 'light');
    await screenshot(page, join(screenshots, 'countries-dark.png'), 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('putting Malaysia on the China side moves Lynas Kuantan to China in the gap', async () => {
    const { page } = app;
    await openView(page, 'Gap');
    await chinaSeparation(page).waitFor();
    expect(await chinaSeparation(page).getAttribute('data-claim-ids')).not.toContain(kuantan);

    await openView(page, 'Countries');
    await sideOf(page, 'Malaysia').selectOption('china');
    await countryRow(page, 'malaysia').locator('.bloc-mapping', { hasText: 'Mapped' }).waitFor();
    expect(await sideOf(page, 'Malaysia').inputValue()).toBe('china');
    expect(await page.getByRole('button', { name: 'Reset Malaysia' }).count()).toBe(1);

    await openView(page, 'Gap');
    await page
      .locator(`.stage-gap-chart .gap-row[data-stage="separation"] .gap-mark-china[data-claim-ids*="${kuantan}"]`)
      .waitFor();
    expect(await chinaSeparation(page).getAttribute('data-claim-ids')).toContain(kuantan);
  });

  test("the country's history shows the change, and reset puts Malaysia back on the ex-China side", async () => {
    const { page } = app;
    await openView(page, 'Countries');
    await page.getByRole('button', { name: 'History of Malaysia' }).click();
    const history = page.getByRole('list', { name: 'History' });
    await history.waitFor();
    expect(await history.locator('.history-entry').count()).toBe(1);
    expect(await history.locator('.diff-after').allTextContents()).toContain('china');
    await screenshot(page, join(screenshots, 'countries-history.png'), 'light');
    await page.getByRole('button', { name: 'Reset Malaysia' }).click();
    await countryRow(page, 'malaysia').locator('.bloc-mapping', { hasText: 'Default' }).waitFor();
    expect(await sideOf(page, 'Malaysia').inputValue()).toBe('ex-china');
    await history.locator('.history-entry').nth(1).waitFor();
    expect(operate<CountryBloc[]>(file, 'listCountrySides', {}).find((row) => row.key === 'malaysia')).toMatchObject({
      side: 'ex-china',
      mapping: 'default',
    });
  });

  test('nothing left the machine and the page raised no errors', async () => {
    await expectQuietAndLocal(app);
  });
});
