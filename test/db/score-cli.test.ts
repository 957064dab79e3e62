import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspaceReadOnly } from '../../db/workspace/open';
import { baseTables, scoreFixture } from './fixtures/score-workspace';
import { cli } from './run-cli';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();

interface Line {
  stage: string;
  method: string;
  score: number | null;
  low: number | null;
  high: number | null;
  factors: { name: string; score: number | null; weight: number; low: number | null; high: number | null; claimIds: string[] }[];
}

/** The hand-worked fixture as a file the CLI opens, closed so the CLI is its only user. */
function fixtureFile() {
  const folder = tempFolder();
  const fixture = scoreFixture(folder);
  const ids = fixture.ids;
  fixture.workspace.close();
  return { file: join(folder, 'score.sqlite'), folder, ids };
}

const tables = (file: string) => {
  const workspace = openWorkspaceReadOnly(file);
  try {
    return baseTables(workspace.db);
  } finally {
    workspace.close();
  }
};

describe('chokepoint score', () => {
  it('prints every stage with its band and factors as JSON, under either method', () => {
    const { file, ids } = fixtureFile();
    const weighted = cli('score', '--workspace', file, '--json');
    expect(weighted.stderr).toBe('');
    expect(weighted.code).toBe(0);
    const lines = JSON.parse(weighted.stdout) as Line[];
    expect(lines.map((l) => l.stage)).toEqual(['mining', 'separation', 'refining', 'metals', 'magnets']);
    const separation = lines[1]!;
    expect(Object.keys(separation)).toEqual(['stage', 'method', 'score', 'low', 'high', 'factors']);
    expect(separation).toMatchObject({ stage: 'separation', method: 'weighted' });
    expect(separation.score).toBeCloseTo(57.65, 9);
    expect(Object.keys(separation.factors[0]!)).toEqual(['name', 'score', 'weight', 'low', 'high', 'claimIds']);
    expect(separation.factors.find((f) => f.name === 'export_controls')).toEqual({
      name: 'export_controls',
      score: 80,
      weight: 0.125,
      low: 75,
      high: 85,
      claimIds: [ids.controls],
    });

    const eu = JSON.parse(cli('score', '--workspace', file, '--method', 'eu-sr', '--json').stdout) as Line[];
    // For eu-sr the factors are the country contributions: weight is the share, score the contribution to SR.
    expect(eu[1]!.method).toBe('eu-sr');
    expect(eu[1]!.score).toBeCloseTo(2.28582, 9);
    expect(eu[1]!.factors.map((f) => [f.name, f.weight])).toEqual([
      ['China', 0.6],
      ['Australia', 0.3],
      ['United States', 0.1],
    ]);
    expect(eu[1]!.factors[0]!.score).toBeCloseTo(0.36 * 6 * 1.2 * 0.81, 12);
    expect(eu[1]!.factors[0]!.claimIds).toEqual([ids.china]);

    const table = cli('score', '--workspace', file);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^separation\s+57\.\d \(48\.7–66\.4\)$/m);
    expect(table.stdout).toMatch(/^ {4}substitutability\s+50\.0 {2}weight 0\.125 {2}0 claims$/m);
    expect(table.stdout).toMatch(/^ {4}china_share\s+— {2}no score: no year with counted capacity figures/m);
  }, 120_000);

  it('scores with a weights file, and refuses one that does not sum to 1 by its name', () => {
    const { file, folder } = fixtureFile();
    const good = join(folder, 'share-only.json');
    writeFileSync(
      good,
      JSON.stringify({
        china_share: 1,
        concentration: 0,
        pipeline_coverage: 0,
        export_controls: 0,
        know_how: 0,
        state_coordination: 0,
        substitutability: 0,
      }),
    );
    const lines = JSON.parse(cli('score', '--workspace', file, '--weights', good, '--json').stdout) as Line[];
    expect(lines[1]!.score).toBeCloseTo(60, 9);

    const bad = join(folder, 'heavy.json');
    writeFileSync(
      bad,
      JSON.stringify({
        china_share: 0.5,
        concentration: 0.5,
        pipeline_coverage: 0.5,
        export_controls: 0,
        know_how: 0,
        state_coordination: 0,
        substitutability: 0,
      }),
    );
    const refused = cli('score', '--workspace', file, '--weights', bad, '--json');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe('chokepoint: --weights: heavy.json: weights must sum to 1 (they sum to 1.50)\n');

    const method = cli('score', '--workspace', file, '--method', 'ahp');
    expect(method.stderr).toBe('chokepoint: --method: "ahp" is not a method; use weighted or eu-sr\n');
    expect(cli('score', '--workspace', file, '--scenario', 'Nowhere').stderr).toBe(
      'chokepoint: --scenario: No scenario "Nowhere".\n',
    );
  }, 120_000);
});

