import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimSnapshot } from '../../db/evidence/claim-writes';
import { attachArchive, sourceSnapshot } from '../../db/evidence/source-writes';
import { claimsCsvHeader } from '../../db/export/claims-csv';
import { exportWorkspace } from '../../db/export/export-workspace';
import { parseCsv } from '../../db/import/csv';
import { saveRecipe } from '../../db/import/recipes-store';
import { importClaims } from '../../db/import/run-import';
import { createWorkspace } from '../../db/workspace/create';
import { claimContent, counts, fixture, fixtureJson } from './fixtures/workspace-state';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();
const withoutExportedAt = (json: string) => json.replace(/"exportedAt": "[^"]+"/, '"exportedAt": ""');

/** The starter data plus one of everything the JSON format carries beyond it. */
function richWorkspace(dir: string) {
  const workspace = createWorkspace(join(dir, 'rich.sqlite'), { starter: true });
  const db = workspace.db;
  const report = importClaims(
    db,
    {
      format: 'csv',
      content: fixture('messy.csv'),
      recipe: {
        ...(fixtureJson('messy.recipe.json') as object),
        constants: { stage: 'mining', metric: 'production_t', unit: 't', tags: ['import', 'usgs'] },
      },
    },
    { dryRun: false },
  );
  expect(report.committed).toBe(true);
  saveRecipe(db, 'USGS wide', fixtureJson('usgs-wide.recipe.json'));
  attachArchive(db, {
    sourceId: report.sourceId!,
    kind: 'file',
    fileName: 'mcs.pdf',
    mediaType: 'application/pdf',
    content: Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 255]),
  });
  db.prepare(
    'INSERT INTO source_derivations (source_id, derived_from_id) SELECT ?, id FROM sources WHERE id <> ? ORDER BY id LIMIT 1',
  ).run(report.sourceId, report.sourceId);
  const group = db
    .prepare(
      'SELECT conflict_group, c.id FROM claim_evidence e JOIN claims c ON c.seq = e.claim_seq WHERE conflict_group IS NOT NULL LIMIT 1',
    )
    .get() as { conflict_group: string; id: string } | undefined;
  db.prepare("INSERT INTO conflict_preferences (group_key, claim_id, reason) VALUES (?, ?, 'newer edition')").run(
    group?.conflict_group ?? 'mining|production_t|2023|china',
    group?.id ?? db.prepare('SELECT id FROM claims LIMIT 1').pluck().get(),
  );
  return workspace;
}

