import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ClaimPage } from '../../db/evidence/views';
import { claimRows, expectCount, expectQuietAndLocal, operate } from './claims-helpers';
import { findTarget, launchApp, type RunningApp } from './target';
import { createStarterWorkspace, multiplyClaims } from './workspaces';

/** Far more rows than a screen: the table must keep only a window of them in the DOM. */
describe('a workspace of about 5,000 claims', () => {
  let folder: string;
  let app: RunningApp;
  let total: number;
  let lastId: string;

  beforeAll(async () => {
    const target = findTarget();
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-'));
    const file = join(folder, 'scale.sqlite');
    createStarterWorkspace(file, 'Scale');
    multiplyClaims(file, 62); // 80 starter claims × 63 = 5,040
    total = operate<ClaimPage>(file, 'listClaims', { limit: 1 }).total;
    lastId = operate<ClaimPage>(file, 'listClaims', { offset: total - 1, limit: 1 }).rows[0]!.id;
    app = await launchApp(target, file);
  });

  afterAll(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const rowsInDom = () => app.page.locator('.claim-row').count();

  test('only a window of rows is drawn, however far the table is scrolled', async () => {
    const { page } = app;
    expect(total).toBe(5040);
    await expectCount(page, '5,040 claims');
    await claimRows(page).first().waitFor();
    expect(await rowsInDom()).toBeLessThan(200);

    const scroller = page.locator('.claims-scroll');
    for (const fraction of [0.25, 0.5, 0.75]) {
      await scroller.evaluate((element, f) => {
        element.scrollTop = (element.scrollHeight - element.clientHeight) * f;
      }, fraction);
      const index = Math.floor(total * fraction);
      await page.locator(`.claim-row[data-claim-id][aria-rowindex="${index}"]`).waitFor();
      expect(await rowsInDom()).toBeLessThan(200);
    }
  });

  test('after a fast scroll, every row left in view shows its claim, none is left loading', async () => {
    const { page } = app;
    // Many screens per frame, as a flung scrollbar does: windows scrolled past are never asked for.
    await page.locator('.claims-scroll').evaluate(
      (element) =>
        new Promise<void>((resolve) => {
          let frames = 0;
          const step = () => {
            element.scrollTop += 2_000;
            if (++frames < 60) requestAnimationFrame(step);
            else resolve();
          };
          requestAnimationFrame(step);
        }),
    );
    await page.waitForFunction(() => {
      const scroller = document.querySelector('.claims-scroll')!;
      const view = scroller.getBoundingClientRect();
      const inView = [...document.querySelectorAll<HTMLElement>('.claim-row')].filter((row) => {
        const box = row.getBoundingClientRect();
        return box.bottom > view.top && box.top < view.bottom;
      });
      return inView.length > 5 && inView.every((row) => row.dataset.claimId);
    });
    const first = Number(await page.locator('.claim-row[data-claim-id]').first().getAttribute('aria-rowindex'));
    expect(first).toBeGreaterThan(2_000);
    expect(await rowsInDom()).toBeLessThan(200);
  });

  test('End goes to the last claim', async () => {
    const { page } = app;
    await page.locator('.claims-scroll').focus();
    await page.keyboard.press('End');
    const last = page.locator(`.claim-row[aria-rowindex="${total + 1}"]`);
    await page.locator(`.claim-row[data-claim-id="${lastId}"]`).waitFor();
    expect(await last.getAttribute('aria-selected')).toBe('true');
    expect(await last.isVisible()).toBe(true);
    expect(await rowsInDom()).toBeLessThan(200);
    await page.keyboard.press('Home');
    await page.locator('.claim-row[aria-rowindex="2"][aria-selected="true"]').waitFor();
  });

  test('nothing left the machine, and there were no console errors or CSP violations', async () => {
    await expectQuietAndLocal(app);
  });
});
