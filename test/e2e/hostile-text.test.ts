import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { executeOperation } from '../../db/api';
import { createWorkspace } from '../../db/workspace/create';
import {
  hostile,
  hostileFieldTexts,
  hundredThousand,
  longestStatement,
  seedHostileWorkspace,
  type HostileWorkspace,
} from '../db/fixtures/hostile-text';
import { claimRow, claimRows, expectQuietAndLocal, search } from './claims-helpers';
import { xmlProblem } from '../db/fixtures/well-formed-xml';
import { findTarget, launchApp, type RunningApp } from './target';

/**
 * The hostile corpus (test/db/fixtures/hostile-text.ts) in the running app: every view that shows an
 * analyst's text shows it as text. No dialog opens, no element or handler appears that the app did
 * not make, a right-to-left override stays inside the text that carries it, and a claim or archived
 * copy as long as the forms allow does not stall the window.
 */
const screenshots = fileURLToPath(new URL('../../out/screenshots/', import.meta.url));
const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });
const workspaceName = `Hostile ${hostile.rightToLeftOverride}`;
/** Every text the corpus typed that holds an override (its isolates entry opens isolates, not overrides). */
const overrideTexts = [...hostileFieldTexts('rightToLeftOverride'), workspaceName];

/**
 * What the corpus could inject if any view set it as markup: elements the app never makes and
 * handlers it never writes as attributes (React binds its own handlers as properties, not attributes).
 */
async function injected(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'img[src="x"], script:not([src]), iframe, object, embed, [onerror], [onload], [onclick], [onmouseover], a[href^="javascript:" i]',
      ),
    ].map((element) => element.outerHTML.slice(0, 120)),
  );
}

/**
 * Where an analyst's text holding a right-to-left override is shown with other words after it in the
 * same line of text (its paragraph: the nearest block, or an isolating element such as <bdi> or one
 * styled unicode-bidi: isolate), the override reverses those words too ("Country: …(anihC-xe)").
 * A text wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE is safe wherever it stands.
 * `values` are the texts as typed; the answer lists each paragraph where one leaks.
 */
async function overrideLeaks(page: Page, values: readonly string[]): Promise<string[]> {
  return page.evaluate((typed) => {
    const longestFirst = [...typed].sort((a, b) => b.length - a.length);
    const leaks = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!/[\u202a-\u202e]/.test(node.nodeValue ?? '')) continue;
      let paragraph = node.parentElement;
      // What is being typed into a field is the analyst's own text, whole.
      if (paragraph?.closest('textarea, input')) continue;
      while (paragraph) {
        const style = getComputedStyle(paragraph);
        if (!style.display.startsWith('inline') || paragraph instanceof SVGTextElement) break;
        if (/isolate|plaintext/.test(style.unicodeBidi) || paragraph.tagName === 'BDI' || paragraph.hasAttribute('dir')) break;
        paragraph = paragraph.parentElement;
      }
      const text = paragraph?.textContent ?? '';
      let rest = text;
      for (const value of longestFirst) {
        for (let at = rest.indexOf(value); at >= 0; at = rest.indexOf(value, at + 1)) {
          // Inside an isolate (FSI/LRI/RLI … PDI) the override ends where the isolate does.
          let depth = 0;
          for (const char of rest.slice(0, at)) {
            if (char === '\u2066' || char === '\u2067' || char === '\u2068') depth++;
            else if (char === '\u2069') depth = Math.max(0, depth - 1);
          }
          const after = rest.slice(at + value.length);
          // A longer text cut to fit ("… plant…") is still that one text.
          const cut = after.endsWith('…') && longestFirst.some((longer) => longer.startsWith(value + after.slice(0, -1)));
          if (depth === 0 && !cut && after.trim() !== '')
            leaks.add(`${paragraph?.tagName.toLowerCase()}.${String(paragraph?.className)}: ${text.slice(0, 120)}`);
        }
        // A shorter value inside a longer one is the same text: look at it once.
        rest = rest.split(value).join('\u0000');
      }
    }
    return [...leaks];
  }, values);
}

