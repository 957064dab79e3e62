import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { EventEmitter } from 'node:events';
import type {
  App,
  BrowserWindowConstructorOptions,
  CustomScheme,
  IpcMainInvokeEvent,
  Session,
  WebContents,
  WebPreferences,
} from 'electron';
import { describe, expect, it, vi } from 'vitest';

import { appEntryUrl } from '../../electron/app-origin';
import { registerAppScheme } from '../../electron/app-protocol';
import { bindChartExport } from '../../electron/chart-export';
import { contentSecurityPolicy } from '../../electron/content-security-policy';
import { bindFileImport, bindOperations } from '../../electron/ipc';
import * as channels from '../../electron/ipc-channel';
import { installNetworkLock, presenterWindowName } from '../../electron/network-lock';
import { printReportPdf } from '../../electron/print-pdf';
import { quietChromium } from '../../electron/quiet-chromium';
import { createRendererHandler } from '../../electron/renderer-files';
import { bindReportExport } from '../../electron/report-export';
import { electronMajor, supportedElectron } from '../../electron/supported-electron';
import { createUrlPolicy } from '../../electron/url-policy';
import { createMainWindow } from '../../electron/window';

/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security), one test
 * per item, each against the code the app really runs: the window options window.ts passes, the
 * presenter and print windows' options, the session and web-contents locks, the CSP the app://
 * protocol sends, the IPC binders main registers, the preload's bridge and the packaging fuses.
 * Electron itself is stubbed only at the module boundary, to record what the app asks of it.
 */

const electron = vi.hoisted(() => ({
  windows: [] as { options: BrowserWindowConstructorOptions; loaded: string[] }[],
  privilegedSchemes: [] as CustomScheme[],
  exposed: [] as [string, unknown][],
  invoked: [] as unknown[][],
  printSession: undefined as
    | undefined
    | {
        beforeRequest?: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;
        permissionRequest?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
        permissionCheck?: (...args: unknown[]) => boolean;
      },
}));

vi.mock('electron', () => {
  class BrowserWindow {
    readonly record: { options: BrowserWindowConstructorOptions; loaded: string[] };
    readonly webContents = { printToPDF: () => Promise.resolve(Buffer.from('%PDF-1.7')) };
    constructor(options: BrowserWindowConstructorOptions) {
      this.record = { options, loaded: [] };
      electron.windows.push(this.record);
    }
    on() {}
    once() {}
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    destroy() {}
  }
  const printSession = {
    webRequest: {
      onBeforeRequest: (listener: never) => (electron.printSession = { ...electron.printSession, beforeRequest: listener }),
    },
    setPermissionRequestHandler: (handler: never) =>
      (electron.printSession = { ...electron.printSession, permissionRequest: handler }),
    setPermissionCheckHandler: (handler: never) =>
      (electron.printSession = { ...electron.printSession, permissionCheck: handler }),
  };
  return {
    BrowserWindow,
    session: { fromPartition: () => printSession },
    protocol: { registerSchemesAsPrivileged: (schemes: CustomScheme[]) => electron.privilegedSchemes.push(...schemes) },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push([key, api]) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        electron.invoked.push(args);
        return Promise.resolve({ ok: true, value: null });
      },
      on: () => {},
      removeListener: () => {},
    },
  };
});

// The preload runs on import, as in the sandboxed renderer: it exposes its bridge through the stub above.
await import('../../electron/preload');

const root = join(import.meta.dirname, '..', '..');
const ourPage = appEntryUrl;
const policy = createUrlPolicy({ entryUrl: appEntryUrl });

// ---------- the real locks, applied to a fake session and fake web contents ----------

type PermissionRequest = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details?: { requestingUrl?: string },
) => void;

interface LockedSession {
  beforeRequest: (details: { url: string; resourceType: string }, callback: (response: { cancel: boolean }) => void) => void;
  permissionRequest: PermissionRequest;
  permissionCheck: (...args: unknown[]) => boolean;
  devicePermission: (...args: unknown[]) => boolean;
}

