import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session } from 'electron';

/**
 * A report's standalone HTML printed to PDF by Electron's own Chromium (printToPDF): vector charts,
 * the report's print CSS, A4 or Letter. The page opens in a hidden window with JavaScript off, in a
 * session of its own whose only allowed request is the report file itself: the report needs nothing
 * else, and the app's session (and its app:// pages) never see it.
 */
const printPartition = 'chokepoint-print';

export async function printReportPdf(html: string, pageSize: 'A4' | 'Letter'): Promise<Uint8Array> {
  const folder = mkdtempSync(join(tmpdir(), 'chokepoint-print-'));
  const file = join(folder, 'report.html');
  writeFileSync(file, html);
  const reportUrl = pathToFileURL(file).href;
  const printSession = session.fromPartition(printPartition);
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== reportUrl }));
  printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  // Spelled out in full, as in window.ts: electronegativity audits only a literal inside `new BrowserWindow(…)`.
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      session: printSession,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      safeDialogs: true,
      devTools: false,
    },
  });
  try {
    await window.loadURL(reportUrl);
    const pdf = await window.webContents.printToPDF({ pageSize, printBackground: true, preferCSSPageSize: true });
    return new Uint8Array(pdf);
  } finally {
    window.destroy();
    rmSync(folder, { recursive: true, force: true });
  }
}
