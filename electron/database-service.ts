import { executeOperation, failureResult } from '../db/api';
import { UserError } from '../db/errors';
import type { OperationResult } from '../db/operation-names';
import { exportWorkspaceToFile } from '../db/export/export-file';
import { saveWorkspaceCopy } from '../db/workspace/copy';
import { createWorkspace } from '../db/workspace/create';
import { openWorkspace, type Workspace } from '../db/workspace/open';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportProgress } from '../db/import/csv-import-job';
import { createFileImportJob, runInTurns, type FileImportInput, type ImportJob } from '../db/import/file-import';
import { connectAgain, isEncryptedConnection } from '../db/workspace/sqlite';
import {
  answerWhileLocked,
  describeLocked,
  lockedError,
  opensLocked,
  type LockedWorkspace,
} from '../db/workspace/locked-workspace';
import { createBackupSchedule, type BackupScheduleOptions } from './backup-schedule';
import type { DatabaseRequest, OpenWorkspaceInfo } from './database-messages';

/** While an import's transaction is open, other requests read the last committed state through this. */
interface RunningImport {
  job: ImportJob;
  reader: Workspace;
}

/** The passphrase of an open/create request, when it has one (an encrypted workspace). */
function keyOf(request: { passphrase?: string }): { passphrase?: string } {
  return request.passphrase === undefined ? {} : { passphrase: request.passphrase };
}

const busyMessage = 'An import is running: wait for it to finish (or cancel it), then try again.';

/**
 * Holds the one open workspace of the database process and answers main's requests. Plain Node (no
 * Electron), so tests run it against real files. A workspace replaces the open one only once it has
 * opened cleanly: a damaged file leaves the previous workspace open and is itself never written to.
 */
