import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyRecipe, writeStatement } from '../../db/import/apply-recipe';
import { parseCsv } from '../../db/import/csv';
import { recipeSchema, type RecipeInput } from '../../db/import/recipe';
import { deleteRecipe, listRecipes, saveRecipe } from '../../db/import/recipes-store';
import { importClaims, importFailure } from '../../db/import/run-import';
import { parseInput } from '../../db/validation';
import { createWorkspace } from '../../db/workspace/create';
import { claimContent, counts, fixture, fixtureJson } from './fixtures/workspace-state';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();
const USGS = 'src-u-s-geological-surve-af1514';

const recipe = (input: RecipeInput) => parseInput(recipeSchema, input, 'recipe');
const apply = (csv: string, input: RecipeInput) => applyRecipe(parseCsv(csv), recipe(input), 'src-test');
const base = { sourceId: USGS, constants: { stage: 'mining', metric: 'production_t', unit: 't' } } as const;

function starter() {
  return createWorkspace(join(tempFolder(), 'w.sqlite'), { starter: true });
}

describe('import recipes', () => {
  it('refuses unknown keys by name, both source and sourceId, and a wide pattern without a capture group', () => {
    expect(() => recipe({ ...base, columns: { value: 'V' }, colums: {} } as RecipeInput)).toThrow(
      /recipe: colums: unknown field/,
    );
    expect(() => recipe({ ...base, columns: { value: 'V', region: 'R' } } as RecipeInput)).toThrow(
      /columns\.region: unknown field/,
    );
    expect(() => recipe({ ...base, source: { title: 'T', publisherType: 'government' }, columns: { value: 'V' } })).toThrow(
      /either a new source .* not both/,
    );
    expect(() => recipe({ constants: {}, columns: { value: 'V' } })).toThrow(/recipe: source: give either/);
    expect(() => recipe({ ...base, wide: { columnPattern: '^Prod_\\d{4}$' } })).toThrow(
      /wide\.columnPattern: needs a capture group/,
    );
    expect(() => recipe({ ...base, wide: { columnPattern: '^Prod_(' } })).toThrow(
      /wide\.columnPattern: is not a valid regular expression/,
    );
    expect(() => recipe({ ...base, constants: { stage: 'digging' }, columns: { value: 'V' } } as unknown as RecipeInput)).toThrow(
      /constants\.stage/,
    );
    expect(() => recipe({ ...base, constants: { credibility: 7 }, columns: { value: 'V' } })).toThrow(/constants\.credibility/);
  });

  it('maps columns, applies constants and writes a statement when the file has none', () => {
    const result = apply('Country,Year,Value,Status\nAustralia,2023,"18,000",Under construction\n', {
      ...base,
      constants: { ...base.constants, credibility: 2, tags: ['usgs'] },
      columns: { country: 'Country', year: 'Year', value: 'Value', status: 'Status' },
    });
    expect(result.errors).toEqual([]);
    expect(result.claims).toHaveLength(1);
    expect(result.claims[0]).toMatchObject({
      row: 2,
      claim: {
        statement: 'Australia: production 18,000 t (2023)',
        stage: 'mining',
        metric: 'production_t',
        country: 'Australia',
        value: 18000,
        unit: 't',
        year: 2023,
        credibility: 2,
        facilityStatus: 'under_construction',
        tags: ['usgs'],
        citations: [{ sourceId: 'src-test', locator: 'row 2', stance: 'supports', excerpt: null }],
      },
    });
  });

  it('keeps a statement column as written, and reads stage and metric cells by key or label', () => {
    const result = apply('Claim,Stage,Metric,Share\n"China refines most, by far",Refining,Share (%),90%\n', {
      sourceId: USGS,
      columns: { statement: 'Claim', stage: 'Stage', metric: 'Metric', value: 'Share' },
    });
    expect(result.claims[0]!.claim).toMatchObject({
      statement: 'China refines most, by far',
      stage: 'refining',
      metric: 'share_pct',
      value: 90,
    });
  });

  it('writes statements for entities, ranges and percent units', () => {
    expect(
      writeStatement({
        entity: 'Mt Weld',
        country: 'Australia',
        metric: 'capacity_t_per_yr',
        value: 12000,
        unit: 't/yr',
        year: 2025,
      }),
    ).toBe('Mt Weld (Australia): capacity 12,000 t/yr (2025)');
    expect(writeStatement({ country: 'China', metric: 'share_pct', valueLow: 85, valueHigh: 90, unit: '%' })).toBe(
      'China: share 85–90%',
    );
  });

  it('turns a wide table into one claim per year cell, skipping the World row and NA cells', () => {
    const result = applyRecipe(
      parseCsv(fixture('usgs-wide.csv')),
      recipe(fixtureJson('usgs-wide.recipe.json') as RecipeInput),
      'src-x',
    );
    expect(result.errors).toEqual([]);
    expect(result.claims).toHaveLength(19);
    expect(result.skipped).toBe(2);
    expect(result.claims.map((d) => d.claim.country)).not.toContain('World total (rounded)');
    const china2024 = result.claims.find((d) => d.claim.country === 'China' && d.claim.year === 2024)!;
    expect(china2024.claim).toMatchObject({ value: 270000, statement: 'China: production 270,000 t (2024)' });
    expect(china2024.claim.citations[0]!.locator).toBe('row 4, Prod_2024');
    expect(result.claims.some((d) => d.claim.country === 'Myanmar' && d.claim.year === 2022)).toBe(false);
  });

  it('drops rows whose value is a missing token and counts them as skipped', () => {
    const result = apply('Country,Value\nA,NA\nB,--\nC,5\nD,\n', {
      ...base,
      columns: { country: 'Country', value: 'Value' },
      missing: ['NA', '--', ''],
    });
    expect(result.claims.map((d) => d.claim.country)).toEqual(['C']);
    expect(result.skipped).toBe(3);
    const strict = apply('Country,Value,Low\nA,,\nB,5,\n', {
      ...base,
      columns: { country: 'Country', value: 'Value', valueLow: 'Low' },
      missing: ['NA'],
    });
    expect(strict.errors).toEqual([{ row: 2, column: 'Value', message: expect.stringMatching(/^is empty/) as unknown }]);
    expect(strict.claims[0]!.claim).toMatchObject({ country: 'B', value: 5, valueLow: null });
  });

  it('reports every bad cell with its spreadsheet row, column and reason', () => {
    const result = apply(fixture('text-in-number.csv'), {
      ...base,
      columns: { country: 'Country', value: 'Value', year: 'Year' },
    });
    expect(result.errors).toEqual([
      { row: 3, column: 'Value', message: 'not a number: "about 5"' },
      { row: 5, column: 'Year', message: 'not a number: "twenty"' },
    ]);
    expect(result.claims.map((d) => d.row)).toEqual([2, 4]);
  });

  it('names a recipe column missing from the header at row 1, and a constant by its recipe key', () => {
    const missing = applyRecipe(
      parseCsv('Country,Year,Value\nA,2023,1\n'),
      recipe(fixtureJson('unknown-column.recipe.json') as RecipeInput),
      's',
    );
    expect(missing.errors).toEqual([{ row: 1, column: 'Amount', message: 'columns.value: the file has no column "Amount"' }]);
    const badYear = apply('Country,Value\nA,1\n', {
      ...base,
      constants: { ...base.constants },
      columns: { country: 'Country', value: 'Value', year: 'Value' },
    });
    expect(badYear.errors[0]).toMatchObject({ row: 2, column: 'Value', message: expect.stringMatching(/^year: /) as unknown });
    const stray = apply('Country,Value\n"Lynas, Inc",1\nLynas, Inc,2\n', {
      ...base,
      columns: { country: 'Country', value: 'Value' },
    });
    expect(stray.errors).toEqual([{ row: 3, column: 'column 3', message: expect.stringMatching(/unquoted comma/) as unknown }]);
  });
});

