import { basename, extname } from 'node:path';
import { z } from 'zod';
import { historyOf } from './audit/log';
import { isUserError, UserError } from './errors';
import { getClaim, listClaims, listFacets } from './evidence/claim-query';
import { createClaim, deleteClaim, updateClaim } from './evidence/claim-writes';
import { bulkEditInput, claimIdsInput, listClaimIds, updateClaims } from './evidence/claim-bulk-edit';
import { clearPreferredClaim, listConflictGroups, setPreferredClaim } from './evidence/conflict-groups';
import { suggestFigures } from './evidence/figures';
import { claimInput, claimQueryInput, sourceInput, sourceQueryInput } from './evidence/inputs';
import { countryInput, countrySideInput } from './evidence/bloc-inputs';
import { listCountrySides } from './evidence/bloc-query';
import { resetCountrySide, setCountrySide } from './evidence/bloc-writes';
import { getArchive, getSource, listSources } from './evidence/source-query';
import {
  attachArchive,
  createSource,
  deleteSource,
  MAX_ARCHIVE_BYTES,
  removeArchive,
  updateSource,
} from './evidence/source-writes';
import { evidenceRules, vocabulary } from './evidence/vocabulary';
import { weightPresets } from './score/presets';
import { isOperationName, type OperationName, type OperationResult } from './operation-names';
import { parseInput } from './validation';
import { importClaims, importRequestInput } from './import/run-import';
import { deleteRecipe, listRecipes, recipeNameInput, saveRecipe, saveRecipeInput } from './import/recipes-store';
import { chartSources, chartSourcesInput } from './model/chart-sources';
import { computeGap } from './model/gap';
import { gapInput, gapSeriesInput, pipelineInput, stageOverviewInput } from './model/inputs';
import { computePipeline } from './model/pipeline';
import { computeGapSeries, computeStageOverview } from './model/series';
import {
  clearJudgedScore,
  listAssessments,
  loadAssessment,
  removeCountryGovernance,
  saveAssessment,
  setCountryGovernance,
  setJudgedScore,
  setStageSupplyInputs,
} from './score/assessment-store';
import {
  countryGovernanceInput,
  countryKeyInput,
  judgedScoreInput,
  judgedScoreKeyInput,
  saveAssessmentInput,
  saveScenarioInput,
  stageSupplyInput,
} from './score/inputs';
import { deleteScenario, listScenarios, saveScenario } from './score/scenario-store';
import { listSnapshots, loadSnapshot } from './score/snapshot-store';
import {
  compareScenarios,
  compareScenariosInput,
  diffSnapshotsInput,
  getScores,
  getScoresInput,
  getSensitivity,
  getSensitivityInput,
  snapshotOperations,
  takeSnapshotInput,
} from './score/engine/operations';
import { reportKeyInput, reportSlidesInput, saveReportInput, type reportInput, type Report } from './report/inputs';
import { reportByKey } from './report/overview';
import { reportSlides } from './report/slides';
import { deleteReport, listReports, saveReport } from './report/report-store';
import { backUpNowOperation, listBackupsOperation, restoreBackupOperation } from './workspace/backup-operations';
import { getMeta } from './workspace/meta';
import type { Workspace } from './workspace/open';

/**
 * The one table of operations that every front end calls: the Electron IPC layer, the CLI and the
 * preview host used by end-to-end tests. Each entry is a zod schema for its input and a handler
 * over the open workspace. Inputs are strict objects: an unknown key is a mistake, not a no-op.
 */
export interface OperationContext {
  workspace: Workspace;
  /**
   * Puts a reopened workspace in place of the open one, whose connection a restore has closed. Front
   * ends that hold one swappable workspace provide it; without it restoreBackup refuses.
   */
  replaceWorkspace?: (next: Workspace) => void;
}

interface Operation<S extends z.ZodType, R> {
  input: S;
  run(context: OperationContext, input: z.output<S>): R;
}

