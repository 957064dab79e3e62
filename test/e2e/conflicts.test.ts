import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConflictGroup } from '../../db/evidence/views';
import { expectQuietAndLocal, operate, screenshot } from './claims-helpers';
import { findTarget, launchApp, type RunningApp } from './target';
import { createStarterWorkspace } from './workspaces';

const screenshots = fileURLToPath(new URL('../../out/screenshots/', import.meta.url));

describe('conflicts view on the starter workspace', () => {
  let folder: string;
  let app: RunningApp;
  let groups: ConflictGroup[];

  beforeAll(async () => {
    const target = findTarget();
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-'));
    const file = join(folder, 'w.sqlite');
    createStarterWorkspace(file, 'Rare earths starter');
    groups = operate<ConflictGroup[]>(file, 'listConflictGroups', {});
    app = await launchApp(target, file);
    mkdirSync(screenshots, { recursive: true });
  });

  afterAll(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const card = (subject: string) => app.page.getByRole('article', { name: subject });

  test('every conflict group is shown, its claims side by side with figures, spread and grades', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Conflicts' }).click();
    await page.locator('.conflict-card').first().waitFor();
    expect(await page.locator('.conflict-card').count()).toBe(groups.length);
    expect(groups.length).toBeGreaterThanOrEqual(4);

    const china = card('China · Mining · Production (t) · 2023');
    expect(await china.locator('.conflict-spread').textContent()).toContain('6.3%');
    expect(await china.locator('.conflict-claim .figure-amount').allTextContents()).toEqual(['240,000', '255,000']);
    expect(await china.locator('.conflict-claim .grade').count()).toBeGreaterThanOrEqual(2);
    expect(await china.locator('[data-flag="contested"]').count()).toBe(2);
    for (const subject of [
      'Australia · Mining · Production (t) · 2024',
      'Nigeria · Mining · Production (t) · 2024',
      'Burma (Myanmar) · Mining · Production (t) · 2023',
    ])
      expect(await card(subject).count()).toBe(1);
    expect(await card('Australia · Mining · Production (t) · 2024').locator('.figure-amount').allTextContents()).toEqual([
      '13,000',
      '29,000',
    ]);
  });

  test('marking a claim preferred needs a reason, then shows it and records it in history', async () => {
    const { page } = app;
    const china = card('China · Mining · Production (t) · 2023');
    const lower = china.locator('.conflict-claim[data-claim-id="mine-cn-2023-usgs2024"]');
    await lower.getByRole('button', { name: 'Prefer this…' }).click();
    await china.getByRole('button', { name: 'Mark preferred' }).click();
    expect(await china.locator('.prefer-form .field-error').textContent()).toMatch(/reason/i);

    const reason = 'The 2024 data release is the figure cited in the client brief; the 2025 revision is tracked separately.';
    await china.getByRole('textbox').fill(reason);
    await china.getByRole('button', { name: 'Mark preferred' }).click();
    await lower.locator('.preferred-banner').waitFor();
    expect(await lower.getAttribute('class')).toContain('is-preferred');
    expect(await china.locator('.conflict-reason').textContent()).toContain(reason);
    expect(await china.locator('.conflict-state').textContent()).toBe('Preferred chosen');

    await china.getByRole('button', { name: 'History' }).click();
    const entry = china.locator('.history-entry', { hasText: 'Marked preferred' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain(reason);

    await page.mouse.move(0, 0);
    await screenshot(page, join(screenshots, 'conflicts.png'), 'light');
    await screenshot(page, join(screenshots, 'conflicts-dark.png'), 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  test("the claim's own history and the claims table show the preference", async () => {
    const { page } = app;
    const china = card('China · Mining · Production (t) · 2023');
    await china
      .locator('.conflict-claim[data-claim-id="mine-cn-2023-usgs2024"]')
      .getByRole('button', { name: 'Open claim' })
      .click();
    const detail = page.getByRole('complementary', { name: 'Claim detail' });
    await detail.locator('.history-entry', { hasText: 'Marked preferred' }).waitFor();
    expect(await detail.locator('.detail-statement .preferred-mark').count()).toBe(1);
    await detail.getByRole('button', { name: 'Open in Conflicts' }).click();
    await page.locator('.conflict-card.is-focused').waitFor();
  });

  test('clearing the preference is recorded too', async () => {
    const china = card('China · Mining · Production (t) · 2023');
    await china.getByRole('button', { name: 'Clear preference' }).click();
    await china.locator('.conflict-state', { hasText: 'No preferred claim' }).waitFor();
    expect(await china.locator('.preferred-banner').count()).toBe(0);
    // The view was left and reopened from the claim's detail: its history starts folded.
    await china.getByRole('button', { name: 'History' }).click();
    await china.locator('.history-entry', { hasText: 'Preference cleared' }).waitFor();
  });

  test('nothing left the machine, and there were no console errors or CSP violations', async () => {
    await expectQuietAndLocal(app);
  });
});
