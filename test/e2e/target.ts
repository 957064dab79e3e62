import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, chromium, type BrowserContext, type Page } from 'playwright-core';
import { startPreviewHost } from '../preview/server';
import { watchNetworkAndConsole, type Observations } from './observe';
import { quietChromium } from '../../db/report/print-pdf';

/**
 * Which app the end-to-end suite drives: the real Electron app when its binary is installed, else the
 * same renderer in Chromium through the preview host. CHOKEPOINT_E2E_TARGET=electron|chromium forces one.
 */
export type E2ETarget = { kind: 'electron'; electronPath: string } | { kind: 'chromium'; chromiumPath: string };

const root = fileURLToPath(new URL('../../', import.meta.url));
export const mainBundle = join(root, 'out/main/main.js');

function findElectron(): string | undefined {
  // Not require('electron'): since Electron 43 that downloads the binary when it is missing, a network
  // attempt the tests must never make. path.txt names the executable inside dist/ once installed.
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const executable = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(executable) ? executable : undefined;
  } catch {
    return undefined;
  }
}

function findChromium(): string | undefined {
  const candidates = [process.env.CHOKEPOINT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => !!path && existsSync(path));
}

export function findTarget(): E2ETarget {
  const wanted = process.env.CHOKEPOINT_E2E_TARGET;
  const electronPath = wanted === 'chromium' ? undefined : findElectron();
  if (electronPath) return { kind: 'electron', electronPath };
  const chromiumPath = wanted === 'electron' ? undefined : findChromium();
  if (chromiumPath) return { kind: 'chromium', chromiumPath };
  const forced = wanted ? ` (CHOKEPOINT_E2E_TARGET=${wanted} limits the search to ${wanted})` : '';
  throw new Error(
    `No browser for the end-to-end tests${forced}: the Electron binary is not installed and no Chromium was found ` +
      '(looked at $CHOKEPOINT_CHROMIUM and /usr/bin/chromium). Either run `npm install` without ' +
      'ELECTRON_SKIP_BINARY_DOWNLOAD to get Electron, or `apt-get install chromium` (or set ' +
      'CHOKEPOINT_CHROMIUM to a Chromium binary) to test the renderer through the preview host.',
  );
}

export interface RunningApp {
  target: E2ETarget['kind'];
  page: Page;
  context: BrowserContext;
  /** Every request and console problem seen since launch. */
  observed: Observations;
  /** Where Export SVG/PNG saves without a dialog (preview only; the desktop app asks where). */
  exportsDir?: string;
  close(): Promise<void>;
}

export async function launchApp(target: E2ETarget, workspace: string): Promise<RunningApp> {
  return target.kind === 'electron'
    ? launchElectron(target.electronPath, workspace)
    : launchPreview(target.chromiumPath, workspace);
}

async function launchElectron(electronPath: string, workspace: string): Promise<RunningApp> {
  if (!existsSync(mainBundle)) throw new Error(`${mainBundle} is missing: run npm run build before the end-to-end tests.`);
  const app = await _electron.launch({ executablePath: electronPath, args: [mainBundle, '--workspace', workspace], cwd: root });
  const context = app.context();
  const observed = await watchNetworkAndConsole(context);
  const page = await app.firstWindow();
  observed.watchPage(page);
  return { target: 'electron', page, context, observed, close: () => app.close() };
}

async function launchPreview(chromiumPath: string, workspace: string): Promise<RunningApp> {
  const profile = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-profile-'));
  const exportsDir = join(profile, 'exports');
  mkdirSync(exportsDir);
  const host = await startPreviewHost({ workspace, exportsDir }).catch((error: unknown) => {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  });
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: quietChromium,
      viewport: { width: 1440, height: 900 },
      colorScheme: 'light',
    });
    const observed = await watchNetworkAndConsole(context);
    const page = context.pages()[0] ?? (await context.newPage());
    observed.watchPage(page);
    await page.goto(host.url);
    return {
      target: 'chromium',
      page,
      context,
      observed,
      exportsDir,
      close: async () => {
        await context.close();
        await host.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await host.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
