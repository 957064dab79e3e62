import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encryptWorkspace } from '../../db/workspace/encryption';
import { startPreviewHost } from '../preview/server';
import { expectCount, expectQuietAndLocal, screenshot } from './claims-helpers';
import { findTarget, launchApp, type RunningApp } from './target';
import { createStarterWorkspace } from './workspaces';

const screenshots = process.env.CHOKEPOINT_SCREENSHOTS ?? join(tmpdir(), 'chokepoint-screenshots');
const passphrase = 'correct horse "battery" staple';

/**
 * An encrypted workspace opens locked (the desktop app's main process never has the passphrase):
 * the window asks for it, a wrong one is said to be wrong and changes nothing, the right one opens
 * every view. The passphrase goes to the database side in a request body only: never in a URL, never
 * in the page's storage.
 */
describe('an encrypted workspace', () => {
  let folder: string;
  let encrypted: string;
  let app: RunningApp;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-encrypted-'));
    const plain = join(folder, 'Rare earths.sqlite');
    createStarterWorkspace(plain, 'Rare earths starter');
    encrypted = join(folder, 'Rare earths (encrypted).sqlite');
    encryptWorkspace(plain, encrypted, passphrase, { removeOriginal: true });
    app = await launchApp(findTarget(), encrypted);
    mkdirSync(screenshots, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('asks for the passphrase, refuses a wrong one, and opens the claims on the right one', { timeout: 60_000 }, async () => {
    const { page } = app;
    const prompt = page.getByRole('dialog', { name: 'Unlock workspace' });
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain('Rare earths (encrypted).sqlite is encrypted');
    const field = prompt.getByLabel('Passphrase');
    expect(await field.getAttribute('type')).toBe('password');
    expect(await field.getAttribute('autocomplete')).toBe('off');
    // Focused, so the analyst can type straight away.
    expect(await field.evaluate((input) => input === document.activeElement)).toBe(true);
    // Nothing of the workspace is shown behind the prompt.
    expect(await page.locator('.claim-row[data-claim-id]').count()).toBe(0);
    await screenshot(page, join(screenshots, 'unlock-prompt.png'), 'light');

    await field.fill('not the passphrase');
    await prompt.getByRole('button', { name: 'Unlock' }).click();
    await prompt
      .getByRole('alert')
      .getByText('The passphrase is wrong for Rare earths (encrypted).sqlite.', { exact: true })
      .waitFor();
    expect(await field.inputValue()).toBe('');
    await screenshot(page, join(screenshots, 'unlock-wrong.png'), 'dark');
    expect(await page.locator('.claim-row[data-claim-id]').count()).toBe(0);

    await field.fill(passphrase);
    await field.press('Enter');
    await expectCount(page, '80 claims');
    expect(await prompt.count()).toBe(0);
    await expect.poll(() => page.locator('.workspace-counts').textContent()).toContain('80 claims');
    // Every view reads the unlocked workspace: the sources too.
    await page.getByRole('button', { name: 'Sources', exact: true }).click();
    await page
      .locator('.sources-count')
      .filter({ hasText: /^52 sources/ })
      .waitFor();

    const urls = app.observed.requests;
    expect(urls.some((url) => url.includes('/api/operation'))).toBe(true);
    for (const secret of [passphrase, encodeURIComponent(passphrase), 'not the passphrase', 'not%20the%20passphrase']) {
      expect(urls.filter((url) => url.includes(secret))).toEqual([]);
    }
    const stored = await page.evaluate(() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)]));
    expect(stored).not.toContain('correct horse');
    expect(stored).not.toContain('not the passphrase');
    await expectQuietAndLocal(app);
  });

  test('the preview host refuses every other request while locked, and opens unlocked with a passphrase given', async () => {
    const exportsDir = join(folder, 'exports');
    mkdirSync(exportsDir, { recursive: true });
    const post = async (url: string, path: string, body: unknown) =>
      (await (
        await fetch(new URL(path, url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json()) as { ok: boolean; value?: { claims?: number }; error?: { message: string; field?: string } };
    const locked = await startPreviewHost({ workspace: join(folder, 'locked-copy.sqlite'), exportsDir }).catch(() => undefined);
    expect(locked).toBeUndefined(); // no such file: refused as before, not "locked"

    const second = join(folder, 'second.sqlite');
    copyFileSync(encrypted, second);
    const host = await startPreviewHost({ workspace: second, exportsDir });
    try {
      const refusal = {
        ok: false,
        error: { message: 'second.sqlite is encrypted: enter its passphrase to open it.', field: 'passphrase' },
      };
      expect(await post(host.url, '/api/export-report', { id: 'overview', format: 'html' })).toEqual(refusal);
      expect(await post(host.url, '/api/export', { name: 'x.svg', kind: 'svg', data: '<svg/>' })).toEqual(refusal);
      expect(await post(host.url, '/api/operation', { name: 'getVocabulary', input: {} })).toEqual(refusal);
    } finally {
      await host.close();
    }
    const unlocked = await startPreviewHost({ workspace: second, passphrase });
    try {
      expect(await post(unlocked.url, '/api/operation', { name: 'getWorkspaceSummary', input: {} })).toMatchObject({
        ok: true,
        value: { claims: 80 },
      });
    } finally {
      await unlocked.close();
    }
  }, 30_000);
});
