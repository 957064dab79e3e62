import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { BrowserWindow, IpcMainInvokeEvent, WebContents } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OperationResult } from '../../db/operation-names';
import { createDatabaseClient, type DatabaseChild, type DatabaseClient } from '../../electron/database-client';
import type { DatabaseRequestMessage } from '../../electron/database-messages';
import { bindOperations } from '../../electron/ipc';
import { operationChannel } from '../../electron/ipc-channel';
import { createUrlPolicy } from '../../electron/url-policy';
import { createWorkspaceController } from '../../electron/workspace-controller';

/**
 * Main's part in unlocking an encrypted workspace: it passes the passphrase from the page to the
 * database process and keeps nothing. Not logged (not even for a refused sender or a refused input),
 * not remembered for the reopen after a crash: the workspace comes back locked.
 */
const passphrase = 'main must forget me 1234';

// workspace-controller.ts reaches Electron's dialog module; the real package would try to download
// its binary when it is missing here. The controller never shows a dialog in these tests.
vi.mock('electron', () => ({ dialog: {} }));

afterEach(() => vi.restoreAllMocks());

function captureLogs(): unknown[][] {
  const logged: unknown[][] = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args));
  }
  return logged;
}

const printed = (logged: unknown[][]) => JSON.stringify(logged.map((args) => args.map((arg) => inspect(arg, { depth: 8 }))));

describe('the IPC handler and unlockWorkspace', () => {
  it('forwards the passphrase to the database process only, and logs it nowhere', async () => {
    const logged = captureLogs();
    type Handler = (event: IpcMainInvokeEvent, name: unknown, input: unknown) => Promise<OperationResult>;
    let handler: Handler | undefined;
    const runOperation = vi.fn((): Promise<OperationResult> =>
      Promise.resolve({ ok: true, value: { file: '/w/x.sqlite', name: 'x' } }),
    );
    const ourWindow = {} as WebContents;
    const frameAt = (url: string) => {
      const frame = { url, parent: null } as unknown as Electron.WebFrameMain;
      (ourWindow as { mainFrame?: unknown }).mainFrame = frame;
      return { sender: ourWindow, senderFrame: frame } as unknown as IpcMainInvokeEvent;
    };
    bindOperations({
      ipcMain: {
        handle: vi.fn((channel: string, listener: Handler) => channel === operationChannel && (handler = listener)),
        removeHandler: vi.fn(),
      },
      runOperation,
      isTrustedPage: createUrlPolicy({ entryUrl: 'app://chokepoint/index.html' }).isTrustedPage,
      isOurWindow: (contents) => contents === ourWindow,
    });

    const ours = frameAt('app://chokepoint/index.html');
    expect(await handler!(ours, 'unlockWorkspace', { passphrase })).toMatchObject({ ok: true });
    expect(runOperation).toHaveBeenCalledWith('unlockWorkspace', { passphrase });
    const refusals = [
      await handler!(frameAt('https://evil.example/'), 'unlockWorkspace', { passphrase }),
      await handler!(ours, 'unlockWorkspace', { passphrase: `${passphrase}${'x'.repeat(1100)}` }),
      await handler!(ours, 'unlockWorkspace', { passphrase, remember: passphrase }),
      await handler!(ours, 'unlockWorkspace', { passphrase: [passphrase] }),
    ];
    for (const refusal of refusals) expect(refusal.ok).toBe(false);
    expect(runOperation).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(refusals)).not.toContain(passphrase);
    expect(printed(logged)).not.toContain(passphrase);
  });
});

class FakeChild extends EventEmitter implements DatabaseChild {
  sent: unknown[] = [];
  postMessage(message: unknown): void {
    this.sent.push(message);
    if ((message as { nativeBinding?: string }).nativeBinding) queueMicrotask(() => this.emit('message', { status: 'ready' }));
  }
  kill(): boolean {
    return true;
  }
  requests(): DatabaseRequestMessage[] {
    return this.sent.filter((message): message is DatabaseRequestMessage => 'request' in (message as object));
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the database client and a locked workspace', () => {
  it('lets unlocking take as long as opening, and reopens the workspace locked after a crash', async () => {
    captureLogs();
    const children: FakeChild[] = [];
    const client = createDatabaseClient({
      fork: () => {
        const child = new FakeChild();
        children.push(child);
        return child;
      },
      nativeBinding: '/cache/better_sqlite3.node',
      operationTimeoutMs: 20,
      openTimeoutMs: 60_000,
    });
    const opening = client.open('/w/secret.sqlite');
    await tick();
    const first = children[0]!;
    first.emit('message', {
      id: first.requests()[0]!.id,
      result: { ok: true, value: { file: '/w/secret.sqlite', name: 'secret' } },
    });
    await opening;

    // Key derivation and the integrity check take longer than an ordinary operation may.
    const unlocking = client.runOperation('unlockWorkspace', { passphrase });
    await new Promise((resolve) => setTimeout(resolve, 60));
    const unlockRequest = first.requests()[1]!;
    first.emit('message', { id: unlockRequest.id, result: { ok: true, value: { file: '/w/secret.sqlite', name: 'Secret' } } });
    await expect(unlocking).resolves.toMatchObject({ ok: true });

    first.emit('exit', 1);
    await tick();
    await tick();
    const reopen = children[1]!.requests();
    expect(reopen.map((message) => message.request)).toEqual([{ kind: 'open', file: '/w/secret.sqlite' }]);
    expect(JSON.stringify(children[1]!.sent)).not.toContain(passphrase);
    client.stop();
  });
});

describe('the workspace controller and an encrypted workspace', () => {
  it('opens it locked at start-up (no fallback to the starter), and names it properly once the page unlocked it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'chokepoint-unlock-controller-'));
    try {
      const file = join(folder, 'secret.sqlite');
      const opened: string[] = [];
      const database = {
        open: (path: string) => {
          opened.push(path);
          return Promise.resolve({ ok: true as const, value: { file: path, name: 'secret' } });
        },
      } as unknown as DatabaseClient;
      const setTitle = vi.fn();
      const controller = createWorkspaceController({
        database,
        window: () => ({ setTitle }) as unknown as BrowserWindow,
        recentListFile: join(folder, 'recent.json'),
        documentsFolder: folder,
        version: '0',
        electronVersion: '0',
        refreshMenu: () => {},
      });
      const starter = join(folder, 'Starter workspace.sqlite');
      expect(
        await controller.openAtStartup([
          { file, createWithStarter: false, explicit: false },
          { file: starter, createWithStarter: true, explicit: false },
        ]),
      ).toEqual({ file, name: 'secret' });
      expect(opened).toEqual([file]);
      expect(controller.recent()).toEqual([file]);

      controller.unlocked({ ok: false, error: { message: 'The passphrase is wrong for secret.sqlite.', field: 'passphrase' } });
      controller.unlocked({ ok: true, value: { file: join(folder, 'other.sqlite'), name: 'Other' } });
      expect(controller.current()).toEqual({ file, name: 'secret' });
      controller.unlocked({ ok: true, value: { file, name: 'Field notes' } });
      expect(controller.current()).toEqual({ file, name: 'Field notes' });
      expect(setTitle).toHaveBeenLastCalledWith('Field notes — Chokepoint');
      expect(readFileSync(join(folder, 'recent.json'), 'utf8')).not.toContain(passphrase);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