describe('workspace JSON', () => {
  it('round-trips losslessly: export, import into an empty workspace, export again gives the same file', () => {
    const dir = tempFolder();
    const rich = richWorkspace(dir);
    const first = exportWorkspace(rich.db, 'json');
    // The file holds exactly what the workspace's own snapshots (used by the audit log) hold.
    const parsed = JSON.parse(first) as { sources: { id: string }[]; claims: { id: string }[] };
    for (const { createdAt: _c, updatedAt: _u, ...claim } of parsed.claims as {
      id: string;
      createdAt: string;
      updatedAt: string;
    }[])
      expect(claim).toEqual(claimSnapshot(rich.db, claim.id));
    for (const { createdAt: _c, updatedAt: _u, ...source } of parsed.sources as {
      id: string;
      createdAt: string;
      updatedAt: string;
    }[])
      expect(source).toEqual(sourceSnapshot(rich.db, source.id));
    const richCounts = counts(rich.db);
    rich.close();

    const empty = createWorkspace(join(dir, 'empty.sqlite'), { starter: false });
    const report = importClaims(empty.db, { format: 'json', content: first, fileName: 'rich.json' }, { dryRun: false });
    expect(report).toMatchObject({ committed: true, errors: [], imported: richCounts.claims, sources: richCounts.sources });
    const second = exportWorkspace(empty.db, 'json');
    expect(withoutExportedAt(second)).toBe(withoutExportedAt(first));
    const file = JSON.parse(second) as {
      archives: unknown[];
      preferences: unknown[];
      recipes: unknown[];
      claims: { tags: string[] }[];
    };
    expect([file.archives.length, file.preferences.length, file.recipes.length]).toEqual([1, 1, 1]);
    expect(file.claims.filter((c) => c.tags.includes('usgs'))).toHaveLength(4);
    // Derived data is rebuilt, and the whole import is one audit record.
    const again = counts(empty.db);
    expect(again.claim_evidence).toBe(again.claims);
    expect(again.audit_log).toBe(1);
    empty.close();
  });

  it('refuses ids the workspace already has, naming them, and changes nothing', () => {
    const dir = tempFolder();
    const workspace = createWorkspace(join(dir, 'w.sqlite'), { starter: true });
    const json = exportWorkspace(workspace.db, 'json');
    const before = counts(workspace.db);
    const content = claimContent(workspace.db);
    const report = importClaims(workspace.db, { format: 'json', content: json }, { dryRun: false });
    expect(report.committed).toBe(false);
    expect(report.errors[0]).toMatchObject({
      row: 0,
      column: 'sources.0.id',
      message: expect.stringMatching(/^source "[^"]+" already exists in this workspace$/) as unknown,
    });
    expect(report.errors.some((e) => /claim "mine-cn-2024-usgs2025" already exists/.test(e.message))).toBe(true);
    expect(counts(workspace.db)).toEqual(before);
    expect(claimContent(workspace.db)).toEqual(content);
    workspace.close();
  });

  it('names what is wrong in a damaged or foreign file', () => {
    const workspace = createWorkspace(join(tempFolder(), 'w.sqlite'), { starter: false });
    const run = (content: string) => importClaims(workspace.db, { format: 'json', content }, { dryRun: true }).errors;
    expect(run('{"format":')[0]!.message).toMatch(/not valid JSON/);
    expect(run('{"format":"other","version":1}')[0]!.message).toMatch(/format: must be "chokepoint-workspace"/);
    const claim = { id: 'c1', statement: 'x', year: 20.5, citations: [{ sourceId: 's-missing' }] };
    const errors = run(JSON.stringify({ format: 'chokepoint-workspace', version: 1, claims: [claim] }));
    expect(errors.map((e) => e.message)).toEqual(['claim "c1": year: must be a whole year']);
    const cites = run(JSON.stringify({ format: 'chokepoint-workspace', version: 1, claims: [{ ...claim, year: 2020 }] }));
    expect(cites[0]).toMatchObject({
      column: 'claims.0.citations.0.sourceId',
      message: expect.stringMatching(/cites source "s-missing", which is neither/) as unknown,
    });
    workspace.close();
  });
});

describe('claims CSV', () => {
  it('has one row per claim with evidence and citation columns, opens in a spreadsheet, and defuses formulas', () => {
    const workspace = createWorkspace(join(tempFolder(), 'w.sqlite'), { starter: true });
    const db = workspace.db;
    importClaims(
      db,
      {
        format: 'csv',
        content: 'Claim,Value\n"=HYPERLINK(""http://x"")",-3\n',
        recipe: { sourceId: 'src-u-s-geological-surve-af1514', columns: { statement: 'Claim', value: 'Value' } },
      },
      { dryRun: false },
    );
    db.prepare(
      "INSERT INTO claim_citations (claim_id, source_id, excerpt, stance) VALUES ('mine-cn-2024-usgs2025', 'src-mp-materials-corp-8c4ac2', 'lower, \"we think\"', 'contradicts')",
    ).run();
    const text = exportWorkspace(db, 'csv');
    expect(text.startsWith('\ufeffid,statement,')).toBe(true);
    expect(text).toContain('\r\n');
    const csv = parseCsv(text);
    expect(csv.header).toEqual([...claimsCsvHeader]);
    expect(csv.rows).toHaveLength(counts(db).claims);
    const row = (id: string) =>
      Object.fromEntries(csv.header.map((h, i) => [h, csv.rows.find((r) => r.cells[0] === id)!.cells[i]]));
    const china = row('mine-cn-2024-usgs2025');
    expect(china).toMatchObject({
      stage: 'mining',
      country: 'China',
      metric: 'production_t',
      value: '270000',
      year: '2024',
      source_ids: 'src-u-s-geological-surve-af1514 | src-mp-materials-corp-8c4ac2',
      stances: 'supports | contradicts',
    });
    const title = (id: string) => db.prepare('SELECT title FROM sources WHERE id = ?').pluck().get(id) as string;
    expect(china.source_titles).toBe(`${title('src-u-s-geological-surve-af1514')} | ${title('src-mp-materials-corp-8c4ac2')}`);
    expect(china.excerpts).toMatch(/ \| lower, "we think"$/);
    expect(['yes', 'no']).toContain(china.contested);
    const formula = csv.rows.find((r) => r.cells[1]!.includes('HYPERLINK'))!;
    expect(formula.cells[1]).toBe('\'=HYPERLINK("http://x")');
    expect(formula.cells[7]).toBe('-3');
    workspace.close();
  });
});
