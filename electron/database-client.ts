import type { ExportFormat } from '../db/export/export-workspace';
import type { OperationName, OperationResult } from '../db/operation-names';
import type { ImportProgress } from '../db/import/csv-import-job';
import type {
  DatabaseProgressMessage,
  DatabaseReplyMessage,
  DatabaseRequest,
  DatabaseStatusMessage,
  OpenWorkspaceInfo,
} from './database-messages';

/** The part of Electron's UtilityProcess the client uses; a fake stands in for it in tests. */
export interface DatabaseChild {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface DatabaseClientOptions {
  /** Starts the utility process (utilityProcess.fork in the app). */
  fork(): DatabaseChild;
  nativeBinding: string;
  /** The Electron build of better-sqlite3-multiple-ciphers (encrypted workspaces). */
  encryptedNativeBinding?: string;
  /** How long an operation may take before the caller is told; opening a big workspace takes longer. */
  operationTimeoutMs?: number;
  openTimeoutMs?: number;
  /** Called when the process died and was restarted, with a sentence for the user. */
  onRestart?(message: string): void;
}

interface Pending {
  resolve(result: OperationResult): void;
  timer: NodeJS.Timeout | undefined;
  onProgress?(progress: ImportProgress): void;
}

const maxRestartsPerMinute = 3;

/** Backups copy, and a restore checks in full, the whole workspace: on a large one that takes as long as opening it. */
const copiesWholeWorkspace: ReadonlySet<OperationName> = new Set<OperationName>(['listBackups', 'backUpNow', 'restoreBackup']);
/** Unlocking an encrypted workspace opens it (key derivation, integrity check): the open timeout applies. */
const opensWorkspace = (name: OperationName) => copiesWholeWorkspace.has(name) || name === 'unlockWorkspace';

/**
 * Main's handle on the database process: promise-returning requests matched by id, each with a
 * timeout. If the process dies, every waiting request gets a clear error, the process is restarted
 * and the workspace that was open is opened again, so the analyst can simply retry.
 */
export function createDatabaseClient(options: DatabaseClientOptions) {
  const operationTimeoutMs = options.operationTimeoutMs ?? 30_000;
  const openTimeoutMs = options.openTimeoutMs ?? 180_000;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let child: DatabaseChild | undefined;
  let ready: Promise<OperationResult> | undefined;
  let openFile: string | undefined;
  let stopping = false;
  let restarts: number[] = [];

  function settle(id: number, result: OperationResult): void {
    const waiting = pending.get(id);
    if (!waiting) return;
    if (waiting.timer) clearTimeout(waiting.timer);
    pending.delete(id);
    waiting.resolve(result);
  }

  function failAll(message: string): void {
    for (const id of [...pending.keys()]) settle(id, { ok: false, error: { message } });
  }

  function start(): Promise<OperationResult> {
    const process = options.fork();
    child = process;
    let markReady!: (result: OperationResult) => void;
    const started = new Promise<OperationResult>((resolve) => (markReady = resolve));
    process.on('message', (message) => {
      const status = message as DatabaseStatusMessage;
      if ('status' in status) {
        markReady(
          status.status === 'ready'
            ? { ok: true, value: null }
            : { ok: false, error: { message: `The database could not start: ${status.message}` } },
        );
        return;
      }
      if ('progress' in (message as object)) {
        const { id, progress } = message as DatabaseProgressMessage;
        pending.get(id)?.onProgress?.(progress);
        return;
      }
      const reply = message as DatabaseReplyMessage;
      settle(reply.id, reply.result);
    });
    process.on('exit', (code) => {
      if (child !== process) return;
      child = undefined;
      markReady({ ok: false, error: { message: `The database process stopped before it was ready (exit code ${code}).` } });
      if (stopping) return;
      const now = Date.now();
      restarts = [...restarts.filter((at) => now - at < 60_000), now];
      const restarting = restarts.length <= maxRestartsPerMinute;
      const message = `The database process stopped unexpectedly (exit code ${code}); ${
        restarting
          ? 'it has been restarted. Try again.'
          : 'it keeps stopping, so it was not restarted. Quit and reopen Chokepoint.'
      }`;
      failAll(message);
      if (!restarting) return;
      ready = start();
      const reopen = openFile;
      if (reopen) void request({ kind: 'open', file: reopen }, openTimeoutMs);
      options.onRestart?.(message);
    });
    process.postMessage({
      nativeBinding: options.nativeBinding,
      ...(options.encryptedNativeBinding ? { encryptedNativeBinding: options.encryptedNativeBinding } : {}),
    });
    return started;
  }

  /** timeoutMs 0: no timeout (a long import reports progress instead, and can be cancelled). */
  async function request(
    message: DatabaseRequest,
    timeoutMs: number,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<OperationResult> {
    if (!ready) ready = start();
    const started = await ready;
    if (!started.ok) return started;
    const target = child;
    if (!target) return { ok: false, error: { message: 'The database process is not running. Quit and reopen Chokepoint.' } };
    const id = nextId++;
    return new Promise<OperationResult>((resolve) => {
      const timer =
        timeoutMs > 0
          ? setTimeout(
              () =>
                settle(id, {
                  ok: false,
                  error: { message: `The database did not answer within ${Math.round(timeoutMs / 1000)} s (${message.kind}).` },
                }),
              timeoutMs,
            )
          : undefined;
      pending.set(id, { resolve, timer, ...(onProgress ? { onProgress } : {}) });
      target.postMessage({ id, request: message });
    });
  }

  async function openLike(message: DatabaseRequest): Promise<OperationResult<OpenWorkspaceInfo>> {
    const result = await request(message, openTimeoutMs);
    if (result.ok) openFile = (result.value as OpenWorkspaceInfo).file;
    return result as OperationResult<OpenWorkspaceInfo>;
  }

  return {
    open: (file: string, createWithStarter = false) => openLike({ kind: 'open', file, createWithStarter }),
    create: (file: string, starter: boolean) => openLike({ kind: 'create', file, starter }),
    runOperation: (name: OperationName, input: unknown) =>
      request({ kind: 'operation', name, input }, opensWorkspace(name) ? openTimeoutMs : operationTimeoutMs),
    saveCopy: (target: string) => request({ kind: 'saveCopy', target }, openTimeoutMs),
    exportTo: (format: ExportFormat, target: string) => request({ kind: 'export', format, target }, openTimeoutMs),
    /** Imports a file by path (main chose it); progress arrives as the process reports it. */
    importFile: (file: string, input: unknown, onProgress: (progress: ImportProgress) => void, fileName?: string) =>
      request({ kind: 'importFile', file, input, ...(fileName ? { fileName } : {}) }, 0, onProgress),
    cancelImport: () => request({ kind: 'cancelImport' }, operationTimeoutMs),
    current: async (): Promise<OperationResult<OpenWorkspaceInfo | null>> =>
      (await request({ kind: 'current' }, operationTimeoutMs)) as OperationResult<OpenWorkspaceInfo | null>,
    stop(): void {
      stopping = true;
      failAll('Chokepoint is closing.');
      child?.kill();
    },
  };
}

export type DatabaseClient = ReturnType<typeof createDatabaseClient>;
