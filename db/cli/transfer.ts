import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { executeOperation } from '../api';
import { UserError, isUserError } from '../errors';
import type { ClaimListRow } from '../evidence/views';
import { exportWorkspaceToFile } from '../export/export-file';
import { exportFormats, type ExportFormat } from '../export/export-workspace';
import { createFileImportJob, type FileImportInput } from '../import/file-import';
import { importFailure, MAX_IMPORT_CHARS, type ImportReport } from '../import/run-import';
import { openWorkspace, openWorkspaceReadOnly } from '../workspace/open';

/**
 * The CLI's import, export and claims commands: file reading and writing, and the printing of
 * results; the work itself is the same functions and operation table the app calls.
 */
type Values = Record<string, string | boolean | undefined>;
type Out = (line: string) => void;

function fileArgument(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UserError(`--${name} FILE is required.`, name);
  return resolve(value);
}

function readText(file: string, what: string): string {
  if (!existsSync(file)) throw new UserError(`No ${what} at ${file}: the file does not exist.`, what);
  if (!statSync(file).isFile()) throw new UserError(`${file} is not a file.`, what);
  if (statSync(file).size > MAX_IMPORT_CHARS * 2) throw new UserError(`${file} is larger than 200 MB.`, what);
  return readFileSync(file, 'utf8');
}

function readRecipe(file: string): unknown {
  try {
    return JSON.parse(readText(file, 'recipe')) as unknown;
  } catch (error) {
    if (isUserError(error)) throw error;
    throw new UserError(`The recipe ${file} is not valid JSON: ${(error as Error).message}`, 'recipe');
  }
}

function problemLine(problem: ImportReport['errors'][number]): string {
  const where = [problem.row > 0 ? `row ${problem.row}` : '', problem.column].filter(Boolean).join(', ');
  return `  ${where ? `${where}: ` : ''}${problem.message}`;
}

export function importCommand(values: Values, out: Out, workspaceFile: string): void {
  const file = fileArgument(values, 'file');
  const dryRun = values['dry-run'] === true;
  const format = values.format ?? (extname(file).toLowerCase() === '.json' ? 'json' : 'csv');
  if (format !== 'csv' && format !== 'json') throw new UserError('--format must be csv or json.', 'format');
  let report: ImportReport;
  try {
    if (!existsSync(file)) throw new UserError(`No file at ${file}: the file does not exist.`, 'file');
    const request = {
      dryRun,
      ...(typeof values.recipe === 'string' ? { recipe: readRecipe(resolve(values.recipe)) } : {}),
      ...(typeof values['recipe-name'] === 'string' ? { recipeName: values['recipe-name'] } : {}),
    };
    // A dry run only reads, so it never migrates or otherwise touches the workspace file.
    const workspace = dryRun ? openWorkspaceReadOnly(workspaceFile) : openWorkspace(workspaceFile);
    try {
      // The file is read a block at a time (a CSV of a million rows never sits in memory at once).
      const job = createFileImportJob(workspace.db, file, request as FileImportInput, { format, fileName: basename(file) });
      while (!job.step()) {
        /* a chunk at a time */
      }
      report = job.report();
    } finally {
      workspace.close();
    }
  } catch (error) {
    if (isUserError(error) && values.json)
      out(JSON.stringify({ imported: 0, skipped: 0, errors: [{ row: 0, column: error.field ?? '', message: error.message }] }));
    throw error;
  }
  if (values.json) {
    const imported = dryRun && report.errorCount === 0 ? report.claims : report.imported;
    out(JSON.stringify({ imported, skipped: report.skipped, errors: report.errors }));
  } else {
    for (const problem of report.errors) out(problemLine(problem));
    if (report.errorCount > report.errors.length) out(`  … and ${report.errorCount - report.errors.length} more problems`);
    if (report.errorCount === 0) {
      const skipped = report.skipped > 0 ? ` (${report.skipped} skipped by the recipe)` : '';
      out(
        dryRun
          ? `Dry run: ${report.claims} claims would be imported from ${basename(file)}${skipped}; nothing was written.`
          : `Imported ${report.imported} claims from ${basename(file)} into ${workspaceFile}${skipped}.`,
      );
    }
  }
  const failure = importFailure(report);
  if (failure) throw failure;
}

export function exportCommand(values: Values, out: Out, workspaceFile: string): void {
  const format = values.format as ExportFormat;
  if (!exportFormats.includes(format)) throw new UserError('--format must be json or csv.', 'format');
  const target = fileArgument(values, 'out');
  if (target === workspaceFile) throw new UserError('--out is the workspace itself; choose another file.', 'out');
  const workspace = openWorkspaceReadOnly(workspaceFile);
  let claims: number;
  try {
    exportWorkspaceToFile(workspace.db, format, target);
    claims = workspace.db.prepare('SELECT count(*) FROM claims').pluck().get() as number;
  } finally {
    workspace.close();
  }
  out(`Exported ${claims} claims as ${format.toUpperCase()} to ${target}.`);
}

const PAGE = 500;

export function claimsCommand(values: Values, out: Out, workspaceFile: string): void {
  const filters: Record<string, unknown> = {};
  if (typeof values.search === 'string') filters.search = values.search;
  if (typeof values.stage === 'string') filters.stage = values.stage;
  if (typeof values.country === 'string') filters.country = values.country;
  // The operation takes one evidence filter; with both flags, the second is applied here.
  if (values['state-media-only']) filters.evidence = 'state_media_only';
  else if (values.contested) filters.evidence = 'contested';
  const alsoContested = Boolean(values['state-media-only'] && values.contested);

  const workspace = openWorkspaceReadOnly(workspaceFile);
  const rows: ClaimListRow[] = [];
  try {
    for (let offset = 0; ; offset += PAGE) {
      const result = executeOperation({ workspace }, 'listClaims', { ...filters, offset, limit: PAGE });
      if (!result.ok) throw new UserError(result.error.message, result.error.field);
      const page = result.value as { total: number; rows: ClaimListRow[] };
      rows.push(...page.rows);
      if (page.rows.length < PAGE || offset + PAGE >= page.total) break;
    }
  } finally {
    workspace.close();
  }
  const chosen = alsoContested ? rows.filter((row) => row.evidence.contested) : rows;
  if (values.json) {
    out(
      JSON.stringify(
        chosen.map((row) => ({
          id: row.id,
          statement: row.statement,
          stage: row.stage,
          country: row.country,
          entity: row.entity,
          facilityStatus: row.facilityStatus,
          metric: row.metric,
          value: row.value,
          valueLow: row.valueLow,
          valueHigh: row.valueHigh,
          unit: row.unit,
          year: row.year,
          credibility: row.credibility,
          tags: row.tags,
          sourceIds: row.citations.map((citation) => citation.sourceId),
          conflictGroup: row.conflictGroup,
          evidence: {
            independentOrigins: row.evidence.independentOrigins,
            corroborated: row.evidence.corroborated,
            stateMediaOnly: row.evidence.stateMediaOnly,
            contested: row.evidence.contested,
          },
        })),
      ),
    );
    return;
  }
  for (const row of chosen) out([row.id, row.stage ?? '-', row.country ?? '-', row.year ?? '-', row.statement].join('\t'));
  out(`${chosen.length} claim${chosen.length === 1 ? '' : 's'}`);
}