describe('importing into a workspace', () => {
  it('imports the messy CSV with a new source, all in one audited event', () => {
    const workspace = starter();
    const db = workspace.db;
    const before = counts(db);
    const report = importClaims(
      db,
      {
        format: 'csv',
        content: fixture('messy.csv'),
        recipe: fixtureJson('messy.recipe.json') as RecipeInput,
        fileName: 'messy.csv',
      },
      { dryRun: false },
    );
    expect(report).toMatchObject({ imported: 4, committed: true, errors: [], skipped: 0 });
    const after = counts(db);
    expect(after.claims - before.claims).toBe(4);
    expect(after.sources - before.sources).toBe(1);
    expect(after.claim_evidence - before.claim_evidence).toBe(4);
    expect(after.audit_log - before.audit_log).toBe(1);
    const audit = db
      .prepare('SELECT action, entity_type, entity_id, after FROM audit_log ORDER BY seq DESC LIMIT 1')
      .get() as Record<string, string>;
    expect(audit).toMatchObject({ action: 'import', entity_type: 'import', entity_id: report.importId });
    expect(JSON.parse(audit.after!)).toMatchObject({
      format: 'csv',
      fileName: 'messy.csv',
      sourceId: report.sourceId,
      claims: 4,
    });
    const source = db.prepare('SELECT title, reliability, published FROM sources WHERE id = ?').get(report.sourceId);
    expect(source).toEqual({ title: 'Mineral Commodity Summaries 2024: Rare Earths', reliability: 'B', published: '2024' });
    const imported = (country: string) =>
      db
        .prepare(
          'SELECT c.* FROM claims c JOIN claim_citations cc ON cc.claim_id = c.id WHERE cc.source_id = ? AND c.country = ?',
        )
        .get(report.sourceId, country) as Record<string, unknown>;
    const us = imported('United States');
    expect(us).toMatchObject({
      entity: 'MP Materials',
      value: 43000,
      year: 2023,
      notes: 'Mountain Pass\nsecond line of the note',
      credibility: 2,
    });
    expect(imported('Myanmar')).toMatchObject({ value: 38000, statement: 'Myanmar: production 38,000 t (2023)' });
    expect(imported('Australia')).toMatchObject({ entity: 'Lynas Rare Earths, Mt Weld', notes: 'Concentrate; "REO" basis' });
    // The imported claims are searchable at once.
    expect(
      db.prepare('SELECT count(*) FROM claim_search WHERE claim_search MATCH ?').pluck().get('"second line of the note"'),
    ).toBe(1);
    workspace.close();
  });

  it('cites an existing source by id', () => {
    const workspace = starter();
    const report = importClaims(
      workspace.db,
      {
        format: 'csv',
        content: fixture('usgs-wide.csv'),
        recipe: { ...(fixtureJson('usgs-wide.recipe.json') as object), source: undefined, sourceId: USGS },
      },
      { dryRun: false },
    );
    expect(report).toMatchObject({ imported: 19, sourceId: USGS, sources: 0 });
    expect(workspace.db.prepare('SELECT count(*) FROM claim_citations WHERE source_id = ?').pluck().get(USGS)).toBeGreaterThan(
      19,
    );
    workspace.close();
  });

  it('a dry run reports what would be imported and writes nothing', () => {
    const workspace = starter();
    const before = counts(workspace.db);
    const report = importClaims(
      workspace.db,
      { format: 'csv', content: fixture('usgs-wide.csv'), recipe: fixtureJson('usgs-wide.recipe.json') as RecipeInput },
      { dryRun: true },
    );
    expect(report).toMatchObject({ imported: 0, claims: 19, skipped: 2, committed: false, errors: [] });
    expect(report.sample).toHaveLength(19);
    expect(counts(workspace.db)).toEqual(before);
    workspace.close();
  });

  it('a file with any bad row imports nothing and reports every problem', () => {
    const workspace = starter();
    const db = workspace.db;
    const before = counts(db);
    const content = claimContent(db);
    const recipeInput = { ...base, columns: { country: 'Country', value: 'Value', year: 'Year' } } as const;
    const report = importClaims(
      db,
      { format: 'csv', content: fixture('text-in-number.csv'), recipe: recipeInput },
      { dryRun: false },
    );
    expect(report).toMatchObject({ imported: 0, committed: false, errorCount: 2, claims: 2 });
    expect(importFailure(report)?.message).toMatch(/^2 problems; nothing was imported\. First: row 3, Value: not a number/);
    const unbalanced = importClaims(
      db,
      { format: 'csv', content: fixture('unbalanced-quote.csv'), recipe: recipeInput },
      { dryRun: false },
    );
    expect(unbalanced.errors).toEqual([
      { row: 2, column: '', message: expect.stringMatching(/line 2 is never closed/) as unknown },
    ]);
    const unknown = importClaims(
      db,
      { format: 'csv', content: fixture('text-in-number.csv'), recipe: fixtureJson('unknown-column.recipe.json') as RecipeInput },
      { dryRun: false },
    );
    expect(unknown.errors[0]).toMatchObject({ row: 1, column: 'Amount' });
    expect(counts(db)).toEqual(before);
    expect(claimContent(db)).toEqual(content);
    workspace.close();
  });

  it('refuses a CSV without a recipe and a recipe citing a missing source, naming the field', () => {
    const workspace = starter();
    expect(() => importClaims(workspace.db, { format: 'csv', content: 'a\n1\n' }, { dryRun: true })).toThrow(/needs a recipe/);
    expect(() => importClaims(workspace.db, { format: 'csv', content: 'a\n1\n', recipeName: 'nope' }, { dryRun: true })).toThrow(
      /No saved recipe named "nope"/,
    );
    expect(() =>
      importClaims(
        workspace.db,
        { format: 'csv', content: 'a\n1\n', recipe: { sourceId: 'src-gone', columns: { value: 'a' } } },
        { dryRun: true },
      ),
    ).toThrow(/source "src-gone", which is not in this workspace/);
    expect(() => importClaims(workspace.db, { format: 'xlsx', content: '' } as never, { dryRun: true })).toThrow(
      /import: format/,
    );
    workspace.close();
  });

  it('saves, lists, reuses and deletes recipes, each change audited', () => {
    const workspace = starter();
    const db = workspace.db;
    const audit = () =>
      db
        .prepare("SELECT action, entity_type AS type, entity_id AS id FROM audit_log WHERE entity_type = 'recipe' ORDER BY seq")
        .all();
    saveRecipe(db, 'USGS wide', fixtureJson('usgs-wide.recipe.json'));
    saveRecipe(db, 'USGS wide', { ...(fixtureJson('usgs-wide.recipe.json') as object), missing: ['NA', '', 'W'] });
    expect(listRecipes(db).map((r) => [r.name, r.recipe.missing])).toEqual([['USGS wide', ['NA', '', 'W']]]);
    expect(() => saveRecipe(db, 'bad', { sourceId: USGS, wide: { columnPattern: 'x' } })).toThrow(
      /recipe: recipe\.wide\.columnPattern/,
    );
    const report = importClaims(
      db,
      { format: 'csv', content: fixture('usgs-wide.csv'), recipeName: 'USGS wide' },
      { dryRun: true },
    );
    expect(report.claims).toBe(19);
    deleteRecipe(db, 'USGS wide');
    expect(listRecipes(db)).toEqual([]);
    expect(audit()).toEqual([
      { action: 'create', type: 'recipe', id: 'USGS wide' },
      { action: 'update', type: 'recipe', id: 'USGS wide' },
      { action: 'delete', type: 'recipe', id: 'USGS wide' },
    ]);
    workspace.close();
  });
});
