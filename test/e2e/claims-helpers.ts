import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { executeOperation } from '../../db/api';
import type { OperationName } from '../../db/operation-names';
import { openWorkspace } from '../../db/workspace/open';
import { isLocalRequest } from './observe';
import type { RunningApp } from './target';

/** Loaded claim rows in the DOM (the virtualized table draws only a window of them). */
export const claimRows = (page: Page) => page.locator('.claim-row[data-claim-id]');
export const claimRow = (page: Page, id: string) => page.locator(`.claim-row[data-claim-id="${id}"]`);

/** The count beside the "Claims" heading: "80 claims", or "3 matching" under a filter. */
export async function expectCount(page: Page, text: string) {
  const status = page.locator('.claims-count');
  await status.filter({ hasText: new RegExp(`^${text}`) }).waitFor();
  expect(await status.textContent()).toMatch(new RegExp(`^${text}`));
}

export async function search(page: Page, words: string) {
  await page.getByRole('searchbox', { name: 'Search' }).fill(words);
}

/** What a user would notice: nothing left the machine, and the page raised no errors of any kind. */
export async function expectQuietAndLocal(app: RunningApp) {
  expect(app.observed.requests.length).toBeGreaterThan(0);
  expect(app.observed.requests.filter((url) => !isLocalRequest(url))).toEqual([]);
  expect(app.observed.offMachine).toEqual([]);
  expect(app.observed.consoleErrors).toEqual([]);
  expect(app.observed.pageErrors).toEqual([]);
  expect(await app.observed.cspViolations(app.page)).toEqual([]);
}

/** Runs one operation on a workspace file directly, to learn what the UI should show. */
export function operate<T>(file: string, name: OperationName, input: unknown): T {
  const workspace = openWorkspace(file);
  try {
    const result = executeOperation({ workspace }, name, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as T;
  } finally {
    workspace.close();
  }
}

/** A resting picture: no hover, no focus ring, fonts loaded. */
export async function screenshot(page: Page, path: string, scheme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: scheme });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path });
}
