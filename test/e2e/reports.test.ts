import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Report } from '../../db/report/inputs';
import type { ReportSlides } from '../../db/report/slides-types';
import { expectQuietAndLocal, operate } from './claims-helpers';
import { findTarget, launchApp, type RunningApp } from './target';
import { createStarterWorkspace } from './workspaces';

const screenshots = fileURLToPath(new URL('../../out/screenshots/', import.meta.url));

const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });
const reportList = (page: Page) => page.getByRole('navigation', { name: 'Reports' });
const editor = (page: Page) => page.getByRole('form', { name: 'Report editor' });
const outline = (page: Page) => page.getByRole('complementary', { name: 'Outline' });
const item = (page: Page, n: number) =>
  editor(page)
    .locator('.report-item')
    .nth(n - 1);
const exportBar = (page: Page) => page.getByRole('group', { name: 'Export and present' });

async function openReports(page: Page) {
  await views(page).getByRole('button', { name: 'Reports' }).click();
  await reportList(page).waitFor();
}

/** The view in both themes, at rest: reports-NAME.png and reports-NAME-dark.png. */
async function shoot(page: Page, target: Locator, name: string) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.emulateMedia({ colorScheme: 'light' });
  await target.screenshot({ path: join(screenshots, `reports-${name}.png`) });
  await page.emulateMedia({ colorScheme: 'dark' });
  await target.screenshot({ path: join(screenshots, `reports-${name}-dark.png`) });
  await page.emulateMedia({ colorScheme: 'light' });
}

async function waitForFile(folder: string, suffix: string): Promise<string> {
  for (let waited = 0; ; waited += 200) {
    const found = readdirSync(folder).find((name) => name.endsWith(suffix));
    if (found && statSync(join(folder, found)).size > 0) return join(folder, found);
    if (waited > 60_000) throw new Error(`no ${suffix} file was exported within 60 s`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 200));
  }
}