describe('the hostile corpus in the app', () => {
  let folder: string;
  let file: string;
  let app: RunningApp;
  let seeded: HostileWorkspace;
  const dialogs: string[] = [];

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-hostile-'));
    file = join(folder, 'w.sqlite');
    const workspace = createWorkspace(file, { starter: false, name: workspaceName });
    try {
      seeded = seedHostileWorkspace(workspace);
      const ok = <T>(name: string, input: unknown): T => {
        const result = executeOperation({ workspace }, name, input);
        if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
        return result.value as T;
      };
      // A second figure for the "<script>" facility makes a conflict; the preference's reason carries an override.
      const script = ok<{ country: string; entity: string }>('getClaim', { id: seeded.claims.script });
      const rival = ok<{ id: string }>('createClaim', {
        statement: `A second figure for ${hostile.script}`,
        stage: 'separation',
        country: script.country,
        entity: script.entity,
        metric: 'capacity_t_per_yr',
        value: 5000,
        unit: 't/yr',
        year: 2024,
        citations: [{ sourceId: seeded.sources.rightToLeftOverride }],
      }).id;
      const group = ok<{ key: string; claims: { id: string }[] }[]>('listConflictGroups', {}).find((g) =>
        g.claims.some((c) => c.id === rival),
      )!;
      ok('setPreferredClaim', { groupKey: group.key, claimId: rival, reason: `Because ${hostile.rightToLeftOverride}` });
      ok('saveReport', {
        name: 'Hostile report',
        title: `Title ${hostile.script} ${hostile.rightToLeftOverride}`,
        author: hostile.svgBreakout,
        organisation: hostile.arabic,
        marking: `Marking ${hostile.img}`,
        items: [
          { kind: 'chart', chart: 'pipeline', stage: 'separation' },
          { kind: 'claims', title: `Claims ${hostile.commentOpen}`, claimIds: Object.values(seeded.claims) },
          { kind: 'conflict', groupId: group.key },
          { kind: 'narrative', markdown: `# Narrative ${hostile.script}\n\n${Object.values(hostile).join('\n\n')}` },
          { kind: 'scores' },
        ],
      });
    } finally {
      workspace.close();
    }
    app = await launchApp(findTarget(), file);
    app.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** No dialog, nothing injected, no override reaching past its text, and the page still answers. */
  async function expectInert(where: string) {
    expect(dialogs, where).toEqual([]);
    expect(await injected(app.page), where).toEqual([]);
    expect(await overrideLeaks(app.page, overrideTexts), where).toEqual([]);
  }

  /**
   * Filters the grid to one entry's claim (its tag is one word) and waits for the filtered rows: the
   * grid draws only the rows in view, and a click before the filter lands would hit the old list.
   */
  async function showClaim(page: Page, name: string, id: string) {
    await search(page, name);
    await page.locator('.claims-count', { hasText: 'matching' }).waitFor();
    await claimRow(page, id).waitFor();
  }

  async function shoot(target: Locator | Page, name: string) {
    await app.page.mouse.move(0, 0);
    await app.page.evaluate(() => document.fonts.ready.then(() => undefined));
    await target.screenshot({ path: join(screenshots, `hostile-${name}.png`) });
  }

  test('the claims grid shows every hostile statement as text, the longest one cut to its row', async () => {
    const { page } = app;
    await views(page).getByRole('button', { name: 'Claims' }).click();
    await claimRows(page).first().waitFor();
    for (const name of [
      'script',
      'img',
      'svgBreakout',
      'javascriptUrl',
      'xmlBreaker',
      'entities',
      'formulaCmd',
      'arabic',
      'emoji',
    ] as const) {
      // The grid draws only the rows in view: the claim's tag (one word per entry) brings it into the window.
      await showClaim(page, name, seeded.claims[name]);
      const row = claimRow(page, seeded.claims[name]);
      expect(await row.locator('.claim-statement').textContent(), name).toBe(`${hostile[name]} — statement ${name}`);
    }
    // The 4,000-character statement sits in a row of ordinary height.
    await search(page, 'Longest statement');
    const long = claimRow(page, seeded.longClaim);
    await long.waitFor();
    expect((await long.boundingBox())!.height).toBeLessThan(120);
    expect(await long.locator('.claim-statement').textContent()).toBe(longestStatement);
    await search(page, '');
    await page.locator('.claims-count', { hasText: /^25 claims/ }).waitFor();
    await claimRows(page).first().waitFor();
    await expectInert('claims grid');
    await shoot(page, 'claims-grid');
  });

  test('the claim detail and its history show the text as text, the override kept to its own words', async () => {
    const { page } = app;
    await showClaim(page, 'rightToLeftOverride', seeded.claims.rightToLeftOverride);
    await claimRow(page, seeded.claims.rightToLeftOverride).click();
    const detail = page.getByRole('complementary', { name: 'Claim detail' });
    await detail.locator('.chain-citation').first().waitFor();
    await detail.locator('.history-empty, .history').first().waitFor();
    await expectInert('claim detail, override');
    await shoot(detail, 'claim-detail');
    for (const name of ['script', 'img', 'controls'] as const) {
      await showClaim(page, name, seeded.claims[name]);
      await claimRow(page, seeded.claims[name]).click();
      await detail.locator('.detail-statement', { hasText: `statement ${name}` }).waitFor();
      await detail.locator('.history').first().waitFor();
      expect(await detail.locator('.chain-excerpt').textContent(), name).toBe(`Excerpt ${hostile[name]}`);
      await expectInert(`claim detail, ${name}`);
    }
    // Opening the claim with the longest statement and notes answers at once.
    await showClaim(page, 'Longest statement', seeded.longClaim);
    const started = Date.now();
    await claimRow(page, seeded.longClaim).click();
    await detail.locator('.detail-statement', { hasText: 'Longest statement' }).waitFor();
    expect(Date.now() - started).toBeLessThan(5_000);
    await search(page, '');
  });

  test('sources and a source with a 100,000-character archived copy', async () => {
    const { page } = app;
    await views(page).getByRole('button', { name: 'Sources' }).click();
    const rows = page.locator('tbody tr.source-row');
    await rows.first().waitFor();
    await expectInert('sources list');
    await shoot(page, 'sources');
    const panel = page.locator('aside.source-panel');
    // The table draws only the rows in view: a search brings the one wanted into it.
    const showSource = async (words: string, title: string) => {
      await page.getByRole('searchbox', { name: 'Search sources' }).fill(words);
      await expect.poll(() => rows.count()).toBeLessThanOrEqual(2);
      await rows.filter({ hasText: title }).first().click();
    };
    for (const name of ['rightToLeftOverride', 'javascriptUrl', 'script'] as const) {
      await showSource(name, `Source ${name}`);
      await panel.locator('h3', { hasText: `Source ${name}` }).waitFor();
      expect(await panel.locator('a').count(), name).toBe(0);
      await expectInert(`source detail, ${name}`);
    }
    expect(await panel.locator('.source-url').textContent()).toBe(`https://example.org/script?q=${hostile.script}`);
    await shoot(panel, 'source-detail');
    const started = Date.now();
    await showSource('100,000-character', '100,000-character');
    const copy = panel.locator('pre.archive-text');
    await copy.waitFor();
    expect(await copy.evaluate((pre) => pre.textContent?.length)).toBe(hundredThousand.length);
    expect(Date.now() - started).toBeLessThan(10_000);
    await expectInert('source with a long archived copy');
  });

  test('the conflict between two figures for a hostile facility', async () => {
    const { page } = app;
    await views(page).getByRole('button', { name: 'Conflicts' }).click();
    const card = page.locator('.conflict-card').first();
    await card.waitFor();
    expect(await card.textContent()).toContain(`${hostile.script} plant script`);
    await expectInert('conflicts');
  });

  test('the gap charts, a facility tooltip and the method note', async () => {
    const { page } = app;
    await views(page).getByRole('button', { name: 'Gap' }).click();
    const pipeline = page.locator('.pipeline-chart');
    await pipeline.waitFor();
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await expectInert('gap charts');
    const facility = pipeline.locator('.pipeline-facility').filter({ hasText: 'invoice' }).first();
    await facility.hover();
    const tooltip = page.locator('.chart-tooltip');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toContain('rightToLeftOverride');
    await expectInert('pipeline tooltip');
    await page.screenshot({ path: join(screenshots, 'hostile-pipeline-tooltip.png') });
    await pipeline.locator('.pipeline-facility').filter({ hasText: 'onerror' }).first().hover();
    await tooltip.filter({ hasText: hostile.img }).waitFor();
    await expectInert('pipeline tooltip, markup');
    await page.locator('.gap-method').first().scrollIntoViewIfNeeded();
    await expectInert('method note');
    // The app's own Export SVG: the control characters in the names must not make the file unreadable XML.
    if (app.exportsDir) {
      const section = page.getByRole('region', { name: 'Ex-China pipeline' });
      await section.getByRole('button', { name: 'Export SVG' }).click();
      const file = join(app.exportsDir, 'pipeline-separation.svg');
      await expect.poll(() => existsSync(file), { timeout: 10_000 }).toBe(true);
      const svg = readFileSync(file, 'utf8');
      expect(xmlProblem(svg)).toBeNull();
      expect(svg).toContain('controls:\ufffd\ufffd');
      expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt; plant img');
    }
  });

  test('the saved report in the outline preview and in presentation', async () => {
    const { page } = app;
    await views(page).getByRole('button', { name: 'Reports' }).click();
    await page
      .getByRole('navigation', { name: 'Reports' })
      .getByRole('button', { name: /Hostile report/ })
      .click();
    const outline = page.getByRole('complementary', { name: 'Outline' });
    await outline.locator('.report-outline-item').first().waitFor();
    await expectInert('report outline');
    await shoot(page, 'report-outline');
    await page.getByRole('group', { name: 'Export and present' }).getByRole('button', { name: 'Present' }).click();
    const deck = page.getByRole('dialog', { name: /^Presentation:/ });
    await deck.waitFor();
    for (let slide = 0; slide < 6; slide++) {
      await expectInert(`presentation, slide ${slide + 1}`);
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Escape');
    await deck.waitFor({ state: 'detached' });
    await expectQuietAndLocal(app);
  });
});
