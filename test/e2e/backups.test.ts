import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectQuietAndLocal, screenshot } from './claims-helpers';
import { findTarget, launchApp, type RunningApp } from './target';
import { createStarterWorkspace } from './workspaces';

const screenshots = process.env.CHOKEPOINT_SCREENSHOTS ?? join(tmpdir(), 'chokepoint-screenshots');

describe('backups panel', () => {
  let folder: string;
  let app: RunningApp;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-backups-'));
    const file = join(folder, 'Rare earths.sqlite');
    createStarterWorkspace(file, 'Rare earths starter');
    app = await launchApp(findTarget(), file);
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('backs up, and restoring the backup brings back a claim deleted since', { timeout: 60_000 }, async () => {
    const { page } = app;
    const counts = page.locator('.workspace-counts');
    await expect.poll(() => counts.textContent()).toContain('80 claims');

    const panel = page.getByRole('dialog', { name: 'Backups' });
    await page.getByRole('button', { name: 'Backups' }).click();
    await panel.getByText('No backups yet.').waitFor();
    await panel.getByRole('button', { name: 'Back up now' }).click();
    await panel.getByRole('status').getByText('Backed up: 80 claims').waitFor();
    const rows = panel.locator('.backups-table tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toMatch(/Backed up by hand.*80 claims · 52 sources/);
    await panel.getByRole('button', { name: 'Close' }).click();

    // An edit after the backup: one claim deleted (through the same operation the claim form uses).
    const deleted = await page.evaluate(async () => {
      const page1 = await window.chokepoint!.listClaims({ limit: 1 });
      const id = page1.rows[0]!.id;
      await window.chokepoint!.deleteClaim({ id });
      return id;
    });
    await page.reload();
    await expect.poll(() => counts.textContent()).toContain('79 claims');

    await page.getByRole('button', { name: 'Backups' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await rows
      .first()
      .getByRole('button', { name: /Restore the backup of/ })
      .click();
    const confirm = panel.getByRole('alertdialog', { name: 'Restore this backup?' });
    expect(await confirm.textContent()).toMatch(/80 claims.*The workspace as it is now is backed up first/);
    await screenshot(page, join(screenshots, 'backups-confirm.png'), 'light');
    await confirm.getByRole('button', { name: 'Restore', exact: true }).click();

    await panel
      .getByRole('status')
      .getByText(/Restored the backup of .* kept as Rare earths\.backup-before-restore-/)
      .waitFor();
    // The state the restore replaced is itself a backup, newest first.
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toMatch(/Before restore.*79 claims/);
    await screenshot(page, join(screenshots, 'backups-restored.png'), 'dark');

    await panel.getByRole('button', { name: 'Show the restored workspace' }).click();
    await expect.poll(() => counts.textContent()).toContain('80 claims');
    const back = await page.evaluate((id) => window.chokepoint!.getClaim({ id }), deleted);
    expect(back.id).toBe(deleted);
    await expectQuietAndLocal(app);
  });
});
