import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { appendAudit } from '../audit/log';
import { refreshEvidence } from '../evidence/refresh';
import { reindexClaims } from '../evidence/search-index';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { backUpBeforeImport } from '../workspace/backup-files';
import type { ClaimDraft, ImportProblem } from './apply-recipe';
import { checkRecipeSources, createCsvImportJob, MAX_REPORTED_PROBLEMS, runToEnd } from './csv-import-job';
import { stringSource } from './csv-stream';
import { incomingRecipeSchema, type Recipe } from './recipe';
import { getRecipe, recipeName } from './recipes-store';
import { scoringSummary } from './scoring-plan';
import { planWorkspaceImport, writeWorkspacePlan } from './workspace-json';

/**
 * Importing a file of claims: a CSV through a recipe, or the workspace's own JSON format. A dry run
 * and a real run go through the same checks; the real run writes only when there is no problem at
 * all, in one transaction, audited as one 'import' event. Problems in the file come back in the
 * report, each with its row, column and reason; a problem with the request itself (no recipe, a
 * recipe naming a source that does not exist) is a UserError naming the field.
 */
export const MAX_IMPORT_CHARS = 200 * 1024 * 1024;
export { MAX_REPORTED_PROBLEMS };
const SAMPLE_SIZE = 20;

export const importRequestInput = z.strictObject({
  format: z.enum(['csv', 'json']),
  content: z.string().max(MAX_IMPORT_CHARS, 'the file is larger than 200 MB'),
  recipe: incomingRecipeSchema.optional(),
  recipeName: recipeName.optional(),
  /** Shown in the audit record, so the trail says which file the claims came from. */
  fileName: z.string().max(1000).optional(),
});
export type ImportRequest = z.input<typeof importRequestInput>;

export interface ImportReport {
  format: 'csv' | 'json';
  /** Claims written (0 for a dry run or when there was any problem). */
  imported: number;
  /** Claims the file would give: what a dry run reports as importable. */
  claims: number;
  /** Sources the import creates (the recipe's new source, or those in a JSON file). */
  sources: number;
  skipped: number;
  errors: ImportProblem[];
  /** All problems found, when more than `errors` lists. */
  errorCount: number;
  /** The first drafts, for the wizard's preview. */
  sample: ClaimDraft[];
  /** The source every CSV claim cites: the recipe's existing one, or the id the new one gets. */
  sourceId?: string;
  committed: boolean;
  /** The audit record's entity id of a committed import. */
  importId?: string;
  /** The analyst cancelled a long import: nothing was written. */
  cancelled?: boolean;
}

function newImportId(): string {
  return `imp-${randomBytes(6).toString('hex')}`;
}

export function resolveRecipe(db: Database, request: { recipe?: Recipe | undefined; recipeName?: string | undefined }): Recipe {
  if (request.recipe) return request.recipe;
  if (request.recipeName) {
    const saved = getRecipe(db, request.recipeName);
    if (!saved) throw new UserError(`No saved recipe named "${request.recipeName}".`, 'recipeName');
    return saved.recipe;
  }
  throw new UserError('A CSV import needs a recipe: give one, or the name of a saved recipe.', 'recipe');
}

function report(
  base: Omit<ImportReport, 'errors' | 'errorCount' | 'sample' | 'imported' | 'committed'>,
  errors: ImportProblem[],
  drafts: ClaimDraft[],
): ImportReport {
  return {
    ...base,
    imported: 0,
    errors: errors.slice(0, MAX_REPORTED_PROBLEMS),
    errorCount: errors.length,
    sample: drafts.slice(0, SAMPLE_SIZE),
    committed: false,
  };
}

export function importClaims(db: Database, input: ImportRequest, options: { dryRun: boolean }): ImportReport {
  const request = parseInput(importRequestInput, input, 'import');
  return request.format === 'csv' ? importCsv(db, request, options.dryRun) : importWorkspaceJson(db, request, options.dryRun);
}

function importCsv(db: Database, request: z.output<typeof importRequestInput>, dryRun: boolean): ImportReport {
  const recipe = resolveRecipe(db, request);
  checkRecipeSources(db, recipe);
  const job = createCsvImportJob(
    db,
    stringSource(request.content),
    { recipe, recipeName: request.recipeName, fileName: request.fileName },
    { dryRun },
  );
  return runToEnd(job);
}

function importWorkspaceJson(db: Database, request: z.output<typeof importRequestInput>, dryRun: boolean): ImportReport {
  const { plan, errors } = planWorkspaceImport(db, request.content);
  const outcome = report(
    { format: 'json', claims: plan.claims.length, sources: plan.sources.length, skipped: 0 },
    errors,
    plan.claims,
  );
  if (dryRun || errors.length > 0) return outcome;
  const importId = newImportId();
  const claimIds = plan.claimRows.map((claim) => claim.id);
  backUpBeforeImport(db);
  db.transaction(() => {
    writeWorkspacePlan(db, plan);
    refreshEvidence(db, claimIds);
    reindexClaims(db, claimIds);
    appendAudit(db, {
      action: 'import',
      entityType: 'import',
      entityId: importId,
      after: {
        format: 'json',
        fileName: request.fileName ?? null,
        sources: plan.sources.map((s) => s.id),
        archives: plan.archives.map((a) => ({ sourceId: a.sourceId, sha256: a.sha256 })),
        claims: claimIds.length,
        claimIds,
        preferences: plan.preferences.length,
        recipes: plan.recipes.map((r) => r.name),
        scoring: scoringSummary(plan.scoring),
      },
    });
  })();
  return { ...outcome, imported: claimIds.length, committed: true, importId };
}

/** For an operation that must fail when nothing was imported: one sentence for the user. */
export function importFailure(report: ImportReport): UserError | undefined {
  if (report.errorCount === 0) return undefined;
  const first = report.errors[0]!;
  const where = [first.row > 0 ? `row ${first.row}` : '', first.column].filter(Boolean).join(', ');
  return new UserError(
    `${report.errorCount} problem${report.errorCount === 1 ? '' : 's'}; nothing was imported. First: ${where ? `${where}: ` : ''}${first.message}`,
    'content',
  );
}