export function createDatabaseService(options: { backups?: Omit<BackupScheduleOptions, 'workspace' | 'busy'> } = {}) {
  let workspace: Workspace | undefined;
  /** An encrypted workspace opened without its passphrase: no connection until unlockWorkspace. */
  let locked: LockedWorkspace | undefined;
  let running: RunningImport | undefined;
  // Every 30 minutes, and on closing, a backup of a workspace that changed (electron/backup-schedule.ts).
  const backups = createBackupSchedule({ ...options.backups, workspace: () => workspace, busy: () => running !== undefined });
  backups.start();
  /** Restoring a backup closes the connection and hands over the reopened workspace. */
  const replaceWorkspace = (next: Workspace): void => {
    workspace = next;
    backups.watch(next);
  };

  function describe(open: Workspace): OpenWorkspaceInfo {
    const summary = executeOperation({ workspace: open }, 'getWorkspaceSummary', {});
    const name = summary.ok ? (summary.value as { name: string }).name : open.file;
    return { file: open.file, name };
  }

  function switchTo(next: Workspace): OpenWorkspaceInfo {
    if (workspace && workspace !== next) {
      backups.closing(workspace);
      workspace.close();
    }
    workspace = next;
    locked = undefined;
    backups.watch(next);
    return describe(next);
  }

  /** Closes the open workspace and waits for the passphrase of `file` (main never has it to give). */
  function lock(file: string): OpenWorkspaceInfo {
    if (workspace) {
      backups.closing(workspace);
      workspace.close();
      workspace = undefined;
    }
    locked = { file };
    return describeLocked(locked);
  }

  /** A wrong passphrase throws before anything changes: the workspace stays locked. */
  function unlock(passphrase: string): OpenWorkspaceInfo {
    return switchTo(openWorkspace(locked!.file, { passphrase }));
  }

  function current(): Workspace {
    if (locked) throw lockedError(locked.file);
    if (!workspace) throw new UserError('No workspace is open: use File ▸ Open… or File ▸ New workspace.', 'workspace');
    return workspace;
  }

  /**
   * During an import, its transaction holds uncommitted rows on the main connection: every other
   * request is answered from a second, read-only connection (WAL: it sees the workspace as it was
   * before the import began), and anything that would write is refused with a clear message.
   */
  function handleDuringImport(request: DatabaseRequest, reader: Workspace): OperationResult {
    switch (request.kind) {
      case 'operation': {
        const result = executeOperation({ workspace: reader }, request.name, request.input);
        if (!result.ok && /readonly|read-only/i.test(result.error.message)) return { ok: false, error: { message: busyMessage } };
        return result;
      }
      case 'current':
        return { ok: true, value: workspace ? describe(reader) : null };
      case 'export':
        exportWorkspaceToFile(reader.db, request.format, request.target);
        return { ok: true, value: { file: request.target } };
      case 'cancelImport':
        running?.job.cancel();
        return { ok: true, value: null };
      default:
        return { ok: false, error: { message: busyMessage } };
    }
  }

  function handle(request: DatabaseRequest): OperationResult {
    if (running) return handleDuringImport(request, running.reader);
    switch (request.kind) {
      case 'cancelImport':
        return { ok: true, value: null };
      case 'importFile':
        return { ok: false, error: { message: 'importFile runs through startImport.' } };
      case 'open': {
        if (request.createWithStarter && !existsSync(request.file)) {
          return { ok: true, value: switchTo(createWorkspace(request.file, { starter: true, ...keyOf(request) })) };
        }
        if (request.passphrase === undefined && opensLocked(request.file)) {
          // Choosing the unlocked workspace again (Open Recent) keeps it open rather than asking again.
          if (workspace && isEncryptedConnection(workspace.db) && resolve(workspace.file) === resolve(request.file))
            return { ok: true, value: describe(workspace) };
          return { ok: true, value: lock(request.file) };
        }
        return { ok: true, value: switchTo(openWorkspace(request.file, keyOf(request))) };
      }
      case 'create':
        return {
          ok: true,
          value: switchTo(
            createWorkspace(request.file, {
              starter: request.starter,
              ...(request.name ? { name: request.name } : {}),
              ...keyOf(request),
            }),
          ),
        };
      case 'operation':
        if (locked) return answerWhileLocked(locked, request.name, request.input, unlock);
        return executeOperation({ workspace: current(), replaceWorkspace }, request.name, request.input);
      case 'saveCopy':
        saveWorkspaceCopy(current(), request.target);
        return { ok: true, value: { file: request.target } };
      case 'export':
        exportWorkspaceToFile(current().db, request.format, request.target);
        return { ok: true, value: { file: request.target } };
      case 'current':
        if (locked) return { ok: true, value: describeLocked(locked) };
        return { ok: true, value: workspace ? describe(workspace) : null };
    }
  }

  return {
    /** Never throws: a user error becomes a message to show, anything else a message naming the bug. */
    answer(request: DatabaseRequest): OperationResult {
      try {
        return handle(request);
      } catch (error) {
        return failureResult(error, `the database request ${request.kind}`);
      }
    },
    /**
     * A file import, a chunk per turn of the event loop (setImmediate between chunks), so a Cancel
     * and other requests are answered while it runs. Resolves with the report, never rejects.
     */
    async startImport(
      request: Extract<DatabaseRequest, { kind: 'importFile' }>,
      onProgress: (progress: ImportProgress) => void,
    ): Promise<OperationResult> {
      if (running) return { ok: false, error: { message: 'An import is already running.' } };
      let job: ImportJob;
      let reader: Workspace;
      try {
        const open = current();
        job = createFileImportJob(open.db, request.file, request.input as FileImportInput, {
          ...(request.fileName ? { fileName: request.fileName } : {}),
          onProgress,
        });
        // With the open workspace's passphrase, if it is encrypted (kept in memory by db/workspace/sqlite.ts).
        const db = connectAgain(open.db, { readonly: true, fileMustExist: true });
        reader = { file: open.file, db, close: () => db.close() };
      } catch (error) {
        return failureResult(error, 'the import');
      }
      running = { job, reader };
      try {
        await runInTurns(job);
        return { ok: true, value: job.report() };
      } catch (error) {
        return failureResult(error, 'the import');
      } finally {
        running = undefined;
        reader.close();
      }
    },
    /** Whether an import is running (its transaction open). */
    importing: () => running !== undefined,
    close(): void {
      running?.job.cancel();
      backups.stop();
      backups.closing(workspace);
      workspace?.close();
      workspace = undefined;
      locked = undefined;
    },
  };
}

export type DatabaseService = ReturnType<typeof createDatabaseService>;
