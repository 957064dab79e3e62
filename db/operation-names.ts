/**
 * The names of the operations in db/api.ts, with no runtime dependencies, so the Electron preload
 * (which cannot load Node modules in a sandboxed renderer) can expose one function per operation.
 * api.ts checks at compile time that this list and its table agree.
 */
export const operationNames = [
  'getWorkspaceSummary',
  'getVocabulary',
  'listFacets',
  'listClaims',
  'getClaim',
  'createClaim',
  'updateClaim',
  'deleteClaim',
  'updateClaims',
  'listClaimIds',
  'listSources',
  'getSource',
  'createSource',
  'updateSource',
  'deleteSource',
  'attachArchive',
  'getArchive',
  'removeArchive',
  'suggestFigures',
  'listConflictGroups',
  'setPreferredClaim',
  'clearPreferredClaim',
  'listCountrySides',
  'setCountrySide',
  'resetCountrySide',
  'getHistory',
  'listRecipes',
  'saveRecipe',
  'deleteRecipe',
  'previewImport',
  'runImport',
  'getGap',
  'getGapSeries',
  'getStageOverview',
  'getPipeline',
  'getChartSources',
  'getAssessment',
  'listAssessments',
  'saveAssessment',
  'setJudgedScore',
  'clearJudgedScore',
  'setCountryGovernance',
  'removeCountryGovernance',
  'setStageSupplyInputs',
  'listScenarios',
  'saveScenario',
  'deleteScenario',
  'listSnapshots',
  'getSnapshot',
  'getScores',
  'getSensitivity',
  'compareScenarios',
  'takeSnapshot',
  'diffSnapshots',
  'listReports',
  'getReport',
  'saveReport',
  'deleteReport',
  'getReportSlides',
  'listBackups',
  'backUpNow',
  'restoreBackup',
  'unlockWorkspace',
] as const;

export type OperationName = (typeof operationNames)[number];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && (operationNames as readonly string[]).includes(name);
}

/** What every front end receives from an operation: a value, or a user-facing error. */
export type OperationResult<T = unknown> = { ok: true; value: T } | { ok: false; error: { message: string; field?: string } };
