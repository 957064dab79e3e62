import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { executeOperation } from '../../db/api';
import { vocabulary } from '../../db/evidence/vocabulary';
import { openWorkspace } from '../../db/workspace/open';
import { isLocalRequest } from './observe';
import { findTarget, launchApp, type RunningApp } from './target';
import { createStarterWorkspace, multiplyClaims } from './workspaces';

const screenshots = fileURLToPath(new URL('../../out/screenshots/', import.meta.url));

/** The status line above the table, e.g. "Showing 1–80 of 80". */
const pagerStatus = (page: Page) => page.locator('.pager-status');
const claimRows = (page: Page) => page.locator('tbody tr.claim-row');

async function expectStatus(page: Page, text: string) {
  await page.locator('.pager-status', { hasText: text }).waitFor();
  expect(await pagerStatus(page).textContent()).toBe(text);
}

/** What a user would notice: nothing left the machine, and the page raised no errors of any kind. */
async function expectQuietAndLocal(app: RunningApp) {
  expect(app.observed.requests.length).toBeGreaterThan(0);
  expect(app.observed.requests.filter((url) => !isLocalRequest(url))).toEqual([]);
  expect(app.observed.offMachine).toEqual([]);
  expect(app.observed.consoleErrors).toEqual([]);
  expect(app.observed.pageErrors).toEqual([]);
  expect(await app.observed.cspViolations(app.page)).toEqual([]);
}

function countAtStage(file: string, stage: 'separation'): number {
  const workspace = openWorkspace(file);
  try {
    const result = executeOperation({ workspace }, 'listClaims', { offset: 0, limit: 1, stage });
    if (!result.ok) throw new Error(result.error.message);
    return (result.value as { total: number }).total;
  } finally {
    workspace.close();
  }
}

describe('claims list on the starter workspace', () => {
  let folder: string;
  let app: RunningApp;
  let separationCount: number;

  beforeAll(async () => {
    const target = findTarget();
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-'));
    const file = join(folder, 'w.sqlite');
    createStarterWorkspace(file, 'Rare earths starter');
    separationCount = countAtStage(file, 'separation');
    app = await launchApp(target, file);
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
  });

  test('every starter claim is listed on one page, with its figure, unit, year and source', async () => {
    const { page } = app;
    await expectStatus(page, 'Showing 1–80 of 80');
    expect(await claimRows(page).count()).toBe(80);
    expect(await page.getByRole('button', { name: 'Previous' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);

    const usgsChina = claimRows(page).filter({ hasText: "USGS data release estimated China's 2023 rare-earth mine production" });
    expect(await usgsChina.count()).toBe(1);
    expect(await usgsChina.locator('.claim-stage').textContent()).toBe('Mining');
    expect(await usgsChina.locator('.claim-country').textContent()).toContain('China');
    expect(await usgsChina.locator('.figure-amount').textContent()).toBe('240,000');
    expect(await usgsChina.locator('.figure-unit').textContent()).toMatch(/^t REO/);
    expect(await usgsChina.locator('.claim-year').textContent()).toBe('2023');
    expect(await usgsChina.locator('.citation-publisher').first().textContent()).toContain('Geological Survey');
    expect(await usgsChina.locator('.grade').first().textContent()).toMatch(/^[A-F][1-6]$/);
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

  test('the stage filter shows only that stage, and "All stages" brings every claim back', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Separation', exact: true }).click();
    await expectStatus(page, `Showing 1–${separationCount} of ${separationCount}`);
    expect(await page.getByRole('button', { name: 'Separation', exact: true }).getAttribute('aria-pressed')).toBe('true');
    const stages = await claimRows(page).locator('.claim-stage').allTextContents();
    expect(stages).toHaveLength(separationCount);
    expect(new Set(stages)).toEqual(new Set(['Separation']));

    await page.getByRole('button', { name: 'All stages' }).click();
    await expectStatus(page, 'Showing 1–80 of 80');
  });

  test('claim rows can be read from the keyboard', async () => {
    const { page } = app;
    await claimRows(page).first().focus();
    await page.keyboard.press('ArrowDown');
    expect(
      await claimRows(page)
        .nth(1)
        .evaluate((row) => row === document.activeElement),
    ).toBe(true);
    await page.keyboard.press('End');
    expect(
      await claimRows(page)
        .last()
        .evaluate((row) => row === document.activeElement),
    ).toBe(true);
    await page.keyboard.press('Home');
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
    await page.getByRole('button', { name: 'Magnets', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The workspace file was moved.');
    // Rows that no longer match the chosen stage are not left on screen under the error.
    expect(await claimRows(page).count()).toBe(0);

    await page.unroute('**/api/operation');
    await page.getByRole('button', { name: 'All stages' }).click();
    await expectStatus(page, 'Showing 1–80 of 80');
    await alert.waitFor({ state: 'detached' });
  });

  test('screenshots, light and dark', async () => {
    const { page } = app;
    mkdirSync(screenshots, { recursive: true });
    // No hover or focus ring in the picture: it should show the resting state.
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: join(screenshots, 'claims.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(screenshots, 'claims-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test('nothing left the machine, and there were no console errors or CSP violations', async () => {
    await expectQuietAndLocal(app);
  });
});

describe('paging through a workspace of more than one page', () => {
  let folder: string;
  let app: RunningApp;

  beforeAll(async () => {
    const target = findTarget();
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-'));
    const file = join(folder, 'paging.sqlite');
    createStarterWorkspace(file, 'Paging');
    multiplyClaims(file, 2); // 80 starter claims + 2 copies = 240
    app = await launchApp(target, file);
  });

  afterAll(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('100 claims a page, with Previous and Next', async () => {
    const { page } = app;
    const previous = page.getByRole('button', { name: 'Previous' });
    const next = page.getByRole('button', { name: 'Next' });
    await expectStatus(page, 'Showing 1–100 of 240');
    expect(await claimRows(page).count()).toBe(100);
    expect(await previous.isDisabled()).toBe(true);

    await next.click();
    await expectStatus(page, 'Showing 101–200 of 240');
    await next.click();
    await expectStatus(page, 'Showing 201–240 of 240');
    expect(await claimRows(page).count()).toBe(40);
    expect(await next.isDisabled()).toBe(true);

    await previous.click();
    await expectStatus(page, 'Showing 101–200 of 240');
    // Choosing a stage starts again at its first page.
    await page.getByRole('button', { name: 'Mining', exact: true }).click();
    await page.locator('.pager-status', { hasText: /^Showing 1–/ }).waitFor();
  });

  test('nothing left the machine, and there were no console errors or CSP violations', async () => {
    await expectQuietAndLocal(app);
  });
});
