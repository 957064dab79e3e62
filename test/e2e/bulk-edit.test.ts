import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AuditRecord, ClaimDetail, ClaimPage } from '../../db/evidence/views';
import { claimRow, claimRows, expectCount, expectQuietAndLocal, operate } from './claims-helpers';
import { findTarget, launchApp, type RunningApp } from './target';
import { createStarterWorkspace } from './workspaces';

/** Where screenshots go: beside the build the test runs against, or /tmp. */
const shots = process.env.CHOKEPOINT_OUT_DIR ?? tmpdir();

describe('editing many claims at once', () => {
  let folder: string;
  let file: string;
  let app: RunningApp;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-'));
    file = join(folder, 'w.sqlite');
    createStarterWorkspace(file, 'Bulk edit');
    app = await launchApp(findTarget(), file);
  });

  afterAll(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const detail = (id: string) => operate<ClaimDetail>(file, 'getClaim', { id });
  const tick = (id: string) => claimRow(app.page, id).locator('.row-check').click();

  test('ticking claims redraws only the ticked row and does not open the claim', async () => {
    const { page } = app;
    await expectCount(page, '80 claims');
    const ids = await claimRows(page).evaluateAll((rows) => rows.slice(0, 3).map((row) => row.getAttribute('data-claim-id')!));
    // Counts the rows whose DOM changes while a box is ticked: the grid must not redraw the rest.
    await page.evaluate(() => {
      const touched = new Set<string>();
      (window as unknown as { touched: Set<string> }).touched = touched;
      new MutationObserver((records) => {
        for (const record of records) {
          const target = record.target instanceof Element ? record.target : record.target.parentElement;
          const row = target?.closest<HTMLElement>('.claim-row');
          if (row) touched.add(row.dataset.claimId ?? '?');
        }
      }).observe(document.querySelector('.claims-band')!, {
        subtree: true,
        attributes: true,
        childList: true,
        characterData: true,
      });
    });
    await tick(ids[0]!);
    await page.getByText('1 claim ticked').waitFor();
    expect(await page.evaluate(() => [...(window as unknown as { touched: Set<string> }).touched])).toEqual([ids[0]]);
    expect(await claimRow(page, ids[0]!).locator('input[type=checkbox]').isChecked()).toBe(true);
    expect(await page.locator('.detail-panel').count()).toBe(0);

    await tick(ids[1]!);
    await page.getByText('2 claims ticked').waitFor();
    // Unticking works the same way.
    await tick(ids[2]!);
    await tick(ids[2]!);
    await page.getByText('2 claims ticked').waitFor();
    expect(await claimRow(page, ids[2]!).locator('input[type=checkbox]').isChecked()).toBe(false);
  });

  test('"Edit 2 claims…" changes both, says so, and each claim’s history shows the edit', async () => {
    const { page } = app;
    const ticked = await page
      .locator('.claim-row.is-checked')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-claim-id')!));
    expect(ticked).toHaveLength(2);
    await page.getByRole('button', { name: 'Edit 2 claims…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit 2 claims' });
    await dialog.waitFor();

    // Nothing chosen: refused, in words, and nothing written.
    await dialog.getByRole('button', { name: 'Apply to 2 claims' }).click();
    await dialog.getByText('choose at least one change to make').waitFor();

    await dialog.getByLabel('Credibility (Admiralty)').selectOption('2');
    expect(await dialog.getByText('choose at least one change to make').count()).toBe(0);
    await dialog.getByLabel('Why this credibility').fill('Checked against the 2025 plant survey');
    await dialog.getByLabel('Add tags (comma-separated)').fill('surveyed 2025');
    await page.screenshot({ path: join(shots, 'bulk-edit-form.png') });
    await dialog.getByRole('button', { name: 'Apply to 2 claims' }).click();
    await page.getByText('Updated 2 claims.').waitFor();
    expect(await dialog.count()).toBe(0);

    for (const id of ticked) {
      expect(detail(id)).toMatchObject({ credibility: 2, credibilityReason: 'Checked against the 2025 plant survey' });
      expect(detail(id).tags).toContain('surveyed 2025');
      // The grid redraws with the new grade.
      await claimRow(page, id)
        .locator('.grade', { hasText: /^[A-F]2$/ })
        .first()
        .waitFor();
      const [latest] = operate<AuditRecord[]>(file, 'getHistory', { entityType: 'claim', entityId: id });
      expect(latest).toMatchObject({ action: 'update' });
    }
    expect(await page.locator('.claim-row.is-checked').count()).toBe(0);
  });

  test('"Tick all N matching" ticks every claim the filter matches, loaded or not, and one edit changes them all', async () => {
    const { page } = app;
    const separation = operate<ClaimPage>(file, 'listClaims', { stage: 'separation', limit: 500 });
    await page.getByLabel('Stage').selectOption('separation');
    await expectCount(page, `${separation.total} matching`);
    await page.getByRole('button', { name: `Tick all ${separation.total} matching` }).click();
    await page.getByText(`${separation.total} claims ticked`).waitFor();
    await page.screenshot({ path: join(shots, 'bulk-edit-ticked.png') });

    await page.getByRole('button', { name: `Edit ${separation.total} claims…` }).click();
    const dialog = page.getByRole('dialog', { name: `Edit ${separation.total} claims` });
    await dialog.getByLabel('Add tags (comma-separated)').fill('separation reviewed');
    await dialog.getByRole('button', { name: `Apply to ${separation.total} claims` }).click();
    await page.getByText(`Updated ${separation.total} claims.`).waitFor();

    const tagged = operate<ClaimPage>(file, 'listClaims', { tag: 'separation reviewed', limit: 500 });
    expect(new Set(tagged.rows.map((r) => r.id))).toEqual(new Set(separation.rows.map((r) => r.id)));
    // A filter change clears the ticks: an edit never reaches claims the analyst no longer sees.
    await page.getByRole('button', { name: `Tick all ${separation.total} matching` }).click();
    await page.getByText(`${separation.total} claims ticked`).waitFor();
    await page.getByLabel('Stage').selectOption('');
    await page.getByText('Tick claims to edit them together').waitFor();
    await expectQuietAndLocal(app);
  });
});
