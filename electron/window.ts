import { BrowserWindow } from 'electron';

/**
 * The one application window. Its renderer runs as an untrusted web page: sandboxed, isolated from
 * the preload, no Node, no webviews, no following dropped files; its only reach into the app is
 * window.chokepoint. The options stay a literal inside `new BrowserWindow(…)` on purpose: that is
 * the only shape electronegativity can audit (a helper returning them would hide them from it).
 */
export function createMainWindow(options: { preloadFile: string; title: string; development: boolean }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: options.title,
    show: false,
    webPreferences: {
      preload: options.preloadFile,
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
      // Middle-click opens links in new windows; Chromium's Auxclick feature is how it starts.
      disableBlinkFeatures: 'Auxclick',
      // Spell-check would fetch dictionaries from the network.
      spellcheck: false,
      safeDialogs: true,
      // DevTools only in development: in a release build they would be a way round the bridge.
      devTools: options.development,
    },
  });
  // The window title names the open workspace; the page's <title> must not replace it.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  return window;
}
