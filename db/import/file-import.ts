import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { checkRecipeSources, createCsvImportJob, type CsvImportJob, type ImportProgress } from './csv-import-job';
import { fileSource } from './csv-stream';
import { incomingRecipeSchema } from './recipe';
import { recipeName } from './recipes-store';
import { importClaims, MAX_IMPORT_CHARS, resolveRecipe, type ImportReport } from './run-import';

/**
 * An import that reads its file by path, in the process that owns the workspace: the way the
 * desktop app (main picks the file in a dialog), the preview host and the CLI bring in big files,
 * so a 165 MB CSV never travels as one string. A CSV streams a chunk at a time; a Chokepoint JSON
 * export is read whole (it is one document) within the usual limit.
 */
export const MAX_IMPORT_FILE_BYTES = 4 * 1024 * 1024 * 1024;

/** What a front end may say about a file import: never the path (main or the host supplies it). */
export const fileImportInput = z.strictObject({
  recipe: incomingRecipeSchema.optional(),
  recipeName: recipeName.optional(),
  dryRun: z.boolean().default(false),
});
export type FileImportInput = z.input<typeof fileImportInput>;

export interface ImportJob {
  step(): boolean;
  cancel(): void;
  readonly done: boolean;
  report(): ImportReport;
  progress(): ImportProgress;
}

export function importFormatOf(file: string): 'csv' | 'json' {
  return extname(file).toLowerCase() === '.json' ? 'json' : 'csv';
}

export function checkImportFile(file: string): number {
  if (!existsSync(file)) throw new UserError(`No file at ${file}: it does not exist.`, 'file');
  const stat = statSync(file);
  if (!stat.isFile()) throw new UserError(`${file} is not a file.`, 'file');
  if (stat.size > MAX_IMPORT_FILE_BYTES) throw new UserError(`${basename(file)} is larger than 4 GB.`, 'file');
  return stat.size;
}

/**
 * Starts importing `file` (its format by extension unless given). Throws a UserError for a problem
 * with the request (no such file, no recipe, a recipe citing a missing source); problems in the
 * file's rows come back in the report.
 */
export function createFileImportJob(
  db: Database,
  file: string,
  input: FileImportInput,
  options: {
    format?: 'csv' | 'json';
    fileName?: string;
    chunkRows?: number;
    onProgress?: (progress: ImportProgress) => void;
  } = {},
): ImportJob {
  const request = parseInput(fileImportInput, input, 'importFile');
  const size = checkImportFile(file);
  const format = options.format ?? importFormatOf(file);
  const fileName = options.fileName ?? basename(file);
  if (format === 'json') return jsonJob(db, file, size, request, fileName, options.onProgress);
  const recipe = resolveRecipe(db, request);
  checkRecipeSources(db, recipe);
  const job: CsvImportJob = createCsvImportJob(
    db,
    fileSource(file),
    { recipe, recipeName: request.recipeName, fileName },
    { dryRun: request.dryRun, ...(options.chunkRows ? { chunkRows: options.chunkRows } : {}), onProgress: options.onProgress },
  );
  return job;
}

/** A JSON workspace export is one document: read and imported in one step, with a progress report at each end. */
function jsonJob(
  db: Database,
  file: string,
  size: number,
  request: z.output<typeof fileImportInput>,
  fileName: string,
  onProgress: ((progress: ImportProgress) => void) | undefined,
): ImportJob {
  if (size > MAX_IMPORT_CHARS) throw new UserError(`${fileName} is larger than 200 MB, the limit for a JSON import.`, 'file');
  let result: ImportReport | undefined;
  let cancelled = false;
  let state: ImportProgress = { phase: 'reading', rowsRead: 0, rowsValidated: 0, rowsWritten: 0, problems: 0, fraction: 0 };
  return {
    step() {
      if (result) return true;
      if (cancelled) {
        result = {
          format: 'json',
          imported: 0,
          claims: 0,
          sources: 0,
          skipped: 0,
          errors: [],
          errorCount: 0,
          sample: [],
          committed: false,
          cancelled: true,
        };
        state = { ...state, phase: 'cancelled' };
      } else {
        result = importClaims(db, { format: 'json', content: readFileSync(file, 'utf8'), fileName }, { dryRun: request.dryRun });
        state = {
          phase: result.errorCount > 0 ? 'failed' : 'done',
          rowsRead: result.claims,
          rowsValidated: result.claims,
          rowsWritten: result.imported,
          problems: result.errorCount,
          fraction: 1,
          totalRows: result.claims,
        };
      }
      onProgress?.(state);
      return true;
    },
    cancel() {
      cancelled = true;
    },
    get done() {
      return result !== undefined;
    },
    report() {
      if (!result) throw new Error('The import has not finished.');
      return result;
    },
    progress: () => state,
  };
}

/**
 * Runs an import a chunk per turn of the event loop, so the process keeps answering between chunks
 * (a cancel, a read from the snapshot connection). Resolves when the job is done, cancelled or
 * refused (its report says which); rejects only on an unexpected error.
 */
export function runInTurns(job: ImportJob): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const turn = () => {
      try {
        if (job.step()) resolve();
        else setImmediate(turn);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    setImmediate(turn);
  });
}
