import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { ImportProgress } from '../../db/import/csv-import-job';
import { createDatabaseClient, type DatabaseChild } from '../../electron/database-client';
import type { DatabaseRequestMessage } from '../../electron/database-messages';
import { bindFileImport } from '../../electron/ipc';
import { cancelImportChannel, chooseImportChannel, importFileChannel, importProgressChannel } from '../../electron/ipc-channel';

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

const progress = (rowsRead: number): ImportProgress => ({
  phase: 'reading',
  rowsRead,
  rowsValidated: rowsRead,
  rowsWritten: rowsRead,
  problems: 0,
  fraction: rowsRead / 100,
});

describe('a file import through the database client', () => {
  it('has no timeout, passes progress on in order, and a cancel goes out while it runs', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const children: FakeChild[] = [];
    const client = createDatabaseClient({
      fork: () => {
        const child = new FakeChild();
        children.push(child);
        return child;
      },
      nativeBinding: '/x.node',
      operationTimeoutMs: 1000,
    });
    const seen: number[] = [];
    const running = client.importFile('/data/big.csv', { recipeName: 'r' }, (p) => seen.push(p.rowsRead), 'big.csv');
    await vi.advanceTimersByTimeAsync(0);
    const child = children[0]!;
    const [request] = child.requests();
    expect(request!.request).toEqual({
      kind: 'importFile',
      file: '/data/big.csv',
      input: { recipeName: 'r' },
      fileName: 'big.csv',
    });
    child.emit('message', { id: request!.id, progress: progress(10) });
    child.emit('message', { id: request!.id, progress: progress(60) });
    // Far past the operation timeout: an import reports progress instead of timing out.
    await vi.advanceTimersByTimeAsync(60_000);
    const cancel = client.cancelImport();
    await vi.advanceTimersByTimeAsync(0);
    const cancelRequest = child.requests()[1]!;
    expect(cancelRequest.request).toEqual({ kind: 'cancelImport' });
    child.emit('message', { id: cancelRequest.id, result: { ok: true, value: null } });
    child.emit('message', { id: request!.id, result: { ok: true, value: { cancelled: true, imported: 0 } } });
    await expect(cancel).resolves.toEqual({ ok: true, value: null });
    await expect(running).resolves.toEqual({ ok: true, value: { cancelled: true, imported: 0 } });
    expect(seen).toEqual([10, 60]);
    vi.useRealTimers();
  });
});

describe('the file import IPC', () => {
  function bind(options: { trusted?: boolean; chosen?: string } = {}) {
    const handlers = new Map<string, (...args: unknown[]) => Promise<unknown>>();
    const ipcMain = {
      handle: (channel: string, handler: (...args: unknown[]) => Promise<unknown>) => handlers.set(channel, handler),
      removeHandler: (channel: string) => handlers.delete(channel),
    };
    const importFile = vi.fn((_file: string, _input: unknown, onProgress: (p: ImportProgress) => void) => {
      onProgress(progress(5));
      return Promise.resolve({ ok: true as const, value: { imported: 5 } });
    });
    const cancelImport = vi.fn(() => Promise.resolve({ ok: true as const, value: null }));
    bindFileImport({
      ipcMain: ipcMain as never,
      isTrustedPage: () => options.trusted !== false,
      isOurWindow: () => true,
      chooseFile: () => Promise.resolve(options.chosen),
      importFile,
      cancelImport,
    });
    const sent: unknown[][] = [];
    const frame = { parent: null, url: 'app://chokepoint/index.html' };
    const event = {
      senderFrame: frame,
      sender: { mainFrame: frame, isDestroyed: () => false, send: (...args: unknown[]) => sent.push(args) },
    };
    return { handlers, event, importFile, cancelImport, sent };
  }

  it('gives the page a token, never the path, and imports only a file main chose', async () => {
    const { handlers, event, importFile, sent } = bind({ chosen: new URL(import.meta.url).pathname });
    const chosen = (await handlers.get(chooseImportChannel)!(event)) as { ok: true; value: { token: string; name: string } };
    expect(chosen.ok).toBe(true);
    expect(chosen.value.name).toBe('import-file.test.ts');
    expect(JSON.stringify(chosen.value)).not.toContain('/test/electron/');
    expect(await handlers.get(importFileChannel)!(event, { token: 'made-up', recipeName: 'r' })).toMatchObject({ ok: false });
    expect(importFile).not.toHaveBeenCalled();
    expect(await handlers.get(importFileChannel)!(event, { token: chosen.value.token, recipeName: 'r' })).toEqual({
      ok: true,
      value: { imported: 5 },
    });
    expect(importFile.mock.calls[0]![0]).toBe(new URL(import.meta.url).pathname);
    expect(sent).toEqual([[importProgressChannel, progress(5)]]);
    expect(await handlers.get(cancelImportChannel)!(event)).toEqual({ ok: true, value: null });
  });

  it('refuses a page that is not ours', async () => {
    const { handlers, event } = bind({ trusted: false, chosen: '/etc/passwd' });
    expect(await handlers.get(chooseImportChannel)!(event)).toMatchObject({ ok: false, error: { field: 'sender' } });
  });
});
