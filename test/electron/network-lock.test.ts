import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { App, Session, WebContents } from 'electron';

import { appEntryUrl } from '../../electron/app-origin';
import { installNetworkLock, lockWebContents } from '../../electron/network-lock';
import { createUrlPolicy } from '../../electron/url-policy';

type BeforeRequest = (details: { url: string; resourceType: string }, callback: (response: { cancel: boolean }) => void) => void;

function fakeSession() {
  const handlers: {
    beforeRequest?: BeforeRequest;
    permissionRequest?: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details?: { requestingUrl?: string },
    ) => void;
    permissionCheck?: (...args: unknown[]) => boolean;
    devicePermission?: (...args: unknown[]) => boolean;
  } = {};
  const session = {
    webRequest: { onBeforeRequest: (listener: BeforeRequest) => (handlers.beforeRequest = listener) },
    setPermissionRequestHandler: (handler: typeof handlers.permissionRequest) => (handlers.permissionRequest = handler),
    setPermissionCheckHandler: (handler: typeof handlers.permissionCheck) => (handlers.permissionCheck = handler),
    setDevicePermissionHandler: (handler: typeof handlers.devicePermission) => (handlers.devicePermission = handler),
    setSpellCheckerEnabled: vi.fn(),
  };
  return { session: session as unknown as Session, handlers, spellChecker: session.setSpellCheckerEnabled };
}

function cancelled(beforeRequest: BeforeRequest, url: string): boolean {
  let answer: boolean | undefined;
  beforeRequest({ url, resourceType: 'xhr' }, ({ cancel }) => (answer = cancel));
  if (answer === undefined) throw new Error('the lock did not answer');
  return answer;
}

function locked(devServerUrl?: string, devTools = false) {
  const { session, handlers, spellChecker } = fakeSession();
  const app = new EventEmitter();
  const policy = createUrlPolicy({ entryUrl: appEntryUrl, devServerUrl, devTools });
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  installNetworkLock(app as unknown as App, session, policy);
  return { handlers, app, policy, spellChecker };
}

const outside = [
  'http://example.com/',
  'https://api.example.com/collect?claims=secret',
  'https://127.0.0.1:8443/',
  'http://localhost:5173/src/main.tsx',
  'ws://evil.example/socket',
  'wss://evil.example/socket',
  'ftp://files.example.com/x',
  'file:///etc/passwd',
  'data:text/html,<script>alert(1)</script>',
  'blob:https://evil.example/1234',
  'app://other-host/index.html',
  'app://chokepoint.evil.example/index.html',
  'chrome://settings',
];

describe('the network lock', () => {
  it('cancels every request that is not the app protocol', () => {
    const { handlers } = locked();
    for (const url of outside) expect(cancelled(handlers.beforeRequest!, url), url).toBe(true);
  });

  it('lets the app protocol through', () => {
    const { handlers } = locked();
    expect(cancelled(handlers.beforeRequest!, 'app://chokepoint/index.html')).toBe(false);
    expect(cancelled(handlers.beforeRequest!, 'app://chokepoint/assets/index-3f2a.js')).toBe(false);
  });

  it('allows the dev server origin (page and hot-reload socket) only in development', () => {
    const dev = locked('http://localhost:5173/');
    expect(cancelled(dev.handlers.beforeRequest!, 'http://localhost:5173/src/main.tsx')).toBe(false);
    expect(cancelled(dev.handlers.beforeRequest!, 'ws://localhost:5173/')).toBe(false);
    expect(cancelled(dev.handlers.beforeRequest!, 'http://localhost:5174/')).toBe(true);
    expect(cancelled(dev.handlers.beforeRequest!, 'https://example.com/')).toBe(true);
    const release = locked();
    expect(cancelled(release.handlers.beforeRequest!, 'http://localhost:5173/src/main.tsx')).toBe(true);
    expect(cancelled(release.handlers.beforeRequest!, 'ws://localhost:5173/')).toBe(true);
  });

  it('lets DevTools load only when the app was started with DevTools (development), and only their own pages', () => {
    const release = locked();
    expect(cancelled(release.handlers.beforeRequest!, 'devtools://devtools/bundled/devtools_app.html')).toBe(true);
    const development = locked(undefined, true);
    expect(cancelled(development.handlers.beforeRequest!, 'devtools://devtools/bundled/devtools_app.html')).toBe(false);
    expect(cancelled(development.handlers.beforeRequest!, 'devtools://evil.example/x')).toBe(true);
    expect(cancelled(development.handlers.beforeRequest!, 'https://chrome-devtools-frontend.appspot.com/serve_file/x')).toBe(
      true,
    );
  });

  it('refuses a dev server that is not on this machine', () => {
    expect(() => createUrlPolicy({ entryUrl: appEntryUrl, devServerUrl: 'https://evil.example/' })).toThrow(/loopback/);
  });

  it('denies every permission request and check but full screen for our own page, and keeps the spell-checker off', () => {
    const { handlers, spellChecker } = locked();
    const ours = { getURL: () => 'app://chokepoint/index.html' };
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      handlers.permissionRequest!(ours, permission, callback, { requestingUrl: 'app://chokepoint/index.html' });
      expect(callback).toHaveBeenCalledWith(false);
      expect(handlers.permissionCheck!({}, permission, 'app://chokepoint', {})).toBe(false);
    }
    // Presentation mode goes full screen: granted to our page only.
    const granted = vi.fn();
    handlers.permissionRequest!(ours, 'fullscreen', granted, { requestingUrl: 'app://chokepoint/index.html' });
    expect(granted).toHaveBeenCalledWith(true);
    const stranger = vi.fn();
    handlers.permissionRequest!({ getURL: () => 'https://example.com/' }, 'fullscreen', stranger, {
      requestingUrl: 'https://example.com/',
    });
    expect(stranger).toHaveBeenCalledWith(false);
    expect(handlers.devicePermission!({ deviceType: 'usb' })).toBe(false);
    expect(spellChecker).toHaveBeenCalledWith(false);
  });
});

