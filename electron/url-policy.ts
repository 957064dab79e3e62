import { isAppUrl } from './app-origin';

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

export function createUrlPolicy(options: { entryUrl: string; devServerUrl?: string | undefined }): UrlPolicy {
  const dev = options.devServerUrl ? devOrigin(options.devServerUrl) : undefined;
  if (options.devServerUrl && !dev)
    throw new Error(`Refusing dev server ${options.devServerUrl}: only a loopback http(s) URL is allowed.`);

  const isDevPage = (url: string): boolean => {
    const parsed = parse(url);
    return !!dev && !!parsed && parsed.protocol === dev.protocol && parsed.host === dev.host;
  };
  const isDevSocket = (url: string): boolean => {
    const parsed = parse(url);
    const socketProtocol = dev?.protocol === 'https:' ? 'wss:' : 'ws:';
    return !!dev && !!parsed && parsed.protocol === socketProtocol && parsed.host === dev.host;
  };

  return {
    entryUrl: dev ? options.devServerUrl! : options.entryUrl,
    isTrustedPage: (url) => isAppUrl(url) || isDevPage(url),
    // devtools: is Chromium's own inspector, reachable only from the View menu in development.
    isAllowedRequest: (url) => isAppUrl(url) || isDevPage(url) || isDevSocket(url) || url.startsWith('devtools://'),
  };
}
