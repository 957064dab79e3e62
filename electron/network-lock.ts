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
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // Spell-check dictionaries are downloaded from a Google CDN: keep the checker off entirely.
  session.setSpellCheckerEnabled(false);
}

/** Keeps a page where it is: no pop-ups, no navigation or redirect away from our pages, no webviews. */
export function lockWebContents(contents: WebContents, policy: UrlPolicy): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
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