function operation<S extends z.ZodType, R>(input: S, run: (context: OperationContext, input: z.output<S>) => R): Operation<S, R> {
  return { input, run };
}

const noInput = z.strictObject({}).optional().default({});
const byId = z.strictObject({ id: z.string().min(1).max(200) });
const bySource = z.strictObject({ sourceId: z.string().min(1).max(200) });
const byAssessment = z
  .strictObject({ assessmentId: z.string().min(1).max(200).optional() })
  .optional()
  .default({});

/** The workspace's name as the analyst gave it, or its file name. */
function workspaceName(workspace: Workspace): string {
  return getMeta(workspace.db, 'name') ?? basename(workspace.file, extname(workspace.file));
}

/** An unsaved report from the builder, drawn as it stands. */
function draftReport(input: z.output<typeof reportInput>): Report {
  return {
    ...input,
    id: '',
    author: input.author ?? null,
    organisation: input.organisation ?? null,
    reportDate: input.reportDate ?? null,
    asOf: input.asOf ?? null,
    createdAt: '',
    updatedAt: '',
  };
}

export const operations = {
  getWorkspaceSummary: operation(noInput, ({ workspace }) => ({
    name: workspaceName(workspace),
    file: workspace.file,
    schemaVersion: workspace.db.pragma('user_version', { simple: true }) as number,
    sources: workspace.db.prepare('SELECT count(*) FROM sources').pluck().get() as number,
    claims: workspace.db.prepare('SELECT count(*) FROM claims').pluck().get() as number,
    grading: getMeta(workspace.db, 'starter_grading') ?? null,
  })),

  getVocabulary: operation(noInput, () => ({ ...vocabulary, evidenceRules, weightPresets })),
  listFacets: operation(noInput, ({ workspace }) => listFacets(workspace.db)),

  listClaims: operation(claimQueryInput, ({ workspace }, query) => listClaims(workspace.db, query)),
  getClaim: operation(byId, ({ workspace }, { id }) => getClaim(workspace.db, id)),
  createClaim: operation(claimInput, ({ workspace }, input) => ({ id: createClaim(workspace.db, input) })),
  updateClaim: operation(
    z.strictObject({ id: z.string().min(1).max(200), claim: claimInput }),
    ({ workspace }, { id, claim }) => {
      updateClaim(workspace.db, id, claim);
      return { id };
    },
  ),
  deleteClaim: operation(byId, ({ workspace }, { id }) => {
    deleteClaim(workspace.db, id);
    return { id };
  }),
  // One change to many claims, all or nothing; each claim's history records its own edit.
  updateClaims: operation(bulkEditInput, ({ workspace }, { ids, changes }) => updateClaims(workspace.db, ids, changes)),
  // The ids of every claim a filter matches (up to the bulk-edit limit), for "select all matching".
  listClaimIds: operation(claimIdsInput, ({ workspace }, query) => listClaimIds(workspace.db, query)),

  listSources: operation(sourceQueryInput.optional().default(sourceQueryInput.parse({})), ({ workspace }, query) =>
    listSources(workspace.db, query),
  ),
  getSource: operation(byId, ({ workspace }, { id }) => getSource(workspace.db, id)),
  createSource: operation(sourceInput, ({ workspace }, input) => ({ id: createSource(workspace.db, input) })),
  updateSource: operation(
    z.strictObject({ id: z.string().min(1).max(200), source: sourceInput }),
    ({ workspace }, { id, source }) => {
      updateSource(workspace.db, id, source);
      return { id };
    },
  ),
  deleteSource: operation(byId, ({ workspace }, { id }) => {
    deleteSource(workspace.db, id);
    return { id };
  }),

  attachArchive: operation(
    z.discriminatedUnion('kind', [
      z.strictObject({
        sourceId: z.string().min(1).max(200),
        kind: z.literal('text'),
        text: z.string().min(1, 'paste the text to keep').max(MAX_ARCHIVE_BYTES),
      }),
      z.strictObject({
        sourceId: z.string().min(1).max(200),
        kind: z.literal('file'),
        fileName: z.string().min(1).max(255),
        mediaType: z.string().max(100).default('application/octet-stream'),
        base64: z.string().max(Math.ceil((MAX_ARCHIVE_BYTES * 4) / 3) + 4),
      }),
    ]),
    ({ workspace }, upload) =>
      attachArchive(
        workspace.db,
        upload.kind === 'text'
          ? {
              sourceId: upload.sourceId,
              kind: 'text',
              fileName: null,
              mediaType: 'text/plain; charset=utf-8',
              content: Buffer.from(upload.text, 'utf8'),
            }
          : {
              sourceId: upload.sourceId,
              kind: 'file',
              fileName: upload.fileName,
              mediaType: upload.mediaType || 'application/octet-stream',
              content: Buffer.from(upload.base64, 'base64'),
            },
      ),
  ),
  getArchive: operation(bySource, ({ workspace }, { sourceId }) => getArchive(workspace.db, sourceId)),
  removeArchive: operation(bySource, ({ workspace }, { sourceId }) => {
    removeArchive(workspace.db, sourceId);
    return { sourceId };
  }),
  suggestFigures: operation(z.strictObject({ text: z.string().max(20000) }), (_context, { text }) => suggestFigures(text)),

  listConflictGroups: operation(
    z
      .strictObject({ key: z.string().max(500).optional() })
      .optional()
      .default({}),
    ({ workspace }, { key }) => listConflictGroups(workspace.db, key),
  ),
  setPreferredClaim: operation(
    z.strictObject({
      groupKey: z.string().min(1).max(500),
      claimId: z.string().min(1).max(200),
      reason: z.string().trim().min(1, 'say why this claim is preferred').max(2000),
    }),
    ({ workspace }, { groupKey, claimId, reason }) => {
      setPreferredClaim(workspace.db, groupKey, claimId, reason);
      return { groupKey, claimId };
    },
  ),
  clearPreferredClaim: operation(z.strictObject({ groupKey: z.string().min(1).max(500) }), ({ workspace }, { groupKey }) => {
    clearPreferredClaim(workspace.db, groupKey);
    return { groupKey };
  }),

  // The China / ex-China bloc mapping: which side of the gap each country name falls on.
  listCountrySides: operation(noInput, ({ workspace }) => listCountrySides(workspace.db)),
  setCountrySide: operation(countrySideInput, ({ workspace }, { country, side }) => setCountrySide(workspace.db, country, side)),
  resetCountrySide: operation(countryInput, ({ workspace }, { country }) => resetCountrySide(workspace.db, country)),

  getHistory: operation(
    z.strictObject({
      entityType: z.enum(['claim', 'source', 'conflict_group', 'country', 'assessment', 'scenario', 'snapshot', 'report']),
      entityId: z.string().min(1).max(500),
    }),
    ({ workspace }, { entityType, entityId }) => historyOf(workspace.db, entityType, entityId),
  ),

  listRecipes: operation(noInput, ({ workspace }) => listRecipes(workspace.db)),
  saveRecipe: operation(saveRecipeInput, ({ workspace }, { name, recipe }) => saveRecipe(workspace.db, name, recipe)),
  deleteRecipe: operation(recipeNameInput, ({ workspace }, { name }) => {
    deleteRecipe(workspace.db, name);
    return { name };
  }),
  // A dry run: what would be imported, and every problem with its row, column and reason.
  previewImport: operation(importRequestInput, ({ workspace }, request) => importClaims(workspace.db, request, { dryRun: true })),
  // All or nothing: with any problem nothing is written and the report says so (committed: false).
  runImport: operation(importRequestInput, ({ workspace }, request) => importClaims(workspace.db, request, { dryRun: false })),

  // The capacity model: China vs ex-China with bands, concentration and every claim used or left out.
  getGap: operation(gapInput, ({ workspace }, { stage, metric, year, rules }) =>
    computeGap(workspace.db, { stage, metric, year, ...(rules ? { rules } : {}) }),
  ),
  getGapSeries: operation(gapSeriesInput, ({ workspace }, { stage, metric, rules }) =>
    computeGapSeries(workspace.db, stage, metric, rules),
  ),
  getStageOverview: operation(stageOverviewInput, ({ workspace }, { metric, year, rules }) =>
    computeStageOverview(workspace.db, metric, year, rules),
  ),
  // The ex-China pipeline: facilities by start year and status, cumulative capacity against China's.
  getPipeline: operation(pipelineInput, ({ workspace }, { stage, metric, rules }) =>
    computePipeline(workspace.db, { metric, ...(stage ? { stage } : {}), ...(rules ? { rules } : {}) }),
  ),
  getChartSources: operation(chartSourcesInput, ({ workspace }, { claimIds }) => chartSources(workspace.db, claimIds)),

  // Risk assessments: weights, judged scores with their claims, the EU method's tables. Without an
  // id (or assessmentId) an operation works on the workspace's default assessment.
  getAssessment: operation(
    z
      .strictObject({ id: z.string().min(1).max(200).optional() })
      .optional()
      .default({}),
    ({ workspace }, { id }) => loadAssessment(workspace.db, id),
  ),
  listAssessments: operation(noInput, ({ workspace }) => listAssessments(workspace.db)),
  saveAssessment: operation(saveAssessmentInput, ({ workspace }, input) => saveAssessment(workspace.db, input)),
  setJudgedScore: operation(judgedScoreInput, ({ workspace }, input) => setJudgedScore(workspace.db, input)),
  clearJudgedScore: operation(judgedScoreKeyInput, ({ workspace }, input) => {
    clearJudgedScore(workspace.db, input);
    return { stage: input.stage, factor: input.factor };
  }),
  setCountryGovernance: operation(countryGovernanceInput, ({ workspace }, input) => setCountryGovernance(workspace.db, input)),
  removeCountryGovernance: operation(countryKeyInput, ({ workspace }, input) => {
    removeCountryGovernance(workspace.db, input);
    return { country: input.country };
  }),
  setStageSupplyInputs: operation(stageSupplyInput, ({ workspace }, input) => setStageSupplyInputs(workspace.db, input)),
  // Scenarios override an assessment without touching claims; snapshots are written by takeSnapshot.
  listScenarios: operation(byAssessment, ({ workspace }, { assessmentId }) => listScenarios(workspace.db, assessmentId)),
  saveScenario: operation(saveScenarioInput, ({ workspace }, input) => saveScenario(workspace.db, input)),
  deleteScenario: operation(
    z.strictObject({ id: z.string().min(1).max(200), assessmentId: z.string().min(1).max(200).optional() }),
    ({ workspace }, { id, assessmentId }) => {
      const deleted = deleteScenario(workspace.db, id, assessmentId);
      return { id: deleted.id };
    },
  ),
  listSnapshots: operation(byAssessment, ({ workspace }, { assessmentId }) => listSnapshots(workspace.db, assessmentId)),
  getSnapshot: operation(byId, ({ workspace }, { id }) => loadSnapshot(workspace.db, id)),

  // Risk scores: both methods per stage, under a scenario in memory; only takeSnapshot writes.
  getScores: operation(getScoresInput, ({ workspace }, input) => getScores(workspace.db, input)),
  getSensitivity: operation(getSensitivityInput, ({ workspace }, input) => getSensitivity(workspace.db, input)),
  compareScenarios: operation(compareScenariosInput, ({ workspace }, input) => compareScenarios(workspace.db, input)),
  takeSnapshot: operation(takeSnapshotInput, ({ workspace }, input) => snapshotOperations.take(workspace.db, input)),
  diffSnapshots: operation(diffSnapshotsInput, ({ workspace }, input) => snapshotOperations.diff(workspace.db, input)),

  // Saved reports (the recipe only; rendering reads the workspace each time). id: an id or a name.
  listReports: operation(noInput, ({ workspace }) => listReports(workspace.db)),
  getReport: operation(reportKeyInput, ({ workspace }, { id }) => reportByKey(workspace.db, id, workspaceName(workspace))),
  saveReport: operation(saveReportInput, ({ workspace }, input) => saveReport(workspace.db, input)),
  deleteReport: operation(reportKeyInput, ({ workspace }, { id }) => ({ id: deleteReport(workspace.db, id).id })),
  // A report drawn from the workspace as it is now, item by item: what every output (file, deck, presentation) shows.
  getReportSlides: operation(reportSlidesInput, ({ workspace }, { id, report, pageSize }) => {
    const name = workspaceName(workspace);
    const chosen = id !== undefined ? reportByKey(workspace.db, id, name) : draftReport(report!);
    return reportSlides(workspace, chosen, { workspaceName: name, ...(pageSize ? { pageSize } : {}) });
  }),
  // Backups in the workspace's backups folder, named by file name; restoring backs the current state up first.
  listBackups: operation(noInput, (context) => listBackupsOperation(context)),
  backUpNow: operation(noInput, (context) => backUpNowOperation(context)),
  restoreBackup: operation(
    z.strictObject({ backup: z.string().trim().min(1, 'choose a backup').max(300) }),
    (context, { backup }) => restoreBackupOperation(context, backup),
  ),
  // An encrypted workspace opens locked; its front end (db/workspace/locked-workspace.ts) answers this
  // one with the passphrase. Reaching the table means the workspace is open already: nothing to do.
  unlockWorkspace: operation(
    z.strictObject({ passphrase: z.string().min(1, 'enter the passphrase').max(1024) }),
    ({ workspace }) => ({
      file: workspace.file,
      name: workspaceName(workspace),
    }),
  ),
} satisfies Record<OperationName, Operation<z.ZodType, unknown>>;

