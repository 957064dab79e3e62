import { beforeEach, describe, expect, it, vi } from 'vitest';
import { operationNames } from '../../db/operation-names';
import { operationChannel } from '../../electron/ipc-channel';

const exposeInMainWorld = vi.fn();
const invoke = vi.fn();
vi.mock('electron', () => ({ contextBridge: { exposeInMainWorld }, ipcRenderer: { invoke } }));

await import('../../electron/preload');
const exposed = exposeInMainWorld.mock.calls;
const bridge = exposed[0]?.[1] as Record<string, (input?: unknown) => Promise<unknown>>;

describe('the preload bridge', () => {
  beforeEach(() => invoke.mockReset());

  it('exposes exactly window.chokepoint: one function per operation, the chart save, and nothing else', () => {
    expect(exposed).toHaveLength(1);
    expect(exposed[0]![0]).toBe('chokepoint');
    expect(Object.keys(bridge).sort()).toEqual(
      [...operationNames, 'saveExport', 'exportReport', 'chooseImportFile', 'importFile', 'cancelImport'].sort(),
    );
    for (const name of operationNames) expect(typeof bridge[name]).toBe('function');
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('ipcRenderer');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('calls the one operation channel and unwraps the value', async () => {
    invoke.mockResolvedValueOnce({ ok: true, value: [{ id: 1 }] });
    await expect(bridge.listClaims!({ limit: 5 })).resolves.toEqual([{ id: 1 }]);
    expect(invoke).toHaveBeenCalledWith(operationChannel, 'listClaims', { limit: 5 });
  });

  it('throws an Error with the message of a failed operation', async () => {
    invoke.mockResolvedValueOnce({ ok: false, error: { message: 'listClaims: limit: Too big', field: 'limit' } });
    await expect(bridge.listClaims!({ limit: 5000 })).rejects.toThrow('listClaims: limit: Too big');
  });
});
