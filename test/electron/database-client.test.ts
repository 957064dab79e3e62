import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDatabaseClient, type DatabaseChild } from '../../electron/database-client';
import type { DatabaseRequestMessage } from '../../electron/database-messages';

/** A stand-in for the utility process: records requests, answers when the test says so. */
class FakeChild extends EventEmitter implements DatabaseChild {
  sent: unknown[] = [];
  killed = false;
  postMessage(message: unknown): void {
    this.sent.push(message);
    if ((message as { nativeBinding?: string }).nativeBinding) queueMicrotask(() => this.emit('message', { status: 'ready' }));
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
  requests(): DatabaseRequestMessage[] {
    return this.sent.filter((message): message is DatabaseRequestMessage => 'request' in (message as object));
  }
  answer(id: number, value: unknown): void {
    this.emit('message', { id, result: { ok: true, value } });
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(options: { operationTimeoutMs?: number } = {}) {
  const children: FakeChild[] = [];
  const onRestart = vi.fn();
  const client = createDatabaseClient({
    fork: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    nativeBinding: '/cache/better_sqlite3.node',
    onRestart,
    ...options,
  });
  return { client, children, onRestart };
}

afterEach(() => vi.useRealTimers());

describe('the database client', () => {
  it('starts the process with the Electron binary, then matches replies to requests by id', async () => {
    const { client, children } = setup();
    const first = client.runOperation('listSources', {});
    const second = client.runOperation('getVocabulary', {});
    await tick();
    const child = children[0]!;
    expect(child.sent[0]).toEqual({ nativeBinding: '/cache/better_sqlite3.node' });
    const [a, b] = child.requests();
    child.answer(b!.id, 'vocabulary');
    child.answer(a!.id, ['source']);
    await expect(first).resolves.toEqual({ ok: true, value: ['source'] });
    await expect(second).resolves.toEqual({ ok: true, value: 'vocabulary' });
    expect(a!.request).toEqual({ kind: 'operation', name: 'listSources', input: {} });
  });

  it('gives up on a request that takes too long, with a clear message', async () => {
    const { client } = setup({ operationTimeoutMs: 20 });
    const result = await client.runOperation('listClaims', {});
    expect(result).toEqual({ ok: false, error: { message: expect.stringMatching(/did not answer within/) as unknown } });
  });

  it('reports a crash to waiting callers, restarts, and reopens the workspace that was open', async () => {
    const { client, children, onRestart } = setup();
    const opening = client.open('/w/rare-earths.sqlite');
    await tick();
    children[0]!.answer(children[0]!.requests()[0]!.id, { file: '/w/rare-earths.sqlite', name: 'Rare earths' });
    await opening;

    const waiting = client.runOperation('listClaims', {});
    await tick();
    children[0]!.emit('exit', 134);
    await expect(waiting).resolves.toEqual({
      ok: false,
      error: { message: expect.stringMatching(/stopped unexpectedly \(exit code 134\).*restarted/) as unknown },
    });
    expect(onRestart).toHaveBeenCalledOnce();

    await tick();
    const restarted = children[1]!;
    expect(restarted.sent[0]).toEqual({ nativeBinding: '/cache/better_sqlite3.node' });
    expect(restarted.requests()[0]!.request).toEqual({ kind: 'open', file: '/w/rare-earths.sqlite' });
  });

  it('stops restarting a process that keeps crashing', async () => {
    const { client, children } = setup();
    for (let crash = 0; crash < 5; crash++) {
      const waiting = client.runOperation('listSources', {});
      await tick();
      children.at(-1)!.emit('exit', 1);
      await waiting;
    }
    expect(children).toHaveLength(4);
    const after = await client.runOperation('listSources', {});
    expect(after).toMatchObject({ ok: false });
  });

  it('reports a process that cannot load SQLite', async () => {
    const client = createDatabaseClient({
      fork: () => {
        const child = new FakeChild();
        child.postMessage = () => queueMicrotask(() => child.emit('message', { status: 'failed', message: 'wrong ABI' }));
        return child;
      },
      nativeBinding: '/x.node',
    });
    expect(await client.runOperation('listSources', {})).toEqual({
      ok: false,
      error: { message: 'The database could not start: wrong ABI' },
    });
  });

  it('kills the process on quit without restarting it', async () => {
    const { client, children } = setup();
    await Promise.race([client.runOperation('listSources', {}), tick()]);
    await tick();
    client.stop();
    children[0]!.emit('exit', 0);
    expect(children[0]!.killed).toBe(true);
    expect(children).toHaveLength(1);
  });
});