// The reverse direction of the `satisfies` above: every operation in the table has a public name.
type MissingFromNames = Exclude<keyof typeof operations, OperationName>;
const namesAreComplete: MissingFromNames extends never ? true : never = true;
void namesAreComplete;

type Operations = typeof operations;
export type OperationInput<K extends OperationName> = z.input<Operations[K]['input']>;
export type OperationOutput<K extends OperationName> = ReturnType<Operations[K]['run']>;

/** What `window.chokepoint` offers the renderer: one async function per operation. */
export type ChokepointBridge = {
  [K in OperationName]: (input?: OperationInput<K>) => Promise<OperationOutput<K>>;
};

/** Checks an operation's name and input at a trust boundary (IPC, HTTP, CLI) without running it. */
export function validateOperation(name: unknown, input: unknown): { name: OperationName; input: unknown } {
  if (!isOperationName(name)) throw new UserError(`Unknown operation ${JSON.stringify(String(name)).slice(0, 80)}.`, 'operation');
  const op = operations[name] as Operation<z.ZodType, unknown>;
  return { name, input: parseInput(op.input, input, name) };
}

/**
 * The result a front end shows for a failure: a user error as it is (one line naming the field),
 * anything else as a bug in `what`, logged with its stack for the developer.
 */
export function failureResult(error: unknown, what: string): OperationResult {
  if (isUserError(error)) return { ok: false, error: { message: error.message, ...(error.field ? { field: error.field } : {}) } };
  console.error(`${what} failed`, error);
  return { ok: false, error: { message: `Chokepoint could not complete ${what}: ${(error as Error).message}` } };
}

/** Validates and runs an operation, turning a user error into a result the front end can show. */
export function executeOperation(context: OperationContext, name: unknown, input: unknown): OperationResult {
  try {
    const valid = validateOperation(name, input);
    const op = operations[valid.name] as Operation<z.ZodType, unknown>;
    return { ok: true, value: op.run(context, valid.input) };
  } catch (error) {
    return failureResult(error, String(name));
  }
}
