import { appOrigin, isAppUrl } from './app-origin';

/**
 * Which URLs the app may load and which pages may call the database. In a packaged or `npm start`
 * build that is app://chokepoint only; under `electron-vite dev` the dev server's origin is added
 * (page, modules and its hot-reload socket), and nothing else ever is.
 */
export interface UrlPolicy {
  /** A page of ours: may be navigated to and may call operations over IPC. */
  isTrustedPage: (url: string) => boolean;
  /** A request the network lock lets through. */
  isAllowedRequest: (url: string) => boolean;
  /** Where the window loads the renderer from. */
  readonly entryUrl: string;
}

function devOrigin(devServerUrl: string): { host: string; protocol: string } | undefined {
  try {
    const url = new URL(devServerUrl);
    // Only a loopback dev server: an env variable must not be able to point the app at the internet.
    if (!['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) return undefined;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.username || url.password) return undefined;
    return { host: url.host, protocol: url.protocol };
  } catch {
    return undefined;
  }
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * True when `url` is spelled as exactly `origin/…` and also parses to it. The prefix comes first: the
 * URL parser is generous (it drops leading spaces, tabs and newlines, lower-cases a scheme, reads
 * `app://evil@chokepoint/` as host chokepoint, and treats a backslash differently from Chromium for
 * a non-web scheme), so a URL that is not written the canonical way is refused, never interpreted.
 */
function isUnder(url: string, origin: string): boolean {
  if (!url.startsWith(`${origin}/`)) return false;
  const parsed = parse(url);
  return !!parsed && `${parsed.protocol}//${parsed.host}` === origin && !parsed.username && !parsed.password;
}

/** Chromium's own inspector: its pages live under devtools://devtools/ (other hosts are not DevTools). */
const devToolsOrigin = 'devtools://devtools';

export function createUrlPolicy(options: {
  entryUrl: string;
  devServerUrl?: string | undefined;
  /** The window was opened with DevTools (development only): let their own pages load. */
  devTools?: boolean;
}): UrlPolicy {
  const dev = options.devServerUrl ? devOrigin(options.devServerUrl) : undefined;
  if (options.devServerUrl && !dev)
    throw new Error(`Refusing dev server ${options.devServerUrl}: only a loopback http(s) URL is allowed.`);

  // Chromium hands the lock canonical URLs (lower-case scheme and host), so an exact prefix loses nothing.
  const isOwn = (url: string): boolean => isUnder(url, appOrigin) && isAppUrl(url);
  const isDevPage = (url: string): boolean => !!dev && isUnder(url, `${dev.protocol}//${dev.host}`);
  const isDevSocket = (url: string): boolean =>
    !!dev && isUnder(url, `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}`);
  const isDevTools = (url: string): boolean => options.devTools === true && isUnder(url, devToolsOrigin);

  return {
    entryUrl: dev ? options.devServerUrl! : options.entryUrl,
    isTrustedPage: (url) => isOwn(url) || isDevPage(url),
    // devtools: is Chromium's own inspector, reachable only from the View menu in development.
    isAllowedRequest: (url) => isOwn(url) || isDevPage(url) || isDevSocket(url) || isDevTools(url),
  };
}
