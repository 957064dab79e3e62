import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeOperation } from '../../db/api';
import { csvCell } from '../../db/export/csv-write';
import { claimInput } from '../../db/evidence/inputs';
import { facilityStatuses, metrics, stages } from '../../db/evidence/vocabulary';
import { applyRecipe } from '../../db/import/apply-recipe';
import { CsvSyntaxError, parseCsv } from '../../db/import/csv';
import { recipeSchema, type RecipeInput } from '../../db/import/recipe';
import type { ImportReport } from '../../db/import/run-import';
import type { OperationResult } from '../../db/operation-names';
import { createWorkspace } from '../../db/workspace/create';
import type { Workspace } from '../../db/workspace/open';
import { expectClearMessage, fingerprint, runs, type Fingerprint } from './hostile-workspace';
import { useTempFolder } from './temp-folder';

/**
 * Recipes from anywhere: typed in the import wizard, saved, or carried in a colleague's workspace
 * file. Any recipe the schema accepts applies to any table without an exception, and the preview
 * (the streaming import's dry run) shows exactly what the whole-file reader and the recipe give;
 * anything the schema refuses is refused by field, with nothing saved; a saved recipe loads again.
 */
const tempFolder = useTempFolder();
const USGS = 'src-u-s-geological-surve-af1514';
const headerNames = [
  'Country',
  'Year',
  'Value',
  'Notes',
  'Status',
  'Stage',
  'Metric',
  'Unit',
  'Entity',
  'Tags',
  'Low',
  'High',
  'Prod_2021',
  'Prod_x',
];

const optionalRecord = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) => fc.record(fields, { requiredKeys: [] });

const recipeArb: fc.Arbitrary<RecipeInput> = fc
  .record({
    sourceId: fc.constant(USGS),
    delimiter: fc.constantFrom(',', ';', '\t'),
    constants: optionalRecord({
      stage: fc.constantFrom(...stages),
      metric: fc.constantFrom(...metrics),
      unit: fc.constantFrom('t', '%', 't REO'),
      year: fc.integer({ min: 1900, max: 2200 }),
      country: fc.constantFrom('Australia', ' China '),
      status: fc.constantFrom(...facilityStatuses),
      tags: fc.array(fc.constantFrom('usgs', 'a', ' b '), { maxLength: 3 }),
      credibility: fc.integer({ min: 1, max: 6 }),
    }),
    columns: optionalRecord({
      statement: fc.constantFrom('Notes', 'Entity'),
      value: fc.constantFrom('Value', ' Value ', 'Low', 'Missing column'),
      valueLow: fc.constant('Low'),
      valueHigh: fc.constant('High'),
      year: fc.constant('Year'),
      country: fc.constant('Country'),
      entity: fc.constant('Entity'),
      stage: fc.constant('Stage'),
      metric: fc.constant('Metric'),
      unit: fc.constant('Unit'),
      status: fc.constant('Status'),
      notes: fc.constant('Notes'),
      tags: fc.constant('Tags'),
    }),
    skipRows: fc.array(
      fc.record({
        column: fc.constantFrom(...headerNames),
        pattern: fc.constantFrom('^Total', '^$', 'World', '^\\s*#', '\\d{5}'),
      }),
      { maxLength: 2 },
    ),
    missing: fc.array(fc.constantFrom('', 'W', 'NA', '-', '—', ' n/a '), { maxLength: 3 }),
    wide: fc.option(fc.constantFrom({ columnPattern: '^Prod_(\\d{4})$' }, { columnPattern: '^Prod_(.+)$' }), { nil: undefined }),
  })
  .map((recipe) => {
    // Made consistent rather than filtered (most random combinations break a rule across fields).
    const columns = { ...recipe.columns } as Record<string, string>;
    const constants: Record<string, unknown> = { ...recipe.constants };
    for (const field of Object.keys(columns)) delete constants[field];
    const out: Record<string, unknown> = { ...recipe, columns, constants };
    if (recipe.wide === undefined) {
      delete out.wide;
      if (!columns.value && !columns.statement) columns.value = 'Value';
    } else {
      delete columns.value;
      delete columns.year;
      delete constants.year;
    }
    return out;
  })
  .filter((recipe) => recipeSchema.safeParse(recipe).success);

