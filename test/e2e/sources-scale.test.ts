import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertSourceRow } from '../../db/evidence/source-writes';
import { sourceInput } from '../../db/evidence/inputs';
import type { SourcePage } from '../../db/evidence/views';
import { openWorkspace } from '../../db/workspace/open';
import { expectQuietAndLocal, operate } from './claims-helpers';
import { findTarget, launchApp, type RunningApp } from './target';
import { createStarterWorkspace } from './workspaces';

const added = 3000;
const grades = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

/** Adds `count` sources in one transaction, written the way the source write path writes a row. */
function addSources(file: string, count: number): void {
  const workspace = openWorkspace(file);
  try {
    workspace.db.transaction(() => {
      for (let n = 1; n <= count; n++) {
        const number = String(n).padStart(4, '0');
        insertSourceRow(workspace.db, {
          ...sourceInput.parse({
            title: `Customs ledger extract ${number}`,
            publisher: `Ledger office ${number}`,
            publisherType: n % 2 ? 'government' : 'company',
            published: `20${10 + (n % 15)}`,
            reliability: grades[n % grades.length],
          }),
          id: `src-bulk-${number}`,
        });
      }
    })();
  } finally {
    workspace.close();
  }
}

const rowsInDom = (page: Page) => page.locator('tbody tr.source-row').count();
const row = (page: Page, id: string) => page.locator(`tbody tr.source-row[data-source-id="${id}"]`);

/** Far more sources than a screen: the table keeps only a window of rows in the DOM. */
describe('a workspace of about 3,000 sources', () => {
  let folder: string;
  let app: RunningApp;
  let total: number;
  let firstId: string;
  let lastId: string;

  beforeAll(async () => {
    const target = findTarget();
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-sources-scale-'));
    const file = join(folder, 'scale.sqlite');
    createStarterWorkspace(file, 'Sources at scale');
    addSources(file, added);
    total = operate<SourcePage>(file, 'listSources', { limit: 1 }).total;
    firstId = operate<SourcePage>(file, 'listSources', { limit: 1 }).rows[0]!.id;
    lastId = operate<SourcePage>(file, 'listSources', { offset: total - 1, limit: 1 }).rows[0]!.id;
    app = await launchApp(target, file);
    await app.page.getByRole('button', { name: 'Sources', exact: true }).click();
  });

  afterAll(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('counts every source and draws only a window of rows, to the last one', async () => {
    const { page } = app;
    expect(total).toBe(52 + added);
    await page.locator('.sources-count', { hasText: /^3,052 sources$/ }).waitFor();
    await row(page, firstId).waitFor();
    expect(await page.locator('table.sources-table').getAttribute('aria-rowcount')).toBe(String(total + 1));
    expect(await rowsInDom(page)).toBeLessThan(80);

    const scroller = page.locator('.sources-scroll');
    for (const fraction of [0.3, 0.6]) {
      await scroller.evaluate((element, f) => {
        element.scrollTop = (element.scrollHeight - element.clientHeight) * f;
      }, fraction);
      await page.locator(`tbody tr.source-row[data-source-id][aria-rowindex="${Math.floor(total * fraction)}"]`).waitFor();
      expect(await rowsInDom(page)).toBeLessThan(80);
    }
    await scroller.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await row(page, lastId).waitFor();
    expect(await row(page, lastId).isVisible()).toBe(true);
    expect(await rowsInDom(page)).toBeLessThan(80);
    // Every drawn row keeps the height the geometry places it by.
    const heights = await page
      .locator('tbody tr.source-row')
      .evaluateAll((rows) => [...new Set(rows.map((r) => Math.round(r.getBoundingClientRect().height)))]);
    expect(heights).toEqual([46]);
  });

  test('Home and End move the focused row through the whole list; Enter opens it', async () => {
    const { page } = app;
    await page.locator('.sources-scroll').evaluate((element) => {
      element.scrollTop = 0;
    });
    await row(page, firstId).focus();
    await page.keyboard.press('End');
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-source-id') === id, lastId);
    expect(await row(page, lastId).isVisible()).toBe(true);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const opened = await page.evaluate(() => document.activeElement?.getAttribute('data-source-id'));
    expect(opened).toBeTruthy();
    await page.locator(`tbody tr.source-row[data-source-id="${opened}"][aria-selected="true"]`).waitFor();
    await page.locator('aside.source-panel h3').waitFor();
    await page.keyboard.press('Home');
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-source-id') === id, firstId);
    expect(await rowsInDom(page)).toBeLessThan(80);
  });

  test('search, a filter and a sort still work over the whole list', async () => {
    const { page } = app;
    await page.getByLabel('Search sources').fill('Customs ledger extract 2999');
    await page.locator('.sources-count', { hasText: /^1 source$/ }).waitFor();
    await row(page, 'src-bulk-2999').waitFor();
    await page.getByLabel('Search sources').fill('');

    const gradeA = operate<SourcePage>(join(folder, 'scale.sqlite'), 'listSources', { limit: 1, reliability: ['A'] }).total;
    await page.getByRole('group', { name: 'Reliability' }).getByRole('button', { name: 'A', exact: true }).click();
    await page.locator('.sources-count', { hasText: new RegExp(`^${gradeA.toLocaleString('en')} sources$`) }).waitFor();
    await page.getByRole('group', { name: 'Reliability' }).getByRole('button', { name: 'A', exact: true }).click();

    await page
      .locator('.sources-table thead')
      .getByRole('button', { name: /^Title/ })
      .click();
    await page
      .locator('.sources-table thead')
      .getByRole('button', { name: /^Title/ })
      .click();
    await page.locator('th[aria-sort="descending"]', { hasText: 'Title' }).waitFor();
    const lastByTitle = operate<SourcePage>(join(folder, 'scale.sqlite'), 'listSources', {
      limit: 1,
      sort: 'title',
      direction: 'desc',
    }).rows[0]!.id;
    await page.locator('tbody tr.source-row').first().and(row(page, lastByTitle)).waitFor();
  });

  test('nothing left the machine, and there were no console errors or CSP violations', async () => {
    await expectQuietAndLocal(app);
  });
});
