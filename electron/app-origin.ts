/**
 * The renderer is served from `app://chokepoint/…` rather than file://: Vite's module scripts do not
 * run from file:// (CORS), and a privileged standard+secure scheme gives the page a real origin that
 * the CSP, the network lock and the IPC sender check can all name. No Electron import here, so the
 * policies built on it are testable in plain Node.
 */
export const appScheme = 'app';
export const appHost = 'chokepoint';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/** True for our own pages and files only: `app://chokepoint/…`, never another host of app:. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${appScheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}
