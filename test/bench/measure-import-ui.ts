/**
 * A big CSV import through the UI: the built renderer served by the preview host (in a process of its
 * own, as the desktop app runs its database in a process of its own), driven in headless Chromium.
 * The file is chosen the way the preview stands in for the desktop's open dialog (a plain name in the
 * host's imports folder); while the import runs, every 'longtask' the renderer reports is recorded,
 * so a frozen window shows up as a figure.
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startHostProcess } from './measure-ui';
import { importableClaims, importHeader, importLine, importRecipe } from './synthetic-workspace';
import { quietChromium } from '../../db/report/print-pdf';

export interface ImportUiFigures {
  /** Rows in the CSV imported through the UI. */
  importUiRows: number;
  /** Click on Import to the "Imported N claims" message painted. */
  importUiMs: number;
  /** Renderer long tasks over 100 ms while the import ran. */
  longTasksOver100Ms: number;
  longestTaskMs: number;
  /** Progress messages the page showed during the import (percent values seen). */
  progressUpdates: number;
  /** With `cancelFirst`: the first run, cancelled part-way, and whether the claim count stayed the same. */
  cancelled?: { afterMs: number; rowsWrittenBeforeCancel: number; claimsUnchanged: boolean };
}

export interface ImportUiOptions {
  /** The workspace the preview host opens (claims are added to it). */
  workspaceFile: string;
  chromiumPath: string;
  rows: number;
  /** Start one import, cancel it once it has written some rows, then run the real one. */
  cancelFirst?: boolean;
  /** Where the CSV is written (a temporary folder by default, removed afterwards). */
  folder?: string;
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** Writes the benchmark's importable claims as CSV, a line at a time (1,000,000 rows never sit in memory). */
export async function writeImportCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write(`${importHeader.join(',')}\n`);
  let buffer = '';
  for (const claim of importableClaims(rows)) {
    buffer += `${importLine(claim)}\n`;
    if (buffer.length > 1 << 20) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(buffer);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** The preview host in a process of its own, reading big imports from `importsDir`. */
export const startHost = (workspaceFile: string, importsDir: string) =>
  startHostProcess(workspaceFile, ['--imports', importsDir]);

/** Records long tasks from page load on; `since` marks where a measurement starts. */
const observeLongTasks = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

const claimCount = (page: Page) =>
  page.evaluate<number>(`window.chokepoint.getWorkspaceSummary().then((summary) => summary.claims)`);

async function startImport(page: Page, name: string): Promise<number> {
  const view = page.locator('section.import-view');
  page.once('dialog', (dialog) => void dialog.accept(name));
  await view.getByRole('button', { name: 'Choose a large file…' }).click();
  await view.locator('.import-file code', { hasText: name }).waitFor();
  const started = await page.evaluate<number>('performance.now()');
  await view.getByRole('button', { name: 'Import', exact: true }).click();
  return started;
}

export async function measureImportUi(options: ImportUiOptions): Promise<ImportUiFigures> {
  const log = options.log ?? (() => {});
  const timeout = options.timeoutMs ?? 1_800_000;
  const folder = options.folder ?? mkdtempSync(join(tmpdir(), 'chokepoint-bench-import-ui-'));
  const ownFolder = options.folder === undefined;
  const importsDir = join(folder, 'imports');
  mkdirSync(importsDir, { recursive: true });
  const name = `import-${options.rows}.csv`;
  log(`writing ${options.rows.toLocaleString('en-US')} rows of CSV…`);
  await writeImportCsv(join(importsDir, name), options.rows);
  const profile = mkdtempSync(join(tmpdir(), 'chokepoint-bench-profile-'));
  const host = await startHost(options.workspaceFile, importsDir);
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: options.chromiumPath,
      headless: true,
      args: quietChromium,
      viewport: { width: 1440, height: 900 },
      colorScheme: 'light',
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.addInitScript(observeLongTasks);
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(host.url);
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Import' }).click();
      const view = page.locator('section.import-view');
      await view.getByLabel('Recipe (JSON)').fill(JSON.stringify(importRecipe, null, 2));
      const before = await claimCount(page);

      let cancelled: ImportUiFigures['cancelled'];
      if (options.cancelFirst) {
        const started = await startImport(page, name);
        // Cancel once the progress line says some rows were written.
        let written = 0;
        for (const deadline = Date.now() + timeout; written === 0 && Date.now() < deadline;) {
          const text =
            (await view
              .locator('.import-progress-rows')
              .textContent({ timeout })
              .catch(() => '')) ?? '';
          written = Number(/([\d,]+) written/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
          if (written === 0) await page.waitForTimeout(50);
        }
        await view.getByRole('button', { name: 'Cancel import' }).click();
        await view.locator('.import-cancelled').waitFor({ timeout });
        const afterMs = (await page.evaluate<number>('performance.now()')) - started;
        cancelled = { afterMs, rowsWrittenBeforeCancel: written, claimsUnchanged: (await claimCount(page)) === before };
        log(`cancelled after ${Math.round(afterMs)} ms (${written} rows written before): unchanged ${cancelled.claimsUnchanged}`);
      }

      log('importing through the UI…');
      const started = await startImport(page, name);
      let progressUpdates = 0;
      const seen = new Set<string>();
      const watch = setInterval(() => {
        void page
          .locator('.import-progress-percent')
          .textContent({ timeout: 100 })
          .then((text) => {
            if (text && !seen.has(text)) {
              seen.add(text);
              progressUpdates++;
            }
          })
          .catch(() => {});
      }, 250);
      try {
        await view.locator('.import-counts', { hasText: 'Imported' }).waitFor({ timeout });
      } finally {
        clearInterval(watch);
      }
      const ended = await page.evaluate<number>('performance.now()');
      const tasks = await page.evaluate<{ start: number; duration: number }[]>('window.__longTasks');
      const during = tasks.filter((task) => task.start >= started && task.start <= ended);
      const after = await claimCount(page);
      if (after - before !== options.rows) throw new Error(`the import added ${after - before} claims, not ${options.rows}`);
      if (pageErrors.length > 0) throw new Error(`the page threw: ${pageErrors[0]}`);
      return {
        importUiRows: options.rows,
        importUiMs: ended - started,
        longTasksOver100Ms: during.filter((task) => task.duration > 100).length,
        longestTaskMs: during.reduce((max, task) => Math.max(max, task.duration), 0),
        progressUpdates,
        ...(cancelled ? { cancelled } : {}),
      };
    } finally {
      await context.close();
    }
  } finally {
    await host.close();
    rmSync(profile, { recursive: true, force: true });
    if (ownFolder) rmSync(folder, { recursive: true, force: true });
  }
}
