import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Report } from '../../db/report/inputs';
import type { ReportSlides } from '../../db/report/slides-types';
import { buildDeck } from '../../renderer/present/deck';
import { expectQuietAndLocal, operate } from './claims-helpers';
import { findTarget, launchApp, type RunningApp } from './target';
import { createStarterWorkspace } from './workspaces';

const screenshots = fileURLToPath(new URL('../../out/screenshots/', import.meta.url));
const injected = 'Kuantan output doubled <img src=x onerror=window.__pwned=1>';
const marking = 'Confidential: client use only';

declare global {
  interface Window {
    __pwned?: number;
    __requestFullscreen?: (this: Element, options?: FullscreenOptions) => Promise<void>;
  }
}

/**
 * The browser refuses full screen, as a headless run or a denied permission does: the overlay must
 * still cover the window. (Headless Chromium also draws screenshots of a full-screen page offset.)
 */
async function refuseFullscreen(page: Page) {
  await page.evaluate(() => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back on the prototype
    window.__requestFullscreen = Element.prototype.requestFullscreen;
    Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('Permissions check failed'));
  });
}

async function allowFullscreen(page: Page) {
  await page.evaluate(() => {
    if (window.__requestFullscreen) Element.prototype.requestFullscreen = window.__requestFullscreen;
  });
}

const presentation = (page: Page) => page.getByRole('dialog', { name: /^Presentation/ });
const slide = (page: Page) => presentation(page).locator('section.slide');

async function expectSlide(page: Page, n: number, count: number) {
  await presentation(page).locator(`section.slide[data-slide="${n}"]`).waitFor();
  expect(await slide(page).locator('.slide-counter').textContent()).toBe(`${n} / ${count}`);
}

async function shoot(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // Let the on-screen controls fade, so the picture is the slide the audience sees.
  await page.locator('.presentation-controls:not(.presentation-controls-visible)').waitFor({ timeout: 10_000 });
  await page.waitForTimeout(450);
  await page.screenshot({ path: join(screenshots, `present-${name}.png`) });
}

