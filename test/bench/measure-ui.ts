/**
 * The UI half of the benchmark: the built renderer served by the preview host (test/preview/server.ts)
 * over the benchmark workspace, driven in headless Chromium with the end-to-end suite's flags.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { quietChromium } from '../../db/report/print-pdf';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface UiFigures {
  /** Navigation start to the stage gap chart's China marks painted (the Gap tab clicked as soon as it exists). */
  firstChartMs: number;
  /** Navigation start to the first claims row painted (the view the app opens on). */
  firstClaimsRowMs: number;
  scrollFrameP50Ms: number;
  scrollFrameP95Ms: number;
  scrollFrames: number;
  rendererHeapMB: number;
}

export function findChromium(): string | undefined {
  return [process.env.CHOKEPOINT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (path): path is string => !!path && existsSync(path),
  );
}

/** Time since navigation start, once the next frame after `selector` appeared has been painted. */
const paintedAt = (selector: string) =>
  `new Promise((resolve) => {
     const check = () => document.querySelector(${JSON.stringify(selector)})
       ? requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))
       : requestAnimationFrame(check);
     check();
   })`;

/**
 * The preview host (`npm run preview`) in a process of its own, as the desktop app runs its database
 * in a process of its own: a slow operation must not stall the browser driver in this process.
 */
export async function startHostProcess(
  workspaceFile: string,
  hostArgs: readonly string[] = [],
): Promise<{ url: string; child: ChildProcess; close(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), 'test/preview/host.ts', '--workspace', workspaceFile, ...hostArgs],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const url = await new Promise<string>((resolveUrl, rejectUrl) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /Chokepoint preview at (\S+)/.exec(seen);
      if (match) resolveUrl(match[1]!);
    });
    child.once('exit', (code) => rejectUrl(new Error(`the preview host exited (${code}) before it listened`)));
  });
  return {
    url,
    child,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Rejects when `promise` takes longer than `ms`, naming what was waited for. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the first gap chart did not appear within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function measureUi(
  workspaceFile: string,
  chromiumPath: string,
  scrollSeconds = 3,
  chartTimeoutMs = 600_000,
): Promise<UiFigures> {
  const profile = mkdtempSync(join(tmpdir(), 'chokepoint-bench-profile-'));
  const host = await startHostProcess(workspaceFile);
  const context = await chromium
    .launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: quietChromium,
      viewport: { width: 1440, height: 900 },
      colorScheme: 'light',
    })
    .catch(async (error: unknown) => {
      await host.close();
      rmSync(profile, { recursive: true, force: true });
      throw error;
    });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // The app opens on the claims table: its first row, then (a fresh load) the Gap tab clicked as
    // soon as it exists, to the stage gap chart's marks.
    await page.goto(host.url, { waitUntil: 'commit' });
    const firstClaimsRowMs = await page.evaluate<number>(paintedAt('.claim-row[data-claim-id]'));
    await page.reload({ waitUntil: 'commit' });
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Gap' }).click();
    const firstChartMs = await within(chartTimeoutMs, page.evaluate<number>(paintedAt('.stage-gap-chart .gap-mark-china')));

    // Back to the claims table: scroll it programmatically, a step per frame, and record frame deltas.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Claims' }).click();
    await page.locator('.claims-scroll .claim-row[data-claim-id]').first().waitFor({ timeout: chartTimeoutMs });
    const deltas = await page.evaluate<number[]>(
      `new Promise((resolve) => {
         const scroller = document.querySelector('.claims-scroll');
         const deltas = [];
         const end = performance.now() + ${scrollSeconds * 1000};
         const step = Math.max(40, (scroller.scrollHeight - scroller.clientHeight) / (${scrollSeconds} * 60 * 4));
         let last = performance.now();
         const frame = (now) => {
           deltas.push(now - last);
           last = now;
           scroller.scrollTop = Math.min(scroller.scrollTop + step, scroller.scrollHeight);
           if (now < end) requestAnimationFrame(frame);
           else resolve(deltas.slice(1));
         };
         requestAnimationFrame(frame);
       })`,
    );
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
    if (pageErrors.length > 0) throw new Error(`the page threw: ${pageErrors[0]}`);
    const sorted = [...deltas].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
    return {
      firstChartMs,
      firstClaimsRowMs,
      scrollFrameP50Ms: at(50),
      scrollFrameP95Ms: at(95),
      scrollFrames: deltas.length,
      rendererHeapMB: heap / 1024 / 1024,
    };
  } finally {
    await context.close();
    await host.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
