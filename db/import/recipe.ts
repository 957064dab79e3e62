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

export const SLOW_PATTERN = 'repeats a group that itself repeats, like (a+)+, which can take hours on one cell; simplify it';

/** A quantifier at `at`: its length, and whether it can repeat more than once (and without bound). */
function quantifierAt(p: string, at: number): { length: number; repeats: boolean; unbounded: boolean } | undefined {
  const c = p[at];
  let length: number;
  let repeats: boolean;
  let unbounded: boolean;
  if (c === '*' || c === '+') [length, repeats, unbounded] = [1, true, true];
  else if (c === '?') [length, repeats, unbounded] = [1, false, false];
  else {
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(at, at + 40));
    if (!braces) return undefined;
    unbounded = braces[2] !== undefined && braces[3] === '';
    const most = braces[2] === undefined ? Number(braces[1]) : Number(braces[3] || Infinity);
    [length, repeats] = [braces[0].length, most > 1];
  }
  if (p[at + length] === '?') length++; // a lazy quantifier backtracks just as much
  return { length, repeats, unbounded };
}

/**
 * Whether a pattern repeats a group that itself holds an unbounded repetition, as in (a+)+ or
 * (\w*\s?)*: on a cell that almost matches, such a pattern backtracks exponentially and the import
 * never ends. A recipe may come from a colleague's workspace file, so this is refused, not trusted.
 * Conservative: it refuses a few harmless patterns too, each easy to write without the nesting.
 */
export function nestsRepetition(p: string): boolean {
  const groups: boolean[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    let closedRepeating = false;
    if (c === '\\') i++;
    else if (c === '[') {
      i++;
      while (i < p.length && p[i] !== ']') i += p[i] === '\\' ? 2 : 1;
    } else if (c === '(') {
      groups.push(false);
      // (?:, (?=, (?!, (?<=, (?<!, (?<name>: the prefix is not an atom.
      if (p[i + 1] === '?') {
        const prefix = /^\?(:|=|!|<=|<!|<[^>]*>)/.exec(p.slice(i + 1));
        i += prefix ? prefix[0].length : 0;
      }
      continue;
    } else if (c === ')') closedRepeating = groups.pop() ?? false;
    const quantifier = quantifierAt(p, i + 1);
    if (quantifier) {
      if (closedRepeating && quantifier.repeats) return true;
      if (quantifier.unbounded && groups.length > 0) groups[groups.length - 1] = true;
      i += quantifier.length;
    }
    if (closedRepeating && groups.length > 0) groups[groups.length - 1] = true;
  }
  return false;
}

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

/** The recipe's patterns that nest a repetition (see nestsRepetition), by their path in the recipe. */
export function slowPatterns(recipe: Pick<Recipe, 'wide' | 'skipRows'>): { path: (string | number)[]; pattern: string }[] {
  return [
    ...(recipe.wide && nestsRepetition(recipe.wide.columnPattern)
      ? [{ path: ['wide', 'columnPattern'], pattern: recipe.wide.columnPattern }]
      : []),
    ...recipe.skipRows.flatMap((rule, index) =>
      nestsRepetition(rule.pattern) ? [{ path: ['skipRows', index, 'pattern'], pattern: rule.pattern }] : [],
    ),
  ];
}

/**
 * A recipe as it comes in to be saved or used (the wizard, a file import, a workspace file): also
 * refuses a pattern that could hang the import. Saved recipes load with recipeSchema, so one saved
 * before this rule still lists (and is refused by name when used, see prepareRecipe).
 */
export const incomingRecipeSchema = recipeSchema.superRefine((recipe, ctx) => {
  for (const { path } of slowPatterns(recipe)) ctx.addIssue({ code: 'custom', path, message: SLOW_PATTERN });
});
