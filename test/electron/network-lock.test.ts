import { EventEmitter } from 'node:events';
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

function locked(devServerUrl?: string) {
  const { session, handlers, spellChecker } = fakeSession();
  const app = new EventEmitter();
  const policy = createUrlPolicy({ entryUrl: appEntryUrl, devServerUrl });
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