class FakeContents extends EventEmitter {
  openHandler?: (details: { url: string; frameName?: string }) => {
    action: string;
    overrideBrowserWindowOptions?: BrowserWindowConstructorOptions;
  };
  setWindowOpenHandler(handler: NonNullable<FakeContents['openHandler']>) {
    this.openHandler = handler;
  }
}

/** main.ts's installNetworkLock on a fake default session; every web contents created later gets locked. */
function lockedApp() {
  const handlers: Partial<LockedSession> = {};
  const session = {
    webRequest: { onBeforeRequest: (listener: LockedSession['beforeRequest']) => (handlers.beforeRequest = listener) },
    setPermissionRequestHandler: (handler: PermissionRequest) => (handlers.permissionRequest = handler),
    setPermissionCheckHandler: (handler: LockedSession['permissionCheck']) => (handlers.permissionCheck = handler),
    setDevicePermissionHandler: (handler: LockedSession['devicePermission']) => (handlers.devicePermission = handler),
    setSpellCheckerEnabled: () => {},
  };
  const app = new EventEmitter();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  installNetworkLock(app as unknown as App, session as unknown as Session, policy);
  const contents = new FakeContents();
  app.emit('web-contents-created', {}, contents);
  return { session: handlers as LockedSession, contents };
}

function isCancelled(session: LockedSession, url: string): boolean {
  let cancel: boolean | undefined;
  session.beforeRequest({ url, resourceType: 'mainFrame' }, (response) => (cancel = response.cancel));
  return cancel!;
}

function isNavigationBlocked(contents: FakeContents, event: string, url: string): boolean {
  const navigation = { url, preventDefault: vi.fn() };
  contents.emit(event, navigation);
  return navigation.preventDefault.mock.calls.length > 0;
}

// ---------- every window the app can open, with the preferences it really gets ----------

function mainWindowPreferences(): WebPreferences {
  electron.windows.length = 0;
  createMainWindow({ preloadFile: '/app/out/preload/preload.cjs', title: 'Chokepoint', development: false });
  return electron.windows[0]!.options.webPreferences!;
}

function presenterPreferences(): WebPreferences {
  const { contents } = lockedApp();
  const answer = contents.openHandler!({ url: `${ourPage}#presenter`, frameName: presenterWindowName });
  expect(answer.action).toBe('allow');
  return answer.overrideBrowserWindowOptions!.webPreferences!;
}

async function printWindow() {
  electron.windows.length = 0;
  await printReportPdf('<!doctype html><title>Overview</title><p>Report</p>', 'A4');
  return electron.windows[0]!;
}

async function everyWindow(): Promise<[string, WebPreferences][]> {
  return [
    ['main window', mainWindowPreferences()],
    ['presenter view', presenterPreferences()],
    ['PDF print window', (await printWindow()).options.webPreferences!],
  ];
}

// ---------- the sources, for what only a scan can show (a call that must never exist) ----------

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|mjs|js|cjs|html)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** The code of a file without its comments (which may name what the code must not do). */
function code(file: string): string {
  return readFileSync(join(root, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(^|\s)\/\/.*$/gm, '$1');
}

const appSources = [...sourceFiles('electron'), ...sourceFiles('renderer')];
const everySource = [...appSources, ...sourceFiles('db')];

function filesMatching(files: string[], pattern: RegExp): string[] {
  return files.filter((file) => pattern.test(code(file)));
}

const mainProcess = code('electron/main.ts');

// ---------- the CSP as the protocol sends it ----------

async function servedPolicy(): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), 'chokepoint-checklist-'));
  writeFileSync(join(folder, 'index.html'), '<!doctype html><title>Chokepoint</title>');
  const response = await createRendererHandler(folder)(new Request(appEntryUrl));
  expect(response.status).toBe(200);
  return response.headers.get('content-security-policy') ?? '';
}