/**
 * Every scheme a URL can have, against every kind of host, including the ones that look like ours. The
 * lock sees Chromium's canonical URL, but it must not rely on that: the rule is "starts with
 * app://chokepoint/", so a near miss (another case, a port, a trailing dot, a user name, a look-alike
 * host, another scheme on our host name) is refused rather than parsed generously.
 */
const schemes = [
  'http',
  'https',
  'ws',
  'wss',
  'ftp',
  'file',
  'data',
  'blob',
  'javascript',
  'about',
  'chrome',
  'chrome-extension',
  'chrome-untrusted',
  'devtools',
  'filesystem',
  'mailto',
  'view-source',
  'ipfs',
  'ipns',
  'app',
  'App',
  'APP',
  'apps',
  'electron',
];
const hosts = [
  'example.com',
  '127.0.0.1',
  '127.0.0.1:5173',
  'localhost',
  'localhost:5173',
  'LOCALHOST:5173',
  '[::1]',
  '[::1]:5173',
  '0.0.0.0',
  '10.0.0.1',
  '169.254.169.254',
  'xn--hokepoint-u3h.example', // "сhokepoint" with a Cyrillic с, as the browser writes it
  'xn--hokepoint-u3h',
  'chokepoint@evil.example',
  'evil.example@chokepoint',
  'evil.example\\@chokepoint',
  'chokepoint:@chokepoint',
  'CHOKEPOINT',
  'Chokepoint',
  'chokepoint.',
  'chokepoint:80',
  'chokepoint:443',
  'chokepoint:0',
  'chokepoint.evil.example',
  'evil.example/chokepoint',
  '%63hokepoint',
  'cho\tkepoint',
  'cho\nkepoint',
  'chokepoint',
];
const paths = ['/', '/index.html', '/assets/index-3f2a.js'];
/** Other ways to spell a URL that a scheme-and-host grid does not make. */
const oddities = [
  'app:chokepoint/index.html',
  'app:/chokepoint/index.html',
  'app:///chokepoint/index.html',
  'app:////chokepoint/index.html',
  'app://chokepoint',
  'app://',
  'app:',
  ' app://chokepoint/index.html',
  '\tapp://chokepoint/index.html',
  '\u0000app://chokepoint/index.html',
  'app:\\\\chokepoint\\index.html',
  'app://chokepoint\\index.html',
  'blob:app://chokepoint/8d3e-4f',
  'filesystem:app://chokepoint/temporary/x',
  'view-source:app://chokepoint/index.html',
  'data:text/html,<script>alert(1)</script>',
  'data:image/svg+xml;charset=utf-8,%3Csvg%3E',
  'javascript:alert(1)',
  'about:blank',
  'about:srcdoc',
  'mailto:analyst@example.com',
  'chrome://settings',
  'chrome://gpu',
  'devtools://devtools/bundled/devtools_app.html',
  'file:///etc/passwd',
  'file://localhost/etc/passwd',
  '//evil.example/x',
  '/index.html',
  '',
  'not a url',
];
const ownPrefix = 'app://chokepoint/';
const matrix = [
  ...schemes.flatMap((scheme) => hosts.flatMap((host) => paths.map((path) => `${scheme}://${host}${path}`))),
  ...oddities,
];

