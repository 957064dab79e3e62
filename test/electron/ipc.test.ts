import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import type { OperationResult } from '../../db/operation-names';
import { bindOperations } from '../../electron/ipc';
import { operationChannel } from '../../electron/ipc-channel';
import { createUrlPolicy } from '../../electron/url-policy';

type Handler = (event: IpcMainInvokeEvent, name: unknown, input: unknown) => Promise<OperationResult>;

const policy = createUrlPolicy({ entryUrl: 'app://chokepoint/index.html' });

function setup() {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  let handler: Handler | undefined;
  const ipcMain = {
    handle: vi.fn((channel: string, listener: Handler) => channel === operationChannel && (handler = listener)),
    removeHandler: vi.fn(),
  };
  const runOperation = vi.fn((_name: string, input: unknown): Promise<OperationResult> =>
    Promise.resolve({
      ok: true,
      value: { echoed: input },
    }),
  );
  const ourWindow = {} as WebContents;
  const unbind = bindOperations({
    ipcMain,
    runOperation,
    isTrustedPage: policy.isTrustedPage,
    isOurWindow: (contents) => contents === ourWindow,
  });
  return {
    call: (event: IpcMainInvokeEvent, name: unknown, input?: unknown) => handler!(event, name, input),
    runOperation,
    ourWindow,
    unbind,
    ipcMain,
  };
}

/** An invoke event from a frame: the main frame of `sender` unless `subframe`. */
function eventFrom(sender: WebContents, url: string, options: { subframe?: boolean } = {}): IpcMainInvokeEvent {
  const mainFrame = { url, parent: null } as unknown as Electron.WebFrameMain;
  (sender as { mainFrame?: unknown }).mainFrame = mainFrame;
  const senderFrame = options.subframe ? ({ url, parent: mainFrame } as unknown as Electron.WebFrameMain) : mainFrame;
  return { sender, senderFrame } as unknown as IpcMainInvokeEvent;
}

describe('the operation IPC handler', () => {
  it('forwards a valid operation from our page, with defaults filled in by validation', async () => {
    const { call, runOperation, ourWindow } = setup();
    const result = await call(eventFrom(ourWindow, 'app://chokepoint/index.html'), 'listClaims', { limit: 20 });
    expect(runOperation).toHaveBeenCalledWith('listClaims', { offset: 0, limit: 20, sort: 'stage', direction: 'asc' });
    expect(result).toEqual({ ok: true, value: { echoed: { offset: 0, limit: 20, sort: 'stage', direction: 'asc' } } });
  });

  it('refuses a page of another origin', async () => {
    const { call, runOperation, ourWindow } = setup();
    for (const url of ['https://evil.example/', 'app://other/index.html', 'file:///tmp/x.html', 'http://localhost:5173/']) {
      const result = await call(eventFrom(ourWindow, url), 'listSources');
      expect(result, url).toMatchObject({ ok: false, error: { field: 'sender' } });
    }
    expect(runOperation).not.toHaveBeenCalled();
  });

  it('refuses a subframe, even one showing our own page', async () => {
    const { call, runOperation, ourWindow } = setup();
    const result = await call(eventFrom(ourWindow, 'app://chokepoint/index.html', { subframe: true }), 'listSources');
    expect(result).toMatchObject({ ok: false, error: { field: 'sender' } });
    expect(runOperation).not.toHaveBeenCalled();
  });

  it('refuses another window, and an event without a frame', async () => {
    const { call, runOperation } = setup();
    expect(await call(eventFrom({} as WebContents, 'app://chokepoint/index.html'), 'listSources')).toMatchObject({ ok: false });
    expect(await call({ sender: {}, senderFrame: null } as unknown as IpcMainInvokeEvent, 'listSources')).toMatchObject({
      ok: false,
    });
    expect(runOperation).not.toHaveBeenCalled();
  });

  it('refuses an unknown operation', async () => {
    const { call, runOperation, ourWindow } = setup();
    const result = await call(eventFrom(ourWindow, 'app://chokepoint/index.html'), 'dropAllTables', {});
    expect(result).toEqual({
      ok: false,
      error: { message: expect.stringMatching(/Unknown operation "dropAllTables"/) as unknown, field: 'operation' },
    });
    expect(runOperation).not.toHaveBeenCalled();
  });

  it('refuses wrong-typed input with a message naming the field', async () => {
    const { call, runOperation, ourWindow } = setup();
    const result = await call(eventFrom(ourWindow, 'app://chokepoint/index.html'), 'listClaims', { limit: 'all' });
    expect(result).toMatchObject({ ok: false, error: { field: 'limit', message: expect.stringContaining('limit') as unknown } });
    const tooMany = await call(eventFrom(ourWindow, 'app://chokepoint/index.html'), 'listClaims', { limit: 100_000 });
    expect(tooMany).toMatchObject({ ok: false, error: { field: 'limit' } });
    expect(runOperation).not.toHaveBeenCalled();
  });

  it('refuses an unknown key rather than ignoring it', async () => {
    const { call, runOperation, ourWindow } = setup();
    const result = await call(eventFrom(ourWindow, 'app://chokepoint/index.html'), 'listClaims', {
      limit: 5,
      sql: 'DROP TABLE claim',
    });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('sql') as unknown } });
    expect(runOperation).not.toHaveBeenCalled();
  });

  it('turns a failure of the database process into an error envelope', async () => {
    const { call, runOperation, ourWindow } = setup();
    runOperation.mockRejectedValueOnce(new Error('The database process stopped unexpectedly'));
    expect(await call(eventFrom(ourWindow, 'app://chokepoint/index.html'), 'listSources')).toEqual({
      ok: false,
      error: { message: 'The database process stopped unexpectedly' },
    });
  });

  it('accepts the dev server page only when the policy names it', () => {
    const dev = createUrlPolicy({ entryUrl: 'app://chokepoint/index.html', devServerUrl: 'http://localhost:5173/' });
    expect(dev.isTrustedPage('http://localhost:5173/')).toBe(true);
    expect(policy.isTrustedPage('http://localhost:5173/')).toBe(false);
  });

  it('can be unbound', () => {
    const { unbind, ipcMain } = setup();
    unbind();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(operationChannel);
  });
});
