import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { executeOperation } from '../../db/api';
import type { SourcePage } from '../../db/evidence/views';
import { openWorkspace } from '../../db/workspace/open';
import { isLocalRequest } from './observe';
import { findTarget, launchApp, type RunningApp } from './target';
import { createStarterWorkspace } from './workspaces';

const screenshots = fileURLToPath(new URL('../../out/screenshots/', import.meta.url));

declare global {
  interface Window {
    __pwned?: number;
  }
}

async function expectQuietAndLocal(app: RunningApp) {
  expect(app.observed.requests.length).toBeGreaterThan(0);
  expect(app.observed.requests.filter((url) => !isLocalRequest(url))).toEqual([]);
  expect(app.observed.offMachine).toEqual([]);
  expect(app.observed.consoleErrors).toEqual([]);
  expect(app.observed.pageErrors).toEqual([]);
  expect(await app.observed.cspViolations(app.page)).toEqual([]);
}

function listSources(file: string): SourcePage {
  const workspace = openWorkspace(file);
  try {
    const result = executeOperation({ workspace }, 'listSources', { limit: 500 });
    if (!result.ok) throw new Error(result.error.message);
    return result.value as SourcePage;
  } finally {
    workspace.close();
  }
}

/**
 * Waits for the status line to say exactly "n sources", then checks the table counts that many rows
 * (aria-rowcount, with the header) and draws at most that many: it is virtualized.
 */
async function expectCount(page: Page, n: number) {
  await page.locator('.sources-count', { hasText: new RegExp(`^${n} sources?$`) }).waitFor();
  if (n === 0) {
    await page.locator('.sources-empty').waitFor();
    expect(await sourceRows(page).count()).toBe(0);
    return;
  }
  await page.locator(`table.sources-table[aria-rowcount="${n + 1}"][aria-busy="false"]`).waitFor();
  expect(await sourceRows(page).count()).toBeLessThanOrEqual(n);
  expect(await sourceRows(page).count()).toBeGreaterThan(0);
}

const sourceRows = (page: Page) => page.locator('tbody tr.source-row');
const panel = (page: Page) => page.locator('aside.source-panel');

/** Selects `needle` inside the archived text the way a mouse would, then releases the button. */
async function selectInCopy(page: Page, needle: string) {
  await page.locator('pre.archive-text').evaluate((pre, wanted) => {
    const node = pre.firstChild as Text;
    const start = node.data.indexOf(wanted);
    if (start < 0) throw new Error(`"${wanted}" is not in the archived text`);
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, start + wanted.length);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    pre.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, needle);
}

