import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWorkspace } from '../../db/workspace/create';
import { findChromium } from '../bench/measure-ui';
import { startHost, writeImportCsv } from '../bench/measure-import-ui';
import { importRecipe } from '../bench/synthetic-workspace';
import { quietChromium } from '../../db/report/print-pdf';

/**
 * A big CSV import through the UI (the preview host standing in for the desktop's open dialog and
 * database process): progress moves, Cancel leaves the workspace as it was, and a second run adds
 * exactly the file's rows.
 */
const ROWS = 50_000;
const FILE = `claims-${ROWS}.csv`;

const view = (page: Page) => page.locator('section.import-view');
const claimCount = (page: Page) =>
  page.evaluate<number>(`window.chokepoint.getWorkspaceSummary().then((summary) => summary.claims)`);
const rowsWritten = async (page: Page) => {
  const text =
    (await view(page)
      .locator('.import-progress-rows')
      .textContent({ timeout: 500 })
      .catch(() => '')) ?? '';
  return Number(/([\d,]+) written/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
};

async function chooseBigFile(page: Page) {
  page.once('dialog', (dialog) => void dialog.accept(FILE));
  await view(page).getByRole('button', { name: 'Choose a large file…' }).click();
  await view(page).locator('.import-file code', { hasText: FILE }).waitFor();
}

describe('a long import with progress and cancel', () => {
  let folder: string;
  let host: Awaited<ReturnType<typeof startHost>>;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const chromiumPath = findChromium();
    if (!chromiumPath) throw new Error('No Chromium found (looked at $CHOKEPOINT_CHROMIUM and /usr/bin/chromium).');
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-import-progress-'));
    const imports = join(folder, 'imports');
    mkdirSync(imports);
    await writeImportCsv(join(imports, FILE), ROWS);
    const file = join(folder, 'w.sqlite');
    createWorkspace(file, { starter: false, name: 'Import progress' }).close();
    // In a process of its own, as the desktop app runs its database: the browser driver here stays responsive.
    host = await startHost(file, imports);
    context = await chromium.launchPersistentContext(join(folder, 'profile'), {
      executablePath: chromiumPath,
      headless: true,
      args: quietChromium,
      viewport: { width: 1440, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(host.url);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Import' }).click();
    await view(page)
      .getByLabel('Recipe (JSON)')
      .fill(JSON.stringify(importRecipe, null, 2));
  });

  afterAll(async () => {
    await context?.close();
    await host?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('progress moves, Cancel changes nothing, and a second run adds exactly the rows', { timeout: 90_000 }, async () => {
    const before = await claimCount(page);
    await chooseBigFile(page);
    await view(page).getByRole('button', { name: 'Import', exact: true }).click();
    await view(page).getByLabel('Import progress').waitFor();
    // Progress moves: some rows are written (into the open transaction) before we cancel.
    let written = 0;
    for (const deadline = Date.now() + 30_000; written === 0 && Date.now() < deadline;) {
      written = await rowsWritten(page);
      if (written === 0) await page.waitForTimeout(50);
    }
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(ROWS);
    // The window stays usable while the import runs: the workspace answers (unchanged so far).
    expect(await claimCount(page)).toBe(before);
    await view(page).getByRole('button', { name: 'Cancel import' }).click();
    await view(page).locator('.import-cancelled', { hasText: 'nothing was written' }).waitFor({ timeout: 30_000 });
    expect(await claimCount(page)).toBe(before);

    // The file is still chosen: import it again, to the end.
    await view(page).getByRole('button', { name: 'Import', exact: true }).click();
    await view(page).locator('.import-counts', { hasText: 'Imported 50,000 claims.' }).waitFor({ timeout: 50_000 });
    expect(await claimCount(page)).toBe(before + ROWS);
  });
});
