import { existsSync } from 'node:fs';
import type * as Playwright from 'playwright-core';
import { UserError } from '../errors';

/**
 * A report's HTML printed to PDF by Chromium (page.pdf, the engine Electron's printToPDF uses), for
 * the command line and the tests. Every request is aborted: the file must need nothing from outside.
 */
export function findChromium(): string | undefined {
  return [process.env.CHOKEPOINT_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
    (path): path is string => typeof path === 'string' && path !== '' && existsSync(path),
  );
}

export const noChromiumMessage =
  'PDF export from the command line needs Chromium (/usr/bin/chromium, or set CHOKEPOINT_CHROMIUM); ' +
  'the desktop app exports PDF itself. Write --out F.html to get the report without it.';

/**
 * Flags that keep Chromium itself from phoning home (the report's PDF, the end-to-end tests and the
 * benchmark all drive it): no request may leave the machine, not even the browser's own.
 */
export const quietChromium = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** `onRequest` hears every request the page tried to make (each one refused); a sound report makes none. */
export async function htmlToPdf(
  html: string,
  pageSize: 'A4' | 'Letter',
  onRequest: (url: string) => void = () => undefined,
): Promise<Uint8Array> {
  const executablePath = findChromium();
  if (!executablePath) throw new UserError(noChromiumMessage, 'out');
  let playwright: typeof Playwright;
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new UserError(`${noChromiumMessage} (playwright-core is not installed)`, 'out');
  }
  const browser = await playwright.chromium.launch({ executablePath, headless: true, args: quietChromium });
  try {
    const page = await browser.newPage({ colorScheme: 'light', javaScriptEnabled: false });
    await page.route('**/*', (route) => {
      onRequest(route.request().url());
      return route.abort();
    });
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: pageSize, printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
