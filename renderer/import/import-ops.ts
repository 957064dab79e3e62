import { bridge } from '../bridge';

/**
 * shape of previewImport / runImport / listRecipes / saveRecipe, as db/import/run-import.ts returns
 * them. Kept local (and read off the bridge by name) so the wizard works whether or not the import
 * operations are in db/operation-names.ts yet; when they are, the bridge simply has them.
 */
export interface ImportProblem {
  /** Spreadsheet row (header = 1); 0 when the problem is in the recipe, not a row. */
  row: number;
  column: string;
  message: string;
}

export interface DraftClaim {
  statement: string;
  stage?: string | null;
  country?: string | null;
  entity?: string | null;
  metric?: string;
  value?: number | null;
  valueLow?: number | null;
  valueHigh?: number | null;
  unit?: string | null;
  year?: number | null;
}

export interface ImportReport {
  imported: number;
  /** Claims the file would give. */
  claims?: number;
  sources?: number;
  skipped: number;
  errors: ImportProblem[];
  errorCount?: number;
  sample: ({ row: number; claim: DraftClaim } | DraftClaim)[];
  committed?: boolean;
}

export interface ImportRequest {
  format: 'csv' | 'json';
  content: string;
  recipe?: unknown;
  recipeName?: string;
  fileName?: string;
}

export interface SavedRecipe {
  name: string;
  recipe: unknown;
  savedAt: string;
}

interface ImportOperations {
  listRecipes(): Promise<SavedRecipe[]>;
  saveRecipe(input: { name: string; recipe: unknown }): Promise<unknown>;
  deleteRecipe(input: { name: string }): Promise<unknown>;
  previewImport(input: ImportRequest): Promise<ImportReport>;
  runImport(input: ImportRequest): Promise<ImportReport>;
}

/** The import operations, or undefined while this build of the app does not offer them. */
export function importOperations(): ImportOperations | undefined {
  const ops = bridge() as unknown as Partial<ImportOperations>;
  return ops.previewImport && ops.runImport && ops.listRecipes && ops.saveRecipe && ops.deleteRecipe
    ? (ops as ImportOperations)
    : undefined;
}

export function draftOf(entry: ImportReport['sample'][number]): { row: number | undefined; claim: DraftClaim } {
  return 'claim' in entry ? { row: entry.row, claim: entry.claim } : { row: undefined, claim: entry };
}

/** A documented starting point for a CSV recipe: one row per country, one value column. */
export const exampleRecipe = `{
  "sourceId": "usgs-mcs-2024",
  "constants": { "stage": "mining", "metric": "production_t", "unit": "t", "year": 2023 },
  "columns": { "country": "Country", "value": "Mine production" },
  "skipRows": [{ "column": "Country", "pattern": "^World total" }],
  "missing": ["", "NA", "W"]
}`;
