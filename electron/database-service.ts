import { executeOperation, failureResult } from '../db/api';
import { UserError } from '../db/errors';
import type { OperationResult } from '../db/operation-names';
import { exportWorkspaceToFile } from '../db/export/export-file';
import { saveWorkspaceCopy } from '../db/workspace/copy';
import { createWorkspace } from '../db/workspace/create';
import { openWorkspace, type Workspace } from '../db/workspace/open';
import { existsSync } from 'node:fs';
import type { ImportProgress } from '../db/import/csv-import-job';
import { createFileImportJob, runInTurns, type FileImportInput, type ImportJob } from '../db/import/file-import';
import { connect } from '../db/workspace/sqlite';
import type { DatabaseRequest, OpenWorkspaceInfo } from './database-messages';

/** While an import's transaction is open, other requests read the last committed state through this. */
interface RunningImport {
  job: ImportJob;
  reader: Workspace;
}

const busyMessage = 'An import is running: wait for it to finish (or cancel it), then try again.';

/**
 * Holds the one open workspace of the database process and answers main's requests. Plain Node (no
 * Electron), so tests run it against real files. A workspace replaces the open one only once it has
 * opened cleanly: a damaged file leaves the previous workspace open and is itself never written to.
 */
export function createDatabaseService() {
  let workspace: Workspace | undefined;
  let running: RunningImport | undefined;

  function describe(open: Workspace): OpenWorkspaceInfo {
    const summary = executeOperation({ workspace: open }, 'getWorkspaceSummary', {});
    const name = summary.ok ? (summary.value as { name: string }).name : open.file;
    return { file: open.file, name };
  }

  function switchTo(next: Workspace): OpenWorkspaceInfo {
    if (workspace && workspace !== next) workspace.close();
    workspace = next;
    return describe(next);
  }

  function current(): Workspace {
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
          return { ok: true, value: switchTo(createWorkspace(request.file, { starter: true })) };
        }
        return { ok: true, value: switchTo(openWorkspace(request.file)) };
      }
      case 'create':
        return {
          ok: true,
          value: switchTo(
            createWorkspace(request.file, { starter: request.starter, ...(request.name ? { name: request.name } : {}) }),
          ),
        };
      case 'operation':
        return executeOperation({ workspace: current() }, request.name, request.input);
      case 'saveCopy':
        saveWorkspaceCopy(current(), request.target);
        return { ok: true, value: { file: request.target } };
      case 'export':
        exportWorkspaceToFile(current().db, request.format, request.target);
        return { ok: true, value: { file: request.target } };
      case 'current':
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
        const db = connect(open.file, { readonly: true, fileMustExist: true });
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
      workspace?.close();
      workspace = undefined;
    },
  };
}

export type DatabaseService = ReturnType<typeof createDatabaseService>;