describe('sources on the starter workspace', () => {
  let folder: string;
  let app: RunningApp;
  let sources: SourcePage;

  beforeAll(async () => {
    const target = findTarget();
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-sources-'));
    const file = join(folder, 'w.sqlite');
    createStarterWorkspace(file, 'Rare earths starter');
    sources = listSources(file);
    mkdirSync(screenshots, { recursive: true });
    app = await launchApp(target, file);
    await app.page.getByRole('button', { name: 'Sources', exact: true }).click();
    await app.page.locator('.sources-count', { hasText: `${sources.total} sources` }).waitFor();
  });

  afterAll(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('lists every source, and search and filters narrow the table', async () => {
    const { page } = app;
    await expectCount(page, sources.total);

    const usgs = sources.rows.filter((s) => /usgs/i.test(`${s.title} ${s.publisher} ${s.url}`)).length;
    expect(usgs).toBeGreaterThan(0);
    await page.getByLabel('Search sources').fill('USGS');
    await expectCount(page, usgs);
    await page.getByLabel('Search sources').fill('');

    const gradeA = sources.rows.filter((s) => s.reliability === 'A').length;
    await page.getByRole('group', { name: 'Reliability' }).getByRole('button', { name: 'A', exact: true }).click();
    await expectCount(page, gradeA);
    for (const words of await sourceRows(page).locator('.reliability-words').allTextContents())
      expect(words).toBe('Completely reliable');
    await page.getByRole('group', { name: 'Reliability' }).getByRole('button', { name: 'A', exact: true }).click();

    const news = sources.rows.filter((s) => s.publisherType === 'news').length;
    await page.locator('.source-filters').getByLabel('Publisher type').selectOption('news');
    await expectCount(page, news);
    await page.locator('.source-filters').getByLabel('Publisher type').selectOption('');
    await expectCount(page, sources.total);
  });

  test('sorts by a header and moves through rows with the keyboard', async () => {
    const { page } = app;
    await page
      .locator('.sources-table thead')
      .getByRole('button', { name: /^Claims/ })
      .click();
    await page.locator('th[aria-sort="descending"]', { hasText: 'Claims' }).waitFor();
    const most = Math.max(...sources.rows.map((s) => s.claimCount));
    await page
      .locator('tbody tr.source-row')
      .first()
      .locator('.source-claims', { hasText: String(most) })
      .waitFor();
    await sourceRows(page).first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const second = await sourceRows(page).nth(1).getAttribute('data-source-id');
    expect(await sourceRows(page).nth(1).getAttribute('aria-selected')).toBe('true');
    expect(second).toBeTruthy();
    await panel(page).locator('h3').waitFor();
  });

  test('a source shows its Admiralty reliability in words beside the letter, and its URL as text', async () => {
    const { page } = app;
    const withUrl = sources.rows.find((s) => s.url && s.claimCount > 0)!;
    await page.getByLabel('Search sources').fill(withUrl.title);
    await sourceRows(page).filter({ hasText: withUrl.title }).first().click();
    const reliability = panel(page).locator('.source-fields .reliability');
    expect(await reliability.locator('.reliability-letter').textContent()).toBe(withUrl.reliability);
    const wording = {
      A: 'Completely reliable',
      B: 'Usually reliable',
      C: 'Fairly reliable',
      D: 'Not usually reliable',
      E: 'Unreliable',
      F: 'Reliability cannot be judged',
    };
    expect(await reliability.locator('.reliability-words').textContent()).toBe(wording[withUrl.reliability]);
    expect(await panel(page).locator('.source-url').textContent()).toBe(withUrl.url);
    expect(await panel(page).locator('a').count()).toBe(0);
    expect(
      await panel(page)
        .getByRole('heading', { name: /^Cited by/ })
        .textContent(),
    ).toContain(String(withUrl.claimCount));
    await page.screenshot({ path: join(screenshots, 'sources-detail.png') });
    await page.getByLabel('Search sources').fill('');
  });

  test('deleting a cited source is refused, naming the claims that cite it', async () => {
    const { page } = app;
    const cited = sources.rows.find((s) => s.claimCount > 0)!;
    await page.getByLabel('Search sources').fill(cited.title);
    await sourceRows(page).filter({ hasText: cited.title }).first().click();
    await panel(page).getByRole('button', { name: 'Delete…' }).click();
    await panel(page).getByRole('button', { name: 'Delete source' }).click();
    const alert = panel(page).locator('.src-error[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(new RegExp(`is cited by ${cited.claimCount} claim`));
    await page.getByLabel('Search sources').fill('');
  });

  test('a new source with a bad date shows the error beside the field; fixed, it is created, then edited', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New source' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Baotou plant visit notes');
    await page.getByLabel('Publisher', { exact: true }).fill('Field team');
    await page.getByLabel('Published').fill('2024-13');
    await page.getByLabel('Reliability (Admiralty)').selectOption('C');
    await page.getByRole('button', { name: 'Create source' }).click();
    const invalid = panel(page).locator('.source-field-invalid');
    await invalid.waitFor();
    expect(await invalid.locator('label').textContent()).toBe('Published');
    expect(await invalid.locator('.source-field-error').textContent()).toContain('YYYY');
    await page.screenshot({ path: join(screenshots, 'sources-form-error.png') });

    await page.getByLabel('Published').fill('2024-05');
    await page.getByRole('button', { name: 'Create source' }).click();
    await panel(page).getByRole('heading', { name: 'Baotou plant visit notes' }).waitFor();
    await expectCount(page, sources.total + 1);

    await panel(page).getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Publisher', { exact: true }).fill('Field team, Baotou');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await panel(page).locator('.panel-kicker', { hasText: 'Field team, Baotou' }).waitFor();
  });

  test('pasted HTML is kept as inert text: no script runs, no image loads', async () => {
    const { page } = app;
    const hostile =
      'Plant notes <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>\n' +
      '<img src="https://example.com/tracker.png">\nThe separation line reached 11,200 tons per year in 2023.';
    await panel(page).getByLabel('Paste the text to keep').fill(hostile);
    await panel(page).getByRole('button', { name: 'Keep pasted text' }).click();
    const copy = panel(page).locator('pre.archive-text');
    await copy.waitFor();
    expect(await copy.textContent()).toBe(hostile);
    expect(await panel(page).locator('.archive-viewer img, .archive-viewer script').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    const expected = createHash('sha256').update(hostile, 'utf8').digest('hex');
    expect(await panel(page).locator('.archive-hash').textContent()).toBe(expected);
  });

  test('selecting text in the copy offers its figure and opens the claim form with the excerpt', async () => {
    const { page } = app;
    const passage = 'The separation line reached 11,200 tons per year in 2023.';
    await selectInCopy(page, passage);
    const popover = page.getByRole('dialog', { name: 'Selection' });
    await popover.locator('.capture-figure', { hasText: '11,200 t/yr' }).waitFor();
    expect(await popover.locator('.capture-locator').textContent()).toMatch(/^line 3, chars \d+–\d+$/);
    await page.screenshot({ path: join(screenshots, 'archive-capture.png') });
    await popover.getByRole('button', { name: 'New claim from selection' }).click();
    const excerpt = page.getByLabel('Excerpt');
    await excerpt.waitFor();
    expect(await excerpt.inputValue()).toBe(passage);
    expect(await page.getByLabel('Locator').inputValue()).toMatch(/^line 3/);
    const values = await page.locator('input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(values.some((v) => v.replace(/[,\s]/g, '') === '11200')).toBe(true);
    await page.keyboard.press('Escape');
  });

  test('an attached file is kept with the SHA-256 node computes for it', async () => {
    const { page } = app;
    if (await page.getByLabel('Excerpt').isVisible())
      await page
        .getByRole('button', { name: /Cancel|Close/ })
        .first()
        .click();
    await panel(page).getByRole('button', { name: 'Replace…' }).click();
    const bytes = Buffer.from('<html><body><p>Lynas Kalgoorlie: 12,000 t/yr</p><script>window.__pwned=3</script></body></html>');
    await panel(page).getByLabel('Attach a file').setInputFiles({ name: 'lynas.html', mimeType: 'text/html', buffer: bytes });
    const hash = createHash('sha256').update(bytes).digest('hex');
    await panel(page).locator('.archive-hash', { hasText: hash }).waitFor();
    expect(await panel(page).locator('.archive-size').textContent()).toBe(`${bytes.length} B`);
    await panel(page).locator('pre.archive-text', { hasText: '<script>' }).waitFor();
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();

    await panel(page).getByRole('button', { name: 'Replace…' }).click();
    const pdf = Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\n', 'latin1');
    await panel(page).getByLabel('Attach a file').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: pdf });
    await panel(page)
      .locator('.archive-hash', { hasText: createHash('sha256').update(pdf).digest('hex') })
      .waitFor();
    await panel(page).getByText('Binary copy kept; preview not available', { exact: false }).waitFor();
  });

  test('nothing left the machine and the page raised no errors', async () => {
    await expectQuietAndLocal(app);
  });
});