describe('report builder on the starter workspace', () => {
  let folder: string;
  let file: string;
  let app: RunningApp;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-reports-'));
    file = join(folder, 'w.sqlite');
    createStarterWorkspace(file, 'Rare earths starter');
    app = await launchApp(findTarget(), file);
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('saving without a title names the title field and saves nothing', async () => {
    const { page } = app;
    await openReports(page);
    await editor(page).getByRole('button', { name: '+ Narrative' }).click();
    await item(page, 1).getByLabel('Text (Markdown)').fill('Draft text');
    await editor(page).getByRole('button', { name: 'Save', exact: true }).click();
    const title = editor(page).getByLabel('Title', { exact: true });
    const reason = editor(page)
      .locator('.report-field.has-error', { has: page.getByLabel('Title', { exact: true }) })
      .getByRole('alert');
    await reason.waitFor();
    expect(await reason.textContent()).toBe('give the report a title');
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    expect(operate<Report[]>(file, 'listReports', {})).toEqual([]);
    await shoot(page, page.locator('.reports-view'), 'title-missing');
    await item(page, 1).getByRole('button', { name: 'Remove item 1' }).click();
  });

  test('a report with a narrative, a chart and a claims table is reordered, saved, and listed after a reload', async () => {
    const { page } = app;
    const form = editor(page);
    await form.getByLabel('Title', { exact: true }).fill('Separation: where the gap is');
    await form.getByLabel('Author').fill('A. Analyst');
    await form.getByLabel('Organisation').fill('Example Consulting');
    await form.getByLabel('Marking banner').fill('CONFIDENTIAL — EXAMPLE CLIENT');
    expect(await form.getByRole('figure', { name: 'How the marking shows' }).textContent()).toContain(
      'CONFIDENTIAL — EXAMPLE CLIENT',
    );
    await form.getByRole('group', { name: 'Page size' }).getByRole('button', { name: 'Letter' }).click();

    await form.getByRole('button', { name: '+ Narrative' }).click();
    await item(page, 1).getByLabel('Text (Markdown)').fill('## Why it matters\nChina separates most rare earths. <b>raw</b>');
    await form.getByRole('button', { name: '+ Chart' }).click();
    await item(page, 2).getByLabel('Chart', { exact: true }).selectOption({ label: 'Gap over time' });
    await item(page, 2).getByLabel('Stage').selectOption('separation');
    await form.getByRole('button', { name: '+ Claims table' }).click();
    await item(page, 3).getByLabel('Table title').fill('Separation claims');
    await item(page, 3).getByLabel('Stage').selectOption('separation');

    // By keyboard: focus follows the moved item, so Enter can be pressed again; at the top it lands on "down".
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    await item(page, 3).getByRole('button', { name: 'Move item 3 up' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Move item 2 up');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Move item 1 down');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Move item 2 down');
    expect(await item(page, 2).getAttribute('data-kind')).toBe('claims');
    // Then the chart goes first.
    await item(page, 3).getByRole('button', { name: 'Move item 3 up' }).click();
    await item(page, 2).getByRole('button', { name: 'Move item 2 up' }).click();
    expect(await item(page, 1).getAttribute('data-kind')).toBe('chart');
    expect(await item(page, 2).getAttribute('data-kind')).toBe('narrative');
    expect(await item(page, 3).getAttribute('data-kind')).toBe('claims');

    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await reportList(page)
      .getByRole('button', { name: /Separation: where the gap is/ })
      .waitFor();
    const [saved] = operate<Report[]>(file, 'listReports', {});
    expect(saved).toMatchObject({
      name: 'Separation: where the gap is',
      title: 'Separation: where the gap is',
      author: 'A. Analyst',
      organisation: 'Example Consulting',
      marking: 'CONFIDENTIAL — EXAMPLE CLIENT',
      pageSize: 'Letter',
      asOf: null,
      items: [
        { kind: 'chart', chart: 'gap-trend', stage: 'separation', metric: 'capacity_t_per_yr', mode: 'absolute' },
        { kind: 'narrative', markdown: '## Why it matters\nChina separates most rare earths. <b>raw</b>' },
        { kind: 'claims', title: 'Separation claims', filter: { stage: 'separation' } },
      ],
    });

    await page.reload();
    await openReports(page);
    await reportList(page)
      .getByRole('button', { name: /Separation: where the gap is/ })
      .click();
    await expect.poll(() => editor(page).getByLabel('Title', { exact: true }).inputValue()).toBe('Separation: where the gap is');
    expect(
      await editor(page)
        .locator('.report-item')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-kind'))),
    ).toEqual(['chart', 'narrative', 'claims']);
  });

  test('the outline says what each slide will say: heading, takeaway, evidence flags and footnotes', async () => {
    const { page } = app;
    const [saved] = operate<Report[]>(file, 'listReports', {});
    const slides = operate<ReportSlides>(file, 'getReportSlides', { id: saved!.id });
    const items = outline(page).locator('.report-outline-item');
    await expect.poll(() => items.count()).toBe(3);
    const chart = slides.items[0]!;
    expect(chart.takeaway).not.toBe('');
    expect(await items.nth(0).locator('.report-outline-heading').textContent()).toBe(chart.heading);
    expect(await items.nth(0).locator('.report-outline-takeaway').textContent()).toBe(chart.takeaway);
    const claims = slides.items[2]!;
    const meta = (await items.nth(2).locator('.report-outline-meta').textContent()) ?? '';
    expect(meta).toContain(`${claims.flags.claims} claims`);
    if (claims.flags.stateMediaOnly > 0) expect(meta).toContain(`${claims.flags.stateMediaOnly} state-media only`);
    if (claims.sourceNumbers.length > 0) expect(meta).toContain('Sources ');
    expect(await outline(page).locator('.report-outline-count').textContent()).toBe(`${slides.sources.length} sources`);
    expect(await outline(page).textContent()).toContain('CONFIDENTIAL — EXAMPLE CLIENT');
    await page.setViewportSize({ width: 1440, height: 1400 });
    await shoot(page, page.locator('.reports-view'), 'builder');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  test('export buttons write HTML, PDF and PowerPoint files', async () => {
    const { page, exportsDir } = app;
    if (!exportsDir) return; // The desktop app asks where to save with a native dialog.
    expect(await page.evaluate(() => typeof window.chokepoint?.exportReport)).toBe('function');
    for (const [label, suffix] of [
      ['HTML', '.html'],
      ['PDF (Letter)', '.pdf'],
      ['PowerPoint', '.pptx'],
    ] as const) {
      await exportBar(page).getByRole('button', { name: label }).click();
      const path = await waitForFile(exportsDir, suffix);
      await exportBar(page).getByRole('status').filter({ hasText: 'Saved to' }).waitFor();
      expect(existsSync(path)).toBe(true);
    }
  });

  test('Present shows the saved report over the whole window; Escape leaves it, back on the Present button', async () => {
    const { page } = app;
    await exportBar(page).getByRole('button', { name: 'Present' }).click();
    const deck = page.getByRole('dialog', { name: 'Presentation: Separation: where the gap is' });
    await deck.waitFor();
    await shoot(page, page.locator('body'), 'presenting');
    await page.keyboard.press('Escape');
    await expect.poll(() => deck.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Present');
  });

  test('the built-in Overview opens read-only and is copied to be edited', async () => {
    const { page } = app;
    await reportList(page)
      .getByRole('button', { name: /Overview \(built in\)/ })
      .click();
    const builtIn = page.getByRole('form', { name: 'Built-in report' });
    await builtIn.waitFor();
    expect(await builtIn.getByLabel('Title', { exact: true }).isDisabled()).toBe(true);
    expect(await builtIn.getByRole('button', { name: '+ Chart' }).count()).toBe(0);
    await expect.poll(() => outline(page).locator('.report-outline-item').count()).toBe(3);
    await shoot(page, page.locator('.reports-view'), 'overview');
    await builtIn.getByRole('button', { name: 'Copy to edit' }).click();
    await editor(page).getByRole('button', { name: 'Save', exact: true }).click();
    await reportList(page)
      .getByRole('button', { name: /Overview \(copy\)/ })
      .waitFor();
    const copy = operate<Report[]>(file, 'listReports', {}).find((report) => report.name === 'Overview (copy)');
    expect(copy?.items.map((i) => i.kind)).toEqual(['chart', 'chart', 'scores']);
  });

  test('delete asks first, then removes only the report', async () => {
    const { page } = app;
    await reportList(page)
      .getByRole('button', { name: /Overview \(copy\)/ })
      .click();
    await editor(page).getByRole('button', { name: 'Delete…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Confirm delete' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(operate<Report[]>(file, 'listReports', {}).map((r) => r.name)).toContain('Overview (copy)');
    await editor(page).getByRole('button', { name: 'Delete…' }).click();
    await confirm.getByRole('button', { name: 'Delete report' }).click();
    await expect
      .poll(() =>
        reportList(page)
          .getByRole('button', { name: /Overview \(copy\)/ })
          .count(),
      )
      .toBe(0);
    expect(operate<Report[]>(file, 'listReports', {}).map((r) => r.name)).toEqual(['Separation: where the gap is']);
  });

  test('score cards and a conflict comparison join the report; exports wait until the change is saved', async () => {
    const { page } = app;
    const groups = operate<{ key: string; subject: string }[]>(file, 'listConflictGroups', {});
    expect(groups.length).toBeGreaterThan(0);
    await reportList(page)
      .getByRole('button', { name: /Separation: where the gap is/ })
      .click();
    await expect.poll(() => editor(page).locator('.report-item').count()).toBe(3);
    const form = editor(page);
    await form.getByRole('button', { name: '+ Stage score cards' }).click();
    await item(page, 4).getByLabel('Method').selectOption({ label: 'EU supply risk' });
    await form.getByRole('button', { name: '+ Conflict comparison' }).click();
    await item(page, 5).getByLabel('Conflict group').selectOption(groups[1]!.key);
    // The saved report is what gets exported, so while the editor differs the exports wait and say why.
    await form.getByText('Unsaved changes').waitFor();
    const html = exportBar(page).getByRole('button', { name: 'HTML' });
    expect(await html.isDisabled()).toBe(true);
    expect(await html.getAttribute('title')).toBe('Save the changes first: an export draws the saved report.');
    await outline(page).getByRole('button', { name: 'Outline the unsaved changes' }).click();
    await expect.poll(() => outline(page).locator('.report-outline-item').count()).toBe(5);
    expect(await outline(page).locator('.report-outline-item').nth(4).textContent()).toContain(groups[1]!.subject);
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => html.isDisabled()).toBe(false);
    const [saved] = operate<Report[]>(file, 'listReports', {});
    expect(saved!.items.slice(3)).toEqual([
      { kind: 'scores', method: 'eu-sr' },
      { kind: 'conflict', groupId: groups[1]!.key },
    ]);
  });

  test('leaving a report with unsaved changes asks first', async () => {
    const { page } = app;
    await editor(page).getByLabel('Author').fill('B. Analyst');
    await reportList(page)
      .getByRole('button', { name: /Overview \(built in\)/ })
      .click();
    const ask = page.getByRole('alertdialog', { name: 'Unsaved changes' });
    await ask.getByRole('button', { name: 'Keep editing' }).click();
    expect(await editor(page).getByLabel('Author').inputValue()).toBe('B. Analyst');
    await reportList(page)
      .getByRole('button', { name: /Overview \(built in\)/ })
      .click();
    await ask.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('form', { name: 'Built-in report' }).waitFor();
    expect(operate<Report[]>(file, 'listReports', {})[0]!.author).toBe('A. Analyst');
  });

  test('nothing left the machine and the page raised no errors', async () => {
    await expectQuietAndLocal(app);
  });
});
