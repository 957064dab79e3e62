import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { OperationContext } from '../../db/api';
import { failureResult } from '../../db/api';
import type { ImportProgress } from '../../db/import/csv-import-job';
import { checkImportFile, createFileImportJob, importFormatOf, runInTurns, type ImportJob } from '../../db/import/file-import';
import type { OperationResult } from '../../db/operation-names';
import { connectAgain } from '../../db/workspace/sqlite';
import type { Workspace } from '../../db/workspace/open';

/**
 * The preview's stand-in for the desktop's big-file import (electron/ipc.ts bindFileImport and the
 * database process): the "open dialog" is a prompt answered with the plain name of a file in the
 * host's imports folder (never a path); the import then runs here a chunk per turn of the event loop,
 * its progress polled by the page, and a Cancel rolls it back. While it runs, operations read the
 * workspace through a second, read-only connection, as the desktop's database process does.
 */
const plainName = /^[\w .()-]{1,200}\.(csv|txt|json)$/;

export interface PreviewImports {
  choose(body: Record<string, unknown>): OperationResult;
  run(body: Record<string, unknown>): Promise<OperationResult>;
  progress(): OperationResult;
  cancel(): OperationResult;
  /** The context operations use: the read-only connection while an import's transaction is open. */
  context(): OperationContext;
  close(): void;
}

export function previewImports(context: OperationContext, folder: string): PreviewImports {
  const chosen = new Map<string, string>();
  let running: { job: ImportJob; reader: Workspace } | undefined;
  let last: ImportProgress | undefined;

  return {
    choose(body) {
      const { name } = body;
      if (typeof name !== 'string' || !plainName.test(name))
        return {
          ok: false,
          error: { message: 'chooseImportFile: name: must be a plain .csv or .json file name', field: 'name' },
        };
      const file = join(folder, name);
      if (!existsSync(file))
        return { ok: false, error: { message: `No file named ${name} in the imports folder.`, field: 'name' } };
      const bytes = checkImportFile(file);
      const token = randomUUID();
      chosen.clear();
      chosen.set(token, file);
      return { ok: true, value: { token, name, bytes, format: importFormatOf(file) } };
    },
    async run(body) {
      const { token, ...input } = body;
      const file = typeof token === 'string' ? chosen.get(token) : undefined;
      if (!file)
        return { ok: false, error: { message: 'Choose the file again: this one is no longer offered.', field: 'token' } };
      if (running) return { ok: false, error: { message: 'An import is already running.' } };
      let job: ImportJob;
      let reader: Workspace;
      try {
        job = createFileImportJob(context.workspace.db, file, input, {
          onProgress: (progress) => (last = progress),
        });
        // connectAgain: with the workspace's passphrase when it is encrypted.
        const db = connectAgain(context.workspace.db, { readonly: true, fileMustExist: true });
        reader = { file: context.workspace.file, db, close: () => db.close() };
      } catch (error) {
        return failureResult(error, 'the import');
      }
      last = job.progress();
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
    progress: () => ({ ok: true, value: last ?? null }),
    cancel() {
      running?.job.cancel();
      return { ok: true, value: null };
    },
    context: () => (running ? { workspace: running.reader } : context),
    close() {
      if (!running) return;
      running.job.cancel();
      running.job.step();
    },
  };
}
