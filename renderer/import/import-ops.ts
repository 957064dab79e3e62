import type { OperationInput, OperationOutput } from '../../db/api';
import { bridge } from '../bridge';

/** The shapes of the import operations, as db/import/run-import.ts and recipes-store.ts give them. */
export type ImportRequest = NonNullable<OperationInput<'previewImport'>>;
export type ImportReport = OperationOutput<'previewImport'>;
export type ImportProblem = ImportReport['errors'][number];
export type ImportSample = ImportReport['sample'][number];
export type SavedRecipe = OperationOutput<'listRecipes'>[number];
export type RecipeInput = NonNullable<ImportRequest['recipe']>;

/** The import operations on the bridge; the workspace validates every recipe, so the wizard only parses JSON. */
export const importOperations = {
  listRecipes: () => bridge().listRecipes(),
  saveRecipe: (name: string, recipe: RecipeInput) => bridge().saveRecipe({ name, recipe }),
  deleteRecipe: (name: string) => bridge().deleteRecipe({ name }),
  previewImport: (request: ImportRequest) => bridge().previewImport(request),
  runImport: (request: ImportRequest) => bridge().runImport(request),
};

/**
 * A documented starting point for a CSV recipe: one row per country, one value column, and the
 * source the claims cite created with them (or "sourceId": an existing source's id instead).
 */
export const exampleRecipe = `{
  "source": {
    "title": "Mineral Commodity Summaries 2024: Rare Earths",
    "publisher": "U.S. Geological Survey",
    "publisherType": "government",
    "published": "2024",
    "reliability": "B"
  },
  "constants": { "stage": "mining", "metric": "production_t", "unit": "t", "year": 2023 },
  "columns": { "country": "Country", "value": "Mine production" },
  "skipRows": [{ "column": "Country", "pattern": "^World total" }],
  "missing": ["", "NA", "W"]
}`;