describe('the network lock against every scheme and host', () => {
  it('cancels every URL but app://chokepoint/… in a build without a dev server', () => {
    const { handlers } = locked();
    const allowed = matrix.filter((url) => !cancelled(handlers.beforeRequest!, url));
    expect(allowed).toEqual(paths.map((path) => `app://chokepoint${path}`));
  });

  it('with a dev server, lets through only its own origin (page and socket) besides the app', () => {
    const { handlers } = locked('http://localhost:5173/');
    const allowed = matrix.filter((url) => !cancelled(handlers.beforeRequest!, url));
    // Chromium writes a host in lower case; LOCALHOST would be the same server, but it is not how the lock is asked.
    expect(allowed.sort()).toEqual(
      [
        ...paths.map((path) => `app://chokepoint${path}`),
        ...paths.flatMap((path) => [`http://localhost:5173${path}`, `ws://localhost:5173${path}`]),
      ].sort(),
    );
  });

  it('treats a page as ours under exactly the same rule', () => {
    const policy = createUrlPolicy({ entryUrl: appEntryUrl });
    const trusted = matrix.filter((url) => policy.isTrustedPage(url));
    expect(trusted).toEqual(paths.map((path) => `app://chokepoint${path}`));
  });

  // Property: a URL that does not start with the app's origin is cancelled, whatever it is made of.
  const anyScheme = fc.oneof(fc.constantFrom(...schemes), fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9+.-]{0,12}$/));
  const webLike = fc.webUrl({
    validSchemes: schemes,
    authoritySettings: { withIPv4: true, withIPv6: true, withIPv4Extended: true, withUserInfo: true, withPort: true },
    withQueryParameters: true,
    withFragments: true,
  });
  const nearOurs = fc
    .tuple(
      fc.constantFrom('app://', 'app:/', 'app:', 'App://', 'app:///', ''),
      fc.mixedCase(fc.constant('chokepoint')),
      fc.constantFrom('', '.', ':80', ':', '@evil.example', '.evil.example', '%2e', '\\'),
      fc.webPath(),
    )
    .map(([scheme, host, tail, path]) => `${scheme}${host}${tail}${path}`);
  const anything = fc.oneof(
    webLike,
    nearOurs,
    fc.tuple(anyScheme, fc.constantFrom('://', ':', ':/', ':///'), fc.string(), fc.webPath()).map((parts) => parts.join('')),
    fc.string({ unit: 'binary', maxLength: 60 }),
  );

  it('property: a random URL not starting with app://chokepoint/ is cancelled', () => {
    const { handlers } = locked();
    fc.assert(
      fc.property(anything, (url) => {
        fc.pre(!url.startsWith(ownPrefix));
        return cancelled(handlers.beforeRequest!, url);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: with a dev server, a random URL outside both origins is cancelled too', () => {
    const { handlers } = locked('http://localhost:5173/', true);
    fc.assert(
      fc.property(anything, (url) => {
        fc.pre(!url.startsWith(ownPrefix) && !/^(?:http|ws):\/\/localhost:5173\//.test(url));
        fc.pre(!url.startsWith('devtools://devtools/'));
        return cancelled(handlers.beforeRequest!, url);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: every path under app://chokepoint/ is let through (the lock is not simply shut)', () => {
    const { handlers } = locked();
    fc.assert(
      fc.property(fc.webPath(), fc.webQueryParameters(), fc.webFragments(), (path, query, fragment) => {
        const url = `${ownPrefix}${path.replace(/^\/+/, '')}${query ? `?${query}` : ''}${fragment ? `#${fragment}` : ''}`;
        return !cancelled(handlers.beforeRequest!, url);
      }),
      { numRuns: 1000 },
    );
  });
});

type OpenHandler = (details: { url: string; frameName?: string }) => { action: string };

class FakeContents extends EventEmitter {
  windowOpenHandler?: OpenHandler;
  setWindowOpenHandler(handler: OpenHandler) {
    this.windowOpenHandler = handler;
  }
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('every web contents', () => {
  it('is locked as soon as the app creates it', () => {
    const { app } = locked();
    const contents = new FakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler?.({ url: 'app://chokepoint/index.html' })).toEqual({ action: 'deny' });
  });

  it('denies every new window, even for our own URL, but the presenter view of our own page', () => {
    const { policy } = locked();
    const contents = new FakeContents();
    lockWebContents(contents as unknown as WebContents, policy);
    for (const url of ['https://example.com/', 'app://chokepoint/index.html'])
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    const presenter = contents.windowOpenHandler!({
      url: 'app://chokepoint/index.html#presenter',
      frameName: 'chokepoint-presenter',
    });
    expect(presenter).toMatchObject({
      action: 'allow',
      overrideBrowserWindowOptions: { webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } },
    });
    for (const details of [
      { url: 'https://example.com/#presenter', frameName: 'chokepoint-presenter' },
      { url: 'app://chokepoint/index.html#presenter', frameName: 'other' },
      { url: 'app://chokepoint/index.html#claims', frameName: 'chokepoint-presenter' },
    ])
      expect(contents.windowOpenHandler!(details), details.url).toEqual({ action: 'deny' });
  });

  it('prevents navigation and redirects away from the app, and any webview', () => {
    const { policy } = locked();
    const contents = new FakeContents();
    lockWebContents(contents as unknown as WebContents, policy);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = navigationEvent('https://example.com/phish');
      contents.emit(event, away);
      expect(away.preventDefault, event).toHaveBeenCalled();
      const otherHost = navigationEvent('app://elsewhere/index.html');
      contents.emit(event, otherHost);
      expect(otherHost.preventDefault, event).toHaveBeenCalled();
      const home = navigationEvent('app://chokepoint/index.html#/claims');
      contents.emit(event, home);
      expect(home.preventDefault, event).not.toHaveBeenCalled();
    }
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});
