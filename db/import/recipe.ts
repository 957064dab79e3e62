import { z } from 'zod';
import { sourceInput } from '../evidence/inputs';
import { facilityStatuses, metrics, stages } from '../evidence/vocabulary';

/**
 * An import recipe: how the columns of one kind of table (a USGS summary, a company's capacity
 * list) become claims. Saved in the workspace under a name, so next year's edition of the same
 * table imports with one click. Strict at every level: a misspelt key is a mistake the analyst
 * should hear about, not a setting silently ignored.
 *
 * `missing`: a value cell equal to one of these tokens (trimmed, any case) means "no figure here"
 * and produces no claim (counted as skipped); in any other column it leaves that field empty.
 * The default is [""], so an empty value cell never becomes a claim without a figure.
 */
export const recipeColumnFields = [
  'statement',
  'stage',
  'metric',
  'unit',
  'value',
  'valueLow',
  'valueHigh',
  'year',
  'country',
  'entity',
  'status',
  'notes',
  'tags',
] as const;
export type RecipeColumnField = (typeof recipeColumnFields)[number];

const header = z.string().trim().min(1, 'name a column of the file').max(500);

/** A JavaScript regular expression given as text; the message names the path through zod. */
const pattern = z
  .string()
  .min(1, 'give a pattern')
  .max(1000)
  .refine((p) => compiles(p), 'is not a valid regular expression');

function compiles(p: string): boolean {
  try {
    new RegExp(p, 'u');
    return true;
  } catch {
    return false;
  }
}

export function captureGroups(p: string): number {
  return new RegExp(`${p}|`, 'u').exec('')!.length - 1;
}

const columns = z.strictObject(
  Object.fromEntries(recipeColumnFields.map((field) => [field, header.optional()])) as {
    [K in RecipeColumnField]: z.ZodOptional<typeof header>;
  },
);

const constants = z.strictObject({
  stage: z.enum(stages).optional(),
  metric: z.enum(metrics).optional(),
  unit: z.string().trim().min(1).max(120).optional(),
  year: z.number().int('must be a whole year').min(1900).max(2200).optional(),
  country: z.string().trim().min(1).max(120).optional(),
  entity: z.string().trim().min(1).max(200).optional(),
  status: z.enum(facilityStatuses).optional(),
  notes: z.string().trim().min(1).max(20000).optional(),
  tags: z.array(z.string().trim().min(1, 'a tag cannot be empty').max(60)).max(50).optional(),
  credibility: z.number().int().min(1).max(6).optional(),
  credibilityReason: z.string().trim().min(1).max(2000).optional(),
  confidenceNote: z.string().trim().min(1).max(4000).optional(),
});
export type RecipeConstants = z.output<typeof constants>;

export const recipeSchema = z
  .strictObject({
    source: sourceInput.optional(),
    sourceId: z.string().trim().min(1).max(200).optional(),
    /** The file's delimiter: "," (the default), ";" (European spreadsheets) or a tab. */
    delimiter: z.enum([',', ';', '\t']).default(','),
    constants: constants.default({}),
    columns: columns.default({}),
    wide: z
      .strictObject({
        columnPattern: pattern.refine(
          (p) => !compiles(p) || captureGroups(p) >= 1,
          'needs a capture group for the year, e.g. ^Prod_(\\d{4})$',
        ),
      })
      .optional(),
    skipRows: z
      .array(z.strictObject({ column: header, pattern }))
      .max(100)
      .default([]),
    missing: z.array(z.string().max(100)).max(100).default(['']),
  })
  .superRefine((recipe, ctx) => {
    if ((recipe.source === undefined) === (recipe.sourceId === undefined))
      ctx.addIssue({
        code: 'custom',
        path: recipe.source ? ['sourceId'] : ['source'],
        message: 'give either a new source ("source") or an existing one ("sourceId"), not both',
      });
    for (const field of Object.keys(recipe.columns) as RecipeColumnField[]) {
      if (field in recipe.constants)
        ctx.addIssue({
          code: 'custom',
          path: ['constants', field],
          message: `is also read from column "${recipe.columns[field]}"; keep one`,
        });
    }
    if (recipe.wide) {
      for (const field of ['value', 'year'] as const)
        if (recipe.columns[field] || (field === 'year' && recipe.constants.year !== undefined))
          ctx.addIssue({
            code: 'custom',
            path: [recipe.columns[field] ? 'columns' : 'constants', field],
            message: "a wide table takes each claim's value and year from the matching columns; remove this",
          });
    } else if (!recipe.columns.value && !recipe.columns.statement) {
      ctx.addIssue({ code: 'custom', path: ['columns'], message: 'map at least a value or a statement column (or use "wide")' });
    }
  });
export type Recipe = z.output<typeof recipeSchema>;
export type RecipeInput = z.input<typeof recipeSchema>;