function directives(policyText: string): Map<string, string[]> {
  return new Map(
    policyText
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

// ---------- the IPC channels main listens on ----------

function boundHandlers() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>>();
  const ipcMain = {
    handle: (channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>) => {
      handlers.set(channel, listener);
    },
    removeHandler: () => {},
  };
  const ourWindow = { mainFrame: undefined } as unknown as WebContents;
  const isOurWindow = (contents: WebContents) => contents === ourWindow;
  const backend = {
    runOperation: vi.fn(() => Promise.resolve({ ok: true as const, value: [] })),
    chooseTarget: vi.fn(() => Promise.resolve(undefined)),
    chooseFile: vi.fn(() => Promise.resolve(undefined)),
    importFile: vi.fn(() => Promise.resolve({ ok: true as const, value: null })),
    cancelImport: vi.fn(() => Promise.resolve({ ok: true as const, value: null })),
    printPdf: vi.fn(() => Promise.resolve(new Uint8Array())),
  };
  const trust = { ipcMain, isTrustedPage: policy.isTrustedPage, isOurWindow };
  // The same four binders, with the same trust functions, that main.ts registers.
  bindChartExport({ ...trust, chooseTarget: backend.chooseTarget });
  bindReportExport({
    ...trust,
    runOperation: backend.runOperation,
    printPdf: backend.printPdf,
    chooseTarget: backend.chooseTarget,
  });
  bindFileImport({
    ...trust,
    chooseFile: backend.chooseFile,
    importFile: backend.importFile,
    cancelImport: backend.cancelImport,
  });
  bindOperations({ ...trust, runOperation: backend.runOperation });

  const frame = (url: string, parent: unknown = null) => ({ url, parent }) as unknown as Electron.WebFrameMain;
  const eventFrom = (sender: WebContents, url: string, subframe = false): IpcMainInvokeEvent => {
    const mainFrame = frame(url);
    (sender as { mainFrame: unknown }).mainFrame = mainFrame;
    return { sender, senderFrame: subframe ? frame(url, mainFrame) : mainFrame } as unknown as IpcMainInvokeEvent;
  };
  return { handlers, backend, ourWindow, eventFrom };
}

const pageToMainChannels = Object.values(channels).filter((channel) => channel !== channels.importProgressChannel);

// ---------- packaging ----------

const requireFromRoot = createRequire(join(root, 'package.json'));
const yaml = requireFromRoot('js-yaml') as { load(text: string): unknown };
const builderConfig = yaml.load(readFileSync(join(root, '.ci', 'electron-builder.yml'), 'utf8')) as {
  asar?: unknown;
  electronFuses?: Record<string, unknown>;
};

describe("Electron's security checklist", () => {
  it('1. Only load secure content: the renderer comes from app://chokepoint, a secure scheme, and nothing else loads', () => {
    expect(policy.entryUrl).toBe('app://chokepoint/index.html');
    expect(mainProcess).toMatch(/\.loadURL\(policy\.entryUrl\)/);
    electron.privilegedSchemes.length = 0;
    registerAppScheme();
    expect(electron.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ secure: true }) as unknown },
    ]);
    const { session } = lockedApp();
    for (const url of [
      'http://example.com/app.js',
      'https://cdn.example.com/react.js',
      'ws://example.com/',
      'ftp://example.com/x',
    ])
      expect(isCancelled(session, url), url).toBe(true);
    expect(isCancelled(session, 'app://chokepoint/assets/index.js')).toBe(false);
    // No page, style sheet or script of ours names a remote resource (the SVG namespace is not a load).
    const remote = /\b(src|href)\s*=\s*["']?https?:|url\(\s*["']?https?:|@import\s+["']?https?:/;
    expect(filesMatching(sourceFiles('renderer'), remote)).toEqual([]);
  });

  it('2. Do not enable Node.js integration: off in every window, its workers and its frames', async () => {
    for (const [name, preferences] of await everyWindow()) {
      expect(preferences.nodeIntegration, name).toBe(false);
      expect(preferences.nodeIntegrationInWorker, name).toBe(false);
      expect(preferences.nodeIntegrationInSubFrames, name).toBe(false);
    }
    expect(filesMatching(appSources, /nodeIntegration\w*\s*:\s*true/)).toEqual([]);
  });

  it('3. Enable context isolation: on in every window', async () => {
    for (const [name, preferences] of await everyWindow()) expect(preferences.contextIsolation, name).toBe(true);
    expect(filesMatching(appSources, /contextIsolation\s*:\s*false/)).toEqual([]);
  });

  it('4. Enable process sandboxing: every window sandboxed, and sandboxing forced app-wide before start-up', async () => {
    for (const [name, preferences] of await everyWindow()) expect(preferences.sandbox, name).toBe(true);
    expect(filesMatching(appSources, /sandbox\s*:\s*false|no-sandbox/)).toEqual([]);
    // app.enableSandbox() must run before the app is ready, i.e. before start() awaits whenReady().
    const enable = mainProcess.indexOf('app.enableSandbox()');
    expect(enable).toBeGreaterThan(-1);
    expect(enable).toBeLessThan(mainProcess.indexOf('app.whenReady()'));
  });

  it('5. Handle session permission requests: every permission refused, but full screen for our own page', () => {
    const { session } = lockedApp();
    const ours = { getURL: () => ourPage };
    const asked = (permission: string, contents = ours, requestingUrl = contents.getURL()) => {
      let granted: boolean | undefined;
      session.permissionRequest(contents, permission, (answer) => (granted = answer), { requestingUrl });
      return granted;
    };
    for (const permission of [
      'media',
      'display-capture',
      'geolocation',
      'notifications',
      'midi',
      'midiSysex',
      'pointerLock',
      'keyboardLock',
      'openExternal',
      'clipboard-read',
      'clipboard-sanitized-write',
      'idle-detection',
      'storage-access',
      'window-management',
      'fileSystem',
      'unknown',
    ]) {
      expect(asked(permission), permission).toBe(false);
      expect(session.permissionCheck(null, permission, 'app://chokepoint', {}), permission).toBe(false);
    }
    expect(asked('fullscreen')).toBe(true);
    expect(asked('fullscreen', { getURL: () => 'https://example.com/' })).toBe(false);
    expect(session.devicePermission({ deviceType: 'usb', origin: 'app://chokepoint' })).toBe(false);
  });

  it('5. (print session) the hidden PDF window refuses every permission too', async () => {
    await printWindow();
    let granted: boolean | undefined;
    electron.printSession!.permissionRequest!({}, 'media', (answer) => (granted = answer));
    expect(granted).toBe(false);
  });

  it('6. Do not disable webSecurity: on in every window', async () => {
    for (const [name, preferences] of await everyWindow()) expect(preferences.webSecurity, name).toBe(true);
    expect(filesMatching(appSources, /webSecurity\s*:\s*false|disablewebsecurity|disable-web-security/i)).toEqual([]);
  });

  it("7. Define a Content Security Policy: script-src 'self', nothing inline, nothing remote, sent on every page", async () => {
    const served = await servedPolicy();
    expect(served).toBe(contentSecurityPolicy);
    const policyOf = directives(served);
    expect(policyOf.get('default-src')).toEqual(["'none'"]);
    expect(policyOf.get('script-src')).toEqual(["'self'"]);
    for (const directive of ['object-src', 'base-uri', 'form-action', 'frame-ancestors'])
      expect(policyOf.get(directive), directive).toEqual(["'none'"]);
    for (const [directive, sources] of policyOf)
      for (const source of sources) expect(source, directive).toMatch(/^('self'|'none'|data:)$/);
    // The page repeats it in a meta tag (for however it is opened); browsers ignore frame-ancestors there.
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(
      readFileSync(join(root, 'renderer', 'index.html'), 'utf8'),
    );
    const headerWithoutFrameAncestors = [...policyOf].filter(([name]) => name !== 'frame-ancestors');
    expect([...directives(meta?.[1] ?? '')]).toEqual(headerWithoutFrameAncestors);
  });

  it('8. Do not enable allowRunningInsecureContent: off in every window', async () => {
    for (const [name, preferences] of await everyWindow()) expect(preferences.allowRunningInsecureContent, name).toBe(false);
    expect(filesMatching(appSources, /allowRunningInsecureContent\s*:\s*true|allow-running-insecure-content/)).toEqual([]);
  });

  it('9. Do not enable experimental features: off in every window and on the command line', async () => {
    for (const [name, preferences] of await everyWindow()) expect(preferences.experimentalFeatures, name).toBe(false);
    const switches: string[] = [];
    quietChromium({ commandLine: { appendSwitch: (name: string) => switches.push(name) } } as unknown as App);
    expect(switches).not.toContain('enable-experimental-web-platform-features');
    expect(filesMatching(appSources, /experimentalFeatures\s*:\s*true|enable-experimental-web-platform-features/)).toEqual([]);
  });

  it('10. Do not use enableBlinkFeatures: no window, switch or page turns Blink features on', async () => {
    for (const [name, preferences] of await everyWindow()) expect(preferences, name).not.toHaveProperty('enableBlinkFeatures');
    const switches: string[] = [];
    quietChromium({ commandLine: { appendSwitch: (name: string) => switches.push(name) } } as unknown as App);
    expect(switches).not.toContain('enable-blink-features');
    expect(filesMatching(appSources, /enableBlinkFeatures|blinkfeatures\s*=|enable-blink-features/i)).toEqual([]);
  });

  it('11. <webview>: Do not use allowpopups; there are no webviews at all', async () => {
    for (const [name, preferences] of await everyWindow()) expect(preferences.webviewTag, name).toBe(false);
    expect(filesMatching(appSources, /<webview|allowpopups|createElement\(\s*['"]webview/i)).toEqual([]);
  });

  it('12. <webview>: Verify options before creation; every webview is refused before it attaches', () => {
    const { contents } = lockedApp();
    for (const preferences of [{ nodeIntegration: true }, {}]) {
      const attach = { preventDefault: vi.fn() };
      contents.emit('will-attach-webview', attach, preferences, { src: ourPage });
      expect(attach.preventDefault).toHaveBeenCalled();
    }
  });

  it('13. Disable or limit navigation: only our own pages, and no navigation by dropping a file', async () => {
    const { contents } = lockedApp();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of [
        'https://example.com/phish',
        'http://localhost:5173/',
        'file:///etc/passwd',
        'app://other/index.html',
        'app://chokepoint.example.com/index.html',
        'javascript:alert(1)',
        'data:text/html,<h1>x</h1>',
      ])
        expect(isNavigationBlocked(contents, event, url), `${event} ${url}`).toBe(true);
      expect(isNavigationBlocked(contents, event, `${ourPage}#/claims`), event).toBe(false);
    }
    for (const [name, preferences] of await everyWindow()) expect(preferences.navigateOnDragDrop, name).toBe(false);
  });

  it('14. Disable or limit creation of new windows: denied but the presenter view of our own page', async () => {
    const { contents } = lockedApp();
    for (const details of [
      { url: 'https://example.com/' },
      { url: ourPage },
      { url: `${ourPage}#presenter` },
      { url: 'https://example.com/#presenter', frameName: presenterWindowName },
      { url: 'file:///tmp/x.html#presenter', frameName: presenterWindowName },
    ])
      expect(contents.openHandler!(details), details.url).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: `${ourPage}#presenter`, frameName: presenterWindowName }).action).toBe('allow');
    // Middle-click (Auxclick) would open links in new windows without window.open.
    for (const [name, preferences] of await everyWindow()) expect(preferences.disableBlinkFeatures, name).toBe('Auxclick');
  });

  it('15. Do not use shell.openExternal with untrusted content: it is never called, and pages may not ask for it', () => {
    expect(filesMatching(everySource, /\bopenExternal\s*\(|\bopenPath\s*\(|\bshowItemInFolder\s*\(/)).toEqual([]);
    expect(filesMatching(everySource, /import\s*\{[^}]*\bshell\b[^}]*\}\s*from\s*['"]electron['"]|\.shell\b/)).toEqual([]);
    const { session } = lockedApp();
    let granted: boolean | undefined;
    session.permissionRequest({ getURL: () => ourPage }, 'openExternal', (answer) => (granted = answer), {
      requestingUrl: ourPage,
    });
    expect(granted).toBe(false);
  });

  it('16. Use a current version of Electron: a major that still gets security fixes', () => {
    const installed = (requireFromRoot('electron/package.json') as { version: string }).version;
    const declared = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> })
      .devDependencies.electron!;
    const supported = `supported majors ${supportedElectron.majors.join(', ')} (checked ${supportedElectron.checkedOn}, electron/supported-electron.ts)`;
    expect(supportedElectron.majors, `package.json pins electron ${declared}; ${supported}`).toContain(electronMajor(declared));
    expect(supportedElectron.majors, `node_modules has electron ${installed}; ${supported}`).toContain(electronMajor(installed));
    expect(electronMajor(installed), 'node_modules/electron does not match package.json: run npm ci').toBe(
      electronMajor(declared),
    );
  });

  it('16. (the list) names the three newest majors Electron supports, so an end-of-life line cannot sit on it', () => {
    // Checked against the release timeline on the recorded date; no date arithmetic here, so CI stays
    // reproducible. When a new major ships, the list moves on by one and the oldest leaves.
    const majors = [...supportedElectron.majors].sort((a, b) => b - a);
    expect(majors).toHaveLength(3);
    expect(majors[0]! - majors[2]!).toBe(2);
    expect(electronMajor('41.10.0')).toBe(41);
    expect(supportedElectron.majors).not.toContain(41);
  });

  it('17. Validate the sender of all IPC messages: every channel refuses frames, windows and pages not ours', async () => {
    const { handlers, backend, ourWindow, eventFrom } = boundHandlers();
    expect([...handlers.keys()].sort()).toEqual([...pageToMainChannels].sort());
    const strangers: [string, () => IpcMainInvokeEvent][] = [
      ['a remote page in our window', () => eventFrom(ourWindow, 'https://evil.example/')],
      ['another host of app:', () => eventFrom(ourWindow, 'app://other/index.html')],
      ['an iframe showing our page', () => eventFrom(ourWindow, ourPage, true)],
      ['another window showing our page', () => eventFrom({} as WebContents, ourPage)],
      ['an event without a frame', () => ({ sender: ourWindow, senderFrame: null }) as unknown as IpcMainInvokeEvent],
    ];
    for (const [channel, handler] of handlers) {
      for (const [who, event] of strangers) {
        const answer = await handler(event(), 'listSources', {});
        expect(answer, `${channel} from ${who}`).toMatchObject({ ok: false, error: { field: 'sender' } });
      }
      // Our own page gets past the check (the refusals above are the check, not a broken fake).
      const ours = (await handler(eventFrom(ourWindow, ourPage), 'listSources', {})) as { error?: { field?: string } };
      expect(ours.error?.field, channel).not.toBe('sender');
    }
    for (const call of Object.values(backend)) call.mockClear();
    for (const [, handler] of handlers) await handler(eventFrom(ourWindow, 'https://evil.example/'), 'listSources', {});
    for (const [name, call] of Object.entries(backend)) expect(call, name).not.toHaveBeenCalled();
    // Every IPC listener in main is one of those binders' handlers, each behind isTrustedSender.
    for (const file of sourceFiles('electron')) {
      const text = code(file);
      const listeners = text.match(/ipcMain\.(handle|handleOnce|on|once|addListener)\(/g)?.length ?? 0;
      const checks = text.match(/(?<!function )isTrustedSender\(/g)?.length ?? 0;
      expect(checks, `${file}: ${listeners} IPC listeners, ${checks} sender checks`).toBeGreaterThanOrEqual(listeners);
    }
  });

  it('18. Avoid file://, prefer a custom protocol: pages come from app://, file:// gets no extra privileges', async () => {
    electron.privilegedSchemes.length = 0;
    registerAppScheme();
    expect(electron.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) as unknown },
    ]);
    expect(filesMatching(appSources, /\.loadFile\(/)).toEqual([]);
    const { session, contents } = lockedApp();
    expect(isCancelled(session, 'file:///etc/passwd')).toBe(true);
    expect(isNavigationBlocked(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(builderConfig.electronFuses?.grantFileProtocolExtraPrivileges).toBe(false);
    // The one reviewed file:// use: printing a report to PDF. Its window runs no script, in a session of
    // its own that lets through the report file and nothing else, so the file cannot reach anything.
    expect(filesMatching(appSources, /file:\/\/|pathToFileURL/)).toEqual(['electron/print-pdf.ts']);
    const print = await printWindow();
    expect(print.options.webPreferences?.javascript).toBe(false);
    const reportUrl = print.loaded[0]!;
    expect(reportUrl).toMatch(/^file:\/\/.*report\.html$/);
    const cancelled = (url: string) => {
      let cancel: boolean | undefined;
      electron.printSession!.beforeRequest!({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(cancelled(reportUrl)).toBe(false);
    for (const url of ['file:///etc/passwd', `${reportUrl}/../secret.txt`, 'https://example.com/x.png', ourPage])
      expect(cancelled(url), url).toBe(true);
  });

  it('19. Check which fuses you can change: every fuse set, each to its safe value, none unknown to the packager', () => {
    expect(builderConfig.asar).toBe(true);
    const fuses = builderConfig.electronFuses ?? {};
    expect(fuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    // electron-builder passes on only the keys it knows; a misspelt one would be silently lost.
    const builderRequire = createRequire(requireFromRoot.resolve('app-builder-lib/package.json'));
    const schema = builderRequire('./scheme.json') as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    for (const key of Object.keys(fuses)) expect(known, key).toContain(key);
    // …and every fuse of the fuse wire it flips (@electron/fuses) has a decision here.
    const { FuseV1Options } = builderRequire('@electron/fuses') as { FuseV1Options: Record<string, string | number> };
    const wire = Object.keys(FuseV1Options).filter((name) => Number.isNaN(Number(name)));
    expect(wire.length).toBeGreaterThanOrEqual(8);
    for (const name of wire) expect(Object.keys(fuses), name).toContain(name[0]!.toLowerCase() + name.slice(1));
  });

  it('20. Do not expose Electron APIs to untrusted web content: window.chokepoint holds only fixed-channel functions', async () => {
    expect(electron.exposed.map(([key]) => key)).toEqual(['chokepoint']);
    const bridge = electron.exposed[0]![1] as Record<string, unknown>;
    expect(Object.isFrozen(bridge)).toBe(true);
    for (const [name, value] of Object.entries(bridge)) expect(typeof value, name).toBe('function');
    for (const name of ['invoke', 'send', 'sendSync', 'on', 'ipcRenderer', 'require', 'process', 'shell', 'webFrame'])
      expect(bridge, name).not.toHaveProperty(name);
    // Whatever a page passes, each function talks on its own fixed channel: the page never names one.
    electron.invoked.length = 0;
    for (const call of Object.values(bridge) as ((...args: unknown[]) => Promise<unknown>)[])
      await call('chokepoint:evil-channel', { channel: 'chokepoint:evil-channel' }).catch(() => {});
    expect(electron.invoked.length).toBeGreaterThanOrEqual(Object.keys(bridge).length);
    for (const [channel] of electron.invoked) expect(pageToMainChannels).toContain(channel);
    expect(code('electron/preload.ts').match(/exposeInMainWorld\(/g)).toHaveLength(1);
  });
});