describe('presentation mode', () => {
  let folder: string;
  let file: string;
  let app: RunningApp;
  let report: Report;
  let slides: ReportSlides;
  let count: number;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-present-'));
    file = join(folder, 'w.sqlite');
    createStarterWorkspace(file, 'Rare earths starter');
    // A claim whose statement is markup: it must reach the slide as text, never as an element.
    const { id: sourceId } = operate<{ id: string }>(file, 'createSource', {
      title: 'Field notes <b>bold</b>',
      publisher: 'Field team',
      publisherType: 'other',
      reliability: 'C',
      published: '2025-05-01',
    });
    const { id: claimId } = operate<{ id: string }>(file, 'createClaim', {
      statement: injected,
      stage: 'separation',
      country: 'Malaysia',
      citations: [{ sourceId }],
    });
    report = operate<Report>(file, 'saveReport', {
      name: 'Client briefing',
      title: 'Rare earths: where the chokepoints are',
      author: 'A. Analyst',
      organisation: 'Example Consulting',
      marking,
      items: [
        { kind: 'chart', chart: 'stage-gap' },
        { kind: 'claims', title: 'Separation claims', filter: { stage: 'separation' } },
        { kind: 'claims', title: 'Field notes', claimIds: [claimId] },
        { kind: 'narrative', markdown: '# What to watch\n\nMagnet capacity outside China is **planned**, not built.' },
        { kind: 'scores' },
      ],
    });
    slides = operate<ReportSlides>(file, 'getReportSlides', { id: report.id });
    count = buildDeck(slides).length;
    app = await launchApp(findTarget(), file);
    // The slide canvas is 1600 × 900: at this size a screenshot is the slide at 1:1.
    await app.page.setViewportSize({ width: 1600, height: 900 });
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('Present shows the title slide, one slide per item and the sources, with the banner on every slide', async () => {
    const { page } = app;
    expect(count).toBe(1 + slides.items.length + Math.ceil(slides.sources.length / 6));
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Reports' }).click();
    await page.locator(`.report-list-entry[data-report-id="${report.id}"]`).click();
    await refuseFullscreen(page);
    await page.getByRole('button', { name: 'Present', exact: true }).click();
    await presentation(page).waitFor();
    await expectSlide(page, 1, count);
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
    const overlay = await presentation(page).boundingBox();
    expect(overlay).toEqual({ x: 0, y: 0, width: 1600, height: 900 });
    expect(await slide(page).locator('.slide-title').textContent()).toBe(report.title);
    expect(await slide(page).locator('.slide-facts').textContent()).toContain('Example Consulting');
    // The app behind is inert: its buttons can be neither reached nor pressed.
    expect(await page.locator('#root').evaluate((root) => (root as HTMLElement).inert)).toBe(true);
    await shoot(page, 'title');

    const headings: string[] = [];
    for (let n = 1; n <= count; n++) {
      await expectSlide(page, n, count);
      const banners = await slide(page).locator('.slide-marking').allTextContents();
      expect(banners).toEqual([marking, marking]);
      headings.push((await slide(page).locator('.slide-heading, .slide-title').first().textContent()) ?? '');
      if (n === 5) await shoot(page, 'narrative');
      if (n === 6) await shoot(page, 'scores');
      if (n === 2 + slides.items.length) await shoot(page, 'sources');
      if (n < count) await page.keyboard.press(n % 2 === 0 ? 'ArrowRight' : 'Space');
    }
    // A chart's picture carries its title: its slide is titled with the takeaway.
    expect(headings.slice(1, 1 + slides.items.length)).toEqual(
      slides.items.map((item) => (item.kind === 'chart' ? item.takeaway : item.heading)),
    );
    expect(headings.at(-1)).toMatch(/^Sources/);
    // Past the last slide nothing moves.
    await page.keyboard.press('ArrowRight');
    await expectSlide(page, count, count);
    const sources = slide(page).locator('.slide-sources li');
    expect(await sources.count()).toBeGreaterThan(0);
    expect(await sources.first().textContent()).toMatch(/Reliability [A-F]/);

    await page.keyboard.press('Home');
    await expectSlide(page, 1, count);
    await page.keyboard.press('End');
    await expectSlide(page, count, count);
    await page.keyboard.press('ArrowLeft');
    await expectSlide(page, count - 1, count);
    await page.keyboard.press('PageUp');
    await expectSlide(page, count - 2, count);
    // "2 Enter" jumps to slide 2, as in PowerPoint.
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    await expectSlide(page, 2, count);
  });

  test('a chart slide scales the chart, names its sources and its weak evidence', async () => {
    const { page } = app;
    await expectSlide(page, 2, count);
    const chart = slides.items[0]!;
    expect(await slide(page).locator('.slide-heading').textContent()).toBe(chart.takeaway);
    expect(await slide(page).locator('.slide-takeaway').count()).toBe(0);
    const svg = slide(page).locator('.slide-chart svg');
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(1000);
    expect(await slide(page).locator('.slide-footnote').textContent()).toMatch(/^Sources: \[\d+\] /);
    expect(await slide(page).locator('.slide-flags').textContent()).toMatch(/figures/);
    await shoot(page, 'chart');
    // A dark app still presents light slides: projectors wash dark slides out.
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await slide(page).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'light' });
    // The mouse brings the controls back, with the count and the presenter view.
    await page.mouse.move(800, 450);
    await page.mouse.move(820, 460);
    const controls = page.getByRole('navigation', { name: 'Presentation controls' });
    await page.locator('.presentation-controls-visible').waitFor();
    expect(await controls.textContent()).toContain(`2 / ${count}`);
    await page.waitForTimeout(450);
    await page.screenshot({ path: join(screenshots, 'present-controls.png') });
  });

  test('a long claims table is cut with "… and N more rows" in large type', async () => {
    const { page } = app;
    await page.keyboard.press('ArrowDown');
    await expectSlide(page, 3, count);
    const table = slides.items[1]!.table!;
    const shown = await slide(page).locator('.slide-table tbody tr').count();
    expect(shown).toBeGreaterThan(2);
    if (table.rows.length > shown)
      expect(await slide(page).locator('.slide-more').textContent()).toContain(`and ${table.rows.length - shown} more rows`);
    const size = await slide(page)
      .locator('.slide-table td')
      .first()
      .evaluate((cell) => parseFloat(getComputedStyle(cell).fontSize));
    expect(size).toBeGreaterThanOrEqual(24);
    // The table stays inside the slide: the footnote under it is not pushed off.
    const tableBox = await slide(page).locator('.slide-table-box').boundingBox();
    const notesBox = await slide(page).locator('.slide-notes-line').boundingBox();
    expect(tableBox!.y + tableBox!.height).toBeLessThanOrEqual(notesBox!.y + 1);
    await shoot(page, 'table');
  });

  test('markup in a claim statement shows as text and never runs', async () => {
    const { page } = app;
    await page.keyboard.press('ArrowRight');
    await expectSlide(page, 4, count);
    expect(await slide(page).locator('.slide-table td').first().textContent()).toBe(injected);
    expect(await slide(page).locator('img').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  });

  test('B blanks the screen and B brings the slide back', async () => {
    const { page } = app;
    await page.keyboard.press('b');
    await page.getByTestId('presentation-blank').waitFor();
    await page.keyboard.press('B');
    await page.getByTestId('presentation-blank').waitFor({ state: 'detached' });
    await expectSlide(page, 4, count);
  });

  test('the presenter view shows the notes and follows the slides both ways', async () => {
    const { page, context } = app;
    const opened = context.waitForEvent('page');
    await page.keyboard.press('p');
    const presenter = await opened;
    app.observed.watchPage(presenter);
    await presenter.setViewportSize({ width: 1280, height: 800 });
    await presenter.waitForLoadState();
    const current = presenter.getByRole('region', { name: 'Current slide' });
    await current.locator('.presenter-heading', { hasText: 'Field notes' }).waitFor();
    expect(await presenter.locator('.presenter-count').textContent()).toBe(`4 / ${count}`);
    // The notes are the evidence lines: the statement (as text), its grade and numbered sources.
    const notes = await current.locator('.presenter-notes li').allTextContents();
    expect(notes).toEqual(slides.items[2]!.notes);
    expect(notes.join('\n')).toContain(injected);
    expect(await presenter.evaluate(() => window.__pwned)).toBeUndefined();
    expect(await presenter.locator('.presenter-next').textContent()).toBe(slides.items[3]!.heading);

    // The audience moves: the presenter follows.
    await page.keyboard.press('ArrowLeft');
    await expectSlide(page, 3, count);
    await current.locator('.presenter-heading', { hasText: 'Separation claims' }).waitFor();
    expect(await presenter.locator('.presenter-count').textContent()).toBe(`3 / ${count}`);
    expect(await presenter.locator('.presenter-elapsed').textContent()).toMatch(/^\d+:\d\d$/);
    await presenter.screenshot({ path: join(screenshots, 'present-presenter.png') });

    // The presenter moves: the audience follows.
    await presenter.getByRole('button', { name: 'Next ›' }).click();
    await expectSlide(page, 4, count);
    await presenter.keyboard.press('ArrowRight');
    await expectSlide(page, 5, count);
    await current.locator('.presenter-heading', { hasText: 'What to watch' }).waitFor();

    // Escape leaves: the overlay goes, focus returns to Present, the presenter says it is over.
    await page.bringToFront();
    await page.keyboard.press('Escape');
    await presentation(page).waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
    expect(await page.locator('#root').evaluate((root) => (root as HTMLElement).inert)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Present');
    await presenter.getByText('Presentation ended').waitFor();
    expect(await app.observed.cspViolations(presenter)).toEqual([]);
    await presenter.close();
  });

  test('the built-in Overview presents full screen; Escape leaves full screen and the presentation; Exit too', async () => {
    const { page } = app;
    await allowFullscreen(page);
    await page.locator('.report-list-entry', { hasText: 'Overview (built in)' }).click();
    const present = page.getByRole('button', { name: 'Present', exact: true });
    await present.click();
    await presentation(page).waitFor();
    await page.waitForFunction(() => document.fullscreenElement?.classList.contains('presentation') === true);
    const overview = operate<ReportSlides>(file, 'getReportSlides', { id: 'overview' });
    const overviewCount = buildDeck(overview).length;
    await expectSlide(page, 1, overviewCount);
    // No marking on the Overview: no banner either.
    expect(await slide(page).locator('.slide-marking').count()).toBe(0);
    await page.keyboard.press('End');
    await expectSlide(page, overviewCount, overviewCount);
    await page.keyboard.press('Escape');
    await presentation(page).waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.fullscreenElement === null);

    await present.click();
    await expectSlide(page, 1, overviewCount);
    await page.getByRole('button', { name: 'Exit' }).click();
    await presentation(page).waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.fullscreenElement === null);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    await expectQuietAndLocal(app);
  });
});
