import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../db/cli/commands';
import { parseCsv } from '../../db/import/csv';
import { createWorkspace } from '../../db/workspace/create';
import { openWorkspaceReadOnly } from '../../db/workspace/open';
import { claimContent, counts, fixturePath } from './fixtures/workspace-state';
import { cli } from './run-cli';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();

/** The same commands in this process, for the cases where the exit code is not the point. */
function inProcess(...args: string[]): string[] {
  const lines: string[] = [];
  // Only the chart command finishes asynchronously; these commands complete before runCli returns.
  void runCli(args, (line) => lines.push(line));
  return lines;
}

function starterFile(): string {
  const file = join(tempFolder(), 'w.sqlite');
  createWorkspace(file, { starter: true }).close();
  return file;
}

function state(file: string) {
  const workspace = openWorkspaceReadOnly(file);
  try {
    return { counts: counts(workspace.db), claims: claimContent(workspace.db) };
  } finally {
    workspace.close();
  }
}

describe('chokepoint import', { timeout: 30_000 }, () => {
  it('dry-runs, imports, and refuses a bad file with exit 1, the --json report and no change', () => {
    const file = starterFile();
    const before = state(file);
    const wide = ['--workspace', file, '--file', fixturePath('usgs-wide.csv'), '--recipe', fixturePath('usgs-wide.recipe.json')];

    const dry = cli('import', ...wide, '--dry-run', '--json');
    expect(dry).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(dry.stdout)).toEqual({ imported: 19, skipped: 2, errors: [] });
    expect(state(file)).toEqual(before);

    const bad = cli(
      'import',
      '--workspace',
      file,
      '--file',
      fixturePath('text-in-number.csv'),
      '--recipe',
      fixturePath('unknown-column.recipe.json'),
      '--json',
    );
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toEqual({
      imported: 0,
      skipped: 0,
      errors: [{ row: 1, column: 'Amount', message: 'columns.value: the file has no column "Amount"' }],
    });
    expect(bad.stderr).toMatch(/^chokepoint: 1 problem; nothing was imported\. First: row 1, Amount: /);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(state(file)).toEqual(before);

    const real = cli('import', ...wide);
    expect(real).toMatchObject({ code: 0, stderr: '' });
    expect(real.stdout).toMatch(/Imported 19 claims from usgs-wide\.csv into .*w\.sqlite \(2 skipped by the recipe\)/);
    const after = state(file).counts;
    expect([
      after.claims - before.counts.claims,
      after.sources - before.counts.sources,
      after.audit_log - before.counts.audit_log,
    ]).toEqual([19, 1, 1]);
  });

  it('lists every bad row without --json, and names a missing recipe', () => {
    const file = starterFile();
    const recipe = join(tempFolder(), 'r.json');
    writeFileSync(
      recipe,
      JSON.stringify({
        sourceId: 'src-u-s-geological-surve-af1514',
        columns: { country: 'Country', value: 'Value', year: 'Year' },
      }),
    );
    const lines: string[] = [];
    expect(() =>
      runCli(['import', '--workspace', file, '--file', fixturePath('text-in-number.csv'), '--recipe', recipe], (l) =>
        lines.push(l),
      ),
    ).toThrow(/^2 problems; nothing was imported/);
    expect(lines).toEqual(['  row 3, Value: not a number: "about 5"', '  row 5, Year: not a number: "twenty"']);
    const json: string[] = [];
    expect(() =>
      runCli(['import', '--workspace', file, '--file', fixturePath('messy.csv'), '--json'], (l) => json.push(l)),
    ).toThrow(/needs a recipe/);
    expect(JSON.parse(json[0]!)).toEqual({
      imported: 0,
      skipped: 0,
      errors: [{ row: 0, column: 'recipe', message: expect.stringMatching(/needs a recipe/) as unknown }],
    });
    expect(() =>
      inProcess('import', '--workspace', file, '--file', join(tempFolder(), 'nothing.csv'), '--recipe', recipe),
    ).toThrow(/No file at .*nothing\.csv/);
  });
});

describe('chokepoint export and claims', { timeout: 30_000 }, () => {
  it('exports JSON and CSV files that import and open again', () => {
    const dir = tempFolder();
    const file = starterFile();
    const json = join(dir, 'out.json');
    const csv = join(dir, 'claims.csv');
    expect(cli('export', '--workspace', file, '--format', 'json', '--out', json)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/Exported 80 claims as JSON/) as unknown,
    });
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ format: 'chokepoint-workspace', version: 1 });
    inProcess('export', '--workspace', file, '--format', 'csv', '--out', csv);
    expect(parseCsv(readFileSync(csv, 'utf8')).rows).toHaveLength(80);
    expect(() => inProcess('export', '--workspace', file, '--format', 'xml', '--out', csv)).toThrow(
      /--format must be json or csv/,
    );

    const empty = join(dir, 'empty.sqlite');
    createWorkspace(empty, { starter: false }).close();
    expect(inProcess('import', '--workspace', empty, '--file', json)).toEqual([
      expect.stringMatching(/^Imported 80 claims from out\.json/),
    ]);
  });

  it('lists claims as JSON with their sources and evidence, through the listClaims operation', () => {
    const file = starterFile();
    const run = cli('claims', '--workspace', file, '--country', 'China', '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const claims = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.every((c) => c.country === 'China')).toBe(true);
    expect(claims.find((c) => c.id === 'mine-cn-2024-usgs2025')).toMatchObject({
      statement: expect.stringMatching(/270,000 t/) as unknown,
      stage: 'mining',
      metric: 'production_t',
      value: 270000,
      year: 2024,
      credibility: 2,
      sourceIds: ['src-u-s-geological-surve-af1514'],
      evidence: { independentOrigins: 1, corroborated: false, stateMediaOnly: false, contested: expect.any(Boolean) as unknown },
    });
    for (const key of [
      'id',
      'statement',
      'stage',
      'country',
      'entity',
      'metric',
      'value',
      'valueLow',
      'valueHigh',
      'unit',
      'year',
      'credibility',
      'sourceIds',
      'conflictGroup',
      'evidence',
    ])
      expect(claims[0]).toHaveProperty(key);

    const all = JSON.parse(inProcess('claims', '--workspace', file, '--json')[0]!) as unknown[];
    expect(all).toHaveLength(80);
    const stateMedia = JSON.parse(inProcess('claims', '--workspace', file, '--state-media-only', '--json')[0]!) as {
      evidence: { stateMediaOnly: boolean; contested: boolean };
    }[];
    expect(stateMedia.length).toBeGreaterThan(0);
    expect(stateMedia.every((c) => c.evidence.stateMediaOnly)).toBe(true);
    const both = JSON.parse(
      inProcess('claims', '--workspace', file, '--state-media-only', '--contested', '--json')[0]!,
    ) as typeof stateMedia;
    expect(both.every((c) => c.evidence.stateMediaOnly && c.evidence.contested)).toBe(true);
    expect(both.length).toBeLessThanOrEqual(stateMedia.length);
  });
});