const cellArb = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'Total',
    'W',
    'NA',
    '—',
    '18,000',
    '1 234',
    '45%',
    '-3',
    '1e999',
    '2023',
    '2023.5',
    'mining',
    'Mining',
  ),
  fc.constantFrom(
    'Production (t)',
    'under construction',
    'a;b; c',
    'undefined',
    '__proto__',
    '#comment',
    '99999',
    'x'.repeat(5000),
  ),
  fc.string({ unit: fc.constantFrom('a', '1', ',', ';', '\t', '"', '\n', ' ', '.', '%'), maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
);

const tableArb = fc
  .tuple(fc.shuffledSubarray(headerNames, { minLength: 1 }), fc.nat({ max: 6 }))
  .chain(([header, height]) =>
    fc.tuple(
      fc.constant(header),
      fc.array(fc.array(cellArb, { minLength: 0, maxLength: header.length + 1 }), { minLength: height, maxLength: height }),
    ),
  );

/** A table as a file with the recipe's delimiter (quoted as the exporter quotes, so a ";" file may still split oddly: that is the point). */
function fileOf(header: string[], rows: string[][], delimiter: string): string {
  return [header, ...rows].map((row) => row.map((cell) => csvCell(cell)).join(delimiter)).join('\r\n');
}

describe('hostile recipes', { timeout: 60_000 }, () => {
  let workspace: Workspace;
  let before: Fingerprint;
  beforeAll(() => {
    workspace = createWorkspace(join(tempFolder(), 'starter.sqlite'), { starter: true });
    before = fingerprint(workspace.db);
  });
  afterAll(() => workspace.db.close());
  const run = (name: 'saveRecipe' | 'deleteRecipe' | 'listRecipes' | 'previewImport', input: unknown): OperationResult =>
    executeOperation({ workspace }, name, input);

  it('applies any valid recipe to any table without an exception, and the preview shows what the recipe gives', () => {
    fc.assert(
      fc.property(recipeArb, tableArb, (input, [header, rows]) => {
        const recipe = recipeSchema.parse(input);
        const content = fileOf(header, rows, recipe.delimiter);
        const context = JSON.stringify({ input, content: content.slice(0, 300) });
        const preview = run('previewImport', { format: 'csv', content, recipe: input });
        expect(preview.ok, context).toBe(true);
        const report = (preview as { value: ImportReport }).value;
        expect(report.committed).toBe(false);

        let parsed: ReturnType<typeof parseCsv>;
        try {
          parsed = parseCsv(content, recipe.delimiter);
        } catch (error) {
          expect(error).toBeInstanceOf(CsvSyntaxError);
          expect(report.errors, context).toEqual([
            { row: (error as CsvSyntaxError).row, column: '', message: (error as Error).message },
          ]);
          return;
        }
        const applied = applyRecipe(parsed, recipe, USGS);
        expect(
          { claims: report.claims, skipped: report.skipped, errors: report.errors, errorCount: report.errorCount },
          context,
        ).toEqual({
          claims: applied.claims.length,
          skipped: applied.skipped,
          errors: applied.errors.slice(0, 1000),
          errorCount: applied.errors.length,
        });
        expect(report.sample, context).toEqual(applied.claims.slice(0, 20));
        for (const problem of applied.errors) {
          expect(problem.row, context).toBeGreaterThanOrEqual(1);
          expect(problem.column.length, context).toBeGreaterThan(0);
          expectClearMessage(problem.message, /./, `${context} row ${problem.row}`);
        }
        for (const { claim } of applied.claims) expect(claimInput.parse(claim), context).toEqual(claim);
        expect(fingerprint(workspace.db)).toEqual(before);
      }),
      { numRuns: runs(80) },
    );
  });

  it('saves any recipe the schema accepts so that it loads again, and refuses anything else by field, saving nothing', () => {
    const junk = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('x'.repeat(100_000), -1, 1.5, '', ' ', null, '(a+)+$'));
    const mutated = fc
      .tuple(
        recipeArb,
        fc.array(
          fc.string({
            unit: fc.constantFrom(
              'constants',
              'columns',
              'wide',
              'skipRows',
              'missing',
              'value',
              'year',
              'stage',
              '0',
              'pattern',
              'column',
              'columnPattern',
              'sourceId',
              'source',
              'tags',
              'zz',
            ),
            maxLength: 1,
          }),
          { minLength: 1, maxLength: 3 },
        ),
        junk,
      )
      .map(([recipe, path, value]) => {
        const copy = structuredClone(recipe) as Record<string, unknown>;
        let at: Record<string, unknown> = copy;
        for (const key of path.slice(0, -1)) {
          if (!at[key] || typeof at[key] !== 'object') at[key] = {};
          at = at[key] as Record<string, unknown>;
        }
        at[path[path.length - 1]!] = value;
        return copy;
      });
    const name = fc.oneof(
      fc.constantFrom('USGS 2025', ' padded ', '', 'x'.repeat(201), '__proto__', 'a\nb'),
      fc.string({ maxLength: 20 }),
    );
    fc.assert(
      fc.property(name, fc.oneof(mutated, junk, recipeArb as fc.Arbitrary<unknown>), (recipeName, recipe) => {
        const context = JSON.stringify({ recipeName, recipe }).slice(0, 400);
        const saved = run('saveRecipe', { name: recipeName, recipe });
        if (!saved.ok) {
          expectClearMessage(saved.error.message, /^saveRecipe: \S/, context);
          expect(saved.error.field, context).toBeTruthy();
          expect(saved.error.message, context).toContain(saved.error.field);
          expect(fingerprint(workspace.db), context).toEqual(before);
          return;
        }
        // Accepted: it loads again as saved, and the list of recipes still loads.
        const { name: savedName, recipe: stored } = saved.value as { name: string; recipe: unknown };
        expect(stored, context).toEqual(recipeSchema.parse(recipe));
        expect(recipeSchema.parse(stored), context).toEqual(stored);
        const list = run('listRecipes', {});
        expect(list.ok, context).toBe(true);
        expect(run('deleteRecipe', { name: savedName }).ok, context).toBe(true);
        before = fingerprint(workspace.db);
      }),
      { numRuns: runs(80) },
    );
  });

  it('refuses a pattern that repeats a repeating group, which could hang an import on one cell', () => {
    for (const pattern of ['(a+)+$', '^(\\w*\\s?)*$', '(?:x+|y)*', '(\\d{2,})+']) {
      const refused = run('saveRecipe', {
        name: 'slow',
        recipe: { sourceId: USGS, columns: { value: 'V' }, skipRows: [{ column: 'V', pattern }] },
      });
      expect(refused, pattern).toMatchObject({ ok: false, error: { field: 'recipe.skipRows.0.pattern' } });
      expect(
        run('previewImport', {
          format: 'csv',
          content: 'V\n1\n',
          recipe: { sourceId: USGS, wide: { columnPattern: `^P_(\\d{4})${pattern}` } },
        }),
      ).toMatchObject({
        ok: false,
        error: { field: 'recipe.wide.columnPattern' },
      });
    }
    expect(fingerprint(workspace.db)).toEqual(before);
  });

  it('still lists a slow recipe saved before the rule, and refuses to run it, naming the pattern, without hanging', () => {
    const slow = { sourceId: USGS, columns: { value: 'V' }, skipRows: [{ column: 'V', pattern: '^(a+)+$' }] };
    workspace.db.prepare('INSERT INTO import_recipes (name, recipe) VALUES (?, ?)').run('old slow', JSON.stringify(slow));
    try {
      expect(run('listRecipes', {})).toMatchObject({ ok: true, value: [{ name: 'old slow' }] });
      const started = performance.now();
      const preview = run('previewImport', { format: 'csv', content: `V\n${'a'.repeat(40)}!\n`, recipeName: 'old slow' });
      expect(performance.now() - started).toBeLessThan(2000);
      expect(preview).toMatchObject({
        ok: true,
        value: {
          committed: false,
          errors: [{ row: 1, column: 'skipRows.0.pattern', message: expect.stringContaining('(a+)+') as unknown }],
        },
      });
    } finally {
      workspace.db.prepare("DELETE FROM import_recipes WHERE name = 'old slow'").run();
    }
  });
});