describe('chokepoint scenario and snapshot', () => {
  it('creates, shows, scores and deletes a scenario from an overrides file, never changing claims', () => {
    const { file, folder } = fixtureFile();
    const before = tables(file);
    const overrides = join(folder, 'texas.json');
    writeFileSync(
      overrides,
      JSON.stringify({
        facilities: [
          {
            stage: 'separation',
            country: 'United States',
            name: 'Texas plant',
            capacity: 400,
            status: 'operating',
            startYear: 2024,
          },
        ],
      }),
    );
    const created = cli('scenario', '--workspace', file, 'create', 'Texas online', '--file', overrides);
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/^Created scenario "Texas online" \(scn-[0-9a-f]+\): 1 hypothetical facility\.$/m);
    expect(JSON.parse(cli('scenario', '--workspace', file, 'show', 'Texas online', '--json').stdout)).toMatchObject({
      name: 'Texas online',
      overrides: { facilities: [{ name: 'Texas plant' }] },
    });
    const scored = JSON.parse(cli('score', '--workspace', file, '--scenario', 'Texas online', '--json').stdout) as Line[];
    expect(scored[1]!.factors[0]!.score).toBeCloseTo((600 / 1400) * 100, 9);

    // A mistake in the file names the file and the field, and writes nothing.
    const broken = join(folder, 'broken.json');
    writeFileSync(
      broken,
      JSON.stringify({
        facilities: [{ stage: 'smelting', country: 'X', name: 'Y', capacity: 1, status: 'operating', startYear: 2024 }],
      }),
    );
    const beforeBroken = tables(file);
    const refused = cli('scenario', '--workspace', file, 'create', 'Broken', '--file', broken);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^chokepoint: broken\.json: facilities\.0\.stage: must be one of mining, separation/);
    expect(tables(file)).toEqual(beforeBroken);

    expect(cli('scenario', '--workspace', file, 'delete', 'Texas online').stdout).toMatch(/^Deleted scenario "Texas online"/);
    expect(cli('scenario', '--workspace', file, 'list').stdout).toBe('0 scenarios\n');
    const after = tables(file);
    expect([after.claims, after.claimEvidence, after.citations, after.sources]).toEqual([
      before.claims,
      before.claimEvidence,
      before.citations,
      before.sources,
    ]);
  }, 120_000);

  it('takes, lists and diffs snapshots', () => {
    const { file } = fixtureFile();
    const first = cli('snapshot', '--workspace', file, 'take', '--author', 'A. Analyst', '--note', 'baseline', '--json');
    expect(first.stderr).toBe('');
    const a = JSON.parse(first.stdout) as { id: string; author: string; method: string };
    expect(a).toMatchObject({ author: 'A. Analyst', method: 'weighted' });
    const b = JSON.parse(cli('snapshot', '--workspace', file, 'take', '--json').stdout) as { id: string };
    const list = cli('snapshot', '--workspace', file, 'list').stdout;
    expect(list).toContain(`${a.id}\t`);
    expect(list).toMatch(/separation 57\.\d/);
    expect(list).toMatch(/^2 snapshots$/m);
    expect(cli('snapshot', '--workspace', file, 'diff', a.id, b.id).stdout).toMatch(
      new RegExp(`^From ${a.id} \\(\\S+\\) to ${b.id} \\(\\S+\\):\n  nothing changed\\.\n$`),
    );
    expect(cli('snapshot', '--workspace', file, 'diff', a.id, 'snp-nope').stderr).toBe(
      'chokepoint: TO: No snapshot with id "snp-nope".\n',
    );
    expect(cli('snapshot', '--workspace', file, 'rewind').stderr).toMatch(
      /snapshot: say take, list or diff FROM TO \(not "rewind"\)/,
    );
  }, 120_000);
});
