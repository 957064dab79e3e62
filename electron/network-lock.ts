import type { App, Session, WebContents } from 'electron';
import type { UrlPolicy } from './url-policy';

/**
 * Zero network traffic, enforced at the session rather than trusted to the renderer: every request
 * that is not our own protocol (or the dev server in development) is cancelled before it leaves, and
 * every permission a page could ask for is refused. Nothing here ever calls shell.openExternal:
 * a link to a source's URL is shown for the analyst to copy, never opened.
 */
export function lockSession(session: Session, policy: UrlPolicy): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = policy.isAllowedRequest(details.url);
    if (!allowed) console.warn(`Network lock: cancelled ${details.resourceType} request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  // One exception: our own page may go full screen (presentation mode); nothing else is ever granted.
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(permission === 'fullscreen' && policy.isTrustedPage(details?.requestingUrl ?? contents.getURL())),
  );
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Spell-check dictionaries are downloaded from a Google CDN: keep the checker off entirely.
  session.setSpellCheckerEnabled(false);
}

/** The presenter view of presentation mode: our own page, opened under this one window name. */
export const presenterWindowName = 'chokepoint-presenter';

export function isPresenterWindow(details: { url: string; frameName?: string }, policy: UrlPolicy): boolean {
  if (details.frameName !== presenterWindowName || !policy.isTrustedPage(details.url)) return false;
  try {
    return new URL(details.url).hash === '#presenter';
  } catch {
    return false;
  }
}

/**
 * Keeps a page where it is: no navigation or redirect away from our pages, no webviews, and no
 * pop-ups but the presenter view: our page under the same locked-down preferences. It needs no
 * operations (it hears the presentation over a BroadcastChannel), and main answers operations and
 * file saves from the main window only, so even with a bridge it could reach nothing.
 */
export function lockWebContents(contents: WebContents, policy: UrlPolicy): void {
  contents.setWindowOpenHandler((details) =>
    isPresenterWindow(details, policy)
      ? {
          action: 'allow',
          // The main window's preferences (window.ts), spelled out: a child window must not rely on inheriting them.
          overrideBrowserWindowOptions: {
            title: 'Chokepoint presenter view',
            autoHideMenuBar: true,
            webPreferences: {
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
          },
        }
      : { action: 'deny' },
  );
  const stayHome = (event: { preventDefault(): void }, url: string): void => {
    if (!policy.isTrustedPage(url)) {
      event.preventDefault();
      console.warn(`Network lock: blocked navigation to ${url.slice(0, 200)}`);
    }
  };
  contents.on('will-navigate', (event) => stayHome(event, event.url));
  contents.on('will-frame-navigate', (event) => stayHome(event, event.url));
  contents.on('will-redirect', (event) => stayHome(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Applies the lock to the session and to every web contents the app ever creates. */
export function installNetworkLock(app: App, session: Session, policy: UrlPolicy): void {
  lockSession(session, policy);
  app.on('web-contents-created', (_event, contents) => lockWebContents(contents, policy));
}
