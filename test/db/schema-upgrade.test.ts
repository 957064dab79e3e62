import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { executeOperation } from '../../db/api';
import { verifyAuditChain } from '../../db/audit/log';
import { CURRENT_SCHEMA_VERSION, migrations } from '../../db/migrations';
import type { Migration } from '../../db/migrations/migration';
import { checkWorkspace, openWorkspace, type Workspace } from '../../db/workspace/open';
import { useTempFolder } from './temp-folder';

/**
 * Every schema version that has shipped, as that version's own code wrote it (see
 * fixtures/schema-versions/make-fixtures.ts): each must open in today's Chokepoint at the current
 * schema with every row it held, a clean audit chain, and a backup equal to the file as it was.
 */
const tempFolder = useTempFolder();
const fixtures = join(import.meta.dirname, 'fixtures/schema-versions');
const shipped = Array.from({ length: CURRENT_SCHEMA_VERSION }, (_, index) => index + 1);

function unpack(version: number, dir: string): string {
  const file = join(dir, `analyst-v${version}.sqlite`);
  writeFileSync(file, gunzipSync(readFileSync(join(fixtures, `v${version}.sqlite.gz`))));
  return file;
}

/** Reads a file without ever writing to it (no WAL switch, no migration). */
function readOnly<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

type Rows = Record<string, unknown>[];

function columnsOf(db: Database.Database, table: string): string[] {
  return db.prepare(`SELECT name FROM pragma_table_xinfo(?) WHERE hidden IN (0, 2, 3)`).pluck().all(table) as string[];
}

/** Every stored table (FTS shadow tables included) as sorted rows, so page layout does not matter. */
function tables(db: Database.Database, only?: Record<string, string[]>): Record<string, Rows> {
  const names = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'",
    )
    .pluck()
    .all() as string[];
  const dump: Record<string, Rows> = {};
  for (const name of names) {
    const columns = only ? only[name] : columnsOf(db, name);
    if (!columns) continue;
    const rows = db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${name}"`).all() as Rows;
    dump[name] = rows
      .map((row) => ({ row, key: JSON.stringify(row) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ row }) => row);
  }
  return dump;
}

function fingerprint(file: string) {
  return readOnly(file, (db) => ({
    userVersion: db.pragma('user_version', { simple: true }) as number,
    schema: db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name').all(),
    tables: tables(db),
  }));
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function call<T>(workspace: Workspace, name: string, input: unknown = {}): T {
  const result = executeOperation({ workspace }, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value as T;
}

interface ClaimRow {
  id: string;
  statement: string;
  value: number | null;
  unit: string | null;
  citations: { sourceId: string; excerpt: string | null; locator: string | null }[];
  tags: string[];
}

describe.each(shipped)('a workspace written by Chokepoint at schema %i', (version) => {
  it('opens at the current schema with every row, its audit trail and a backup equal to the file as it was', () => {
    const dir = tempFolder();
    const file = unpack(version, dir);
    const original = fingerprint(file);
    expect(original.userVersion).toBe(version);
    const shape = Object.fromEntries(
      readOnly(file, (db) => Object.keys(original.tables).map((table) => [table, columnsOf(db, table)])),
    );

    const workspace = openWorkspace(file);
    try {
      expect(workspace.db.pragma('user_version', { simple: true })).toBe(CURRENT_SCHEMA_VERSION);

      // Every row of every table the old version had, column for column (derived ones too: migration
      // 3 recomputes claim_evidence's side from the bloc table and must arrive at what it was).
      expect(tables(workspace.db, shape)).toEqual(original.tables);

      // The analyst's own claim as the fixture's code wrote and then edited it, still cited and searchable.
      if (version >= 2) {
        const found = call<{ total: number; rows: ClaimRow[] }>(workspace, 'listClaims', { search: 'Kuantan' });
        const kuantan = found.rows.find((row) => row.statement.startsWith('Kuantan'));
        expect(kuantan).toMatchObject({ value: 12500, unit: 't REO', tags: ['edited', 'fixture'] });
        expect(kuantan!.citations).toMatchObject([{ excerpt: 'nameplate capacity of 12,500 tonnes', locator: 'p. 4' }]);
        const history = call<{ action: string; after: { value: number } }[]>(workspace, 'getHistory', {
          entityType: 'claim',
          entityId: kuantan!.id,
        });
        expect(history.map((record) => [record.action, record.after.value])).toEqual([
          ['update', 12500],
          ['create', 12000],
        ]);
        const chain = verifyAuditChain(workspace.db);
        expect(chain).toEqual({ records: original.tables.audit_log!.length });
        expect(chain.records).toBeGreaterThanOrEqual(6);
      }
      if (version >= 3) {
        const sides = call<{ country: string; side: string }[]>(workspace, 'listCountrySides');
        expect(sides).toContainEqual(expect.objectContaining({ country: 'Hong Kong', side: 'china' }));
      }
      if (version >= 4) {
        const assessment = call<{ judged: { stage: string; factor: string; score: number }[] }>(workspace, 'getAssessment');
        expect(assessment.judged).toContainEqual(expect.objectContaining({ stage: 'magnets', factor: 'know_how', score: 80 }));
        expect(call<{ name: string }[]>(workspace, 'listScenarios').map((s) => s.name)).toEqual(['Fixture: Lynas Texas online']);
        expect(call<{ note: string }[]>(workspace, 'listSnapshots').map((s) => s.note)).toEqual([
          `taken under schema ${version}`,
        ]);
      }
      if (version >= 5) {
        expect(call<{ name: string }[]>(workspace, 'listReports').map((r) => r.name)).toEqual(['Fixture brief']);
      }

      // The app works on the upgraded file: summary, paging, and the capacity model.
      const summary = call<{ schemaVersion: number; sources: number; claims: number }>(workspace, 'getWorkspaceSummary');
      expect(summary).toMatchObject({
        schemaVersion: CURRENT_SCHEMA_VERSION,
        sources: original.tables.sources!.length,
        claims: original.tables.claims!.length,
      });
      const page = call<{ total: number; rows: unknown[] }>(workspace, 'listClaims', { sort: 'credibility', limit: 10 });
      expect(page.total).toBe(original.tables.claims!.length);
      const gap = call<{ china: { value: number } }>(workspace, 'getGap', {
        stage: 'mining',
        metric: 'production_t',
        year: 2024,
      });
      expect(gap.china.value).toBeGreaterThan(0);
      call(workspace, 'getStageOverview', { metric: 'capacity_t_per_yr' });
    } finally {
      workspace.close();
    }

    expect(checkWorkspace(file, 'full')).toEqual({ schemaVersion: CURRENT_SCHEMA_VERSION, problems: [] });
    if (version === CURRENT_SCHEMA_VERSION) {
      expect(workspace.backupFile).toBeUndefined();
    } else {
      expect(workspace.backupFile).toBeDefined();
      expect(existsSync(workspace.backupFile!)).toBe(true);
      expect(fingerprint(workspace.backupFile!)).toEqual(original);
    }
  });
});

describe('an upgrade that fails part-way', () => {
  // Migrations 5 and 6 apply, then a next step writes to a table and changes claims before it fails:
  // the kind of half-finished state a one-step-at-a-time upgrade would leave behind.
  const failing: Migration = {
    version: CURRENT_SCHEMA_VERSION + 1,
    name: 'claim currencies',
    up: (db) => {
      db.exec("CREATE TABLE claim_currencies (claim_id TEXT PRIMARY KEY, currency TEXT NOT NULL DEFAULT 'USD') STRICT");
      db.exec("INSERT INTO claim_currencies (claim_id) SELECT id FROM claims; UPDATE claims SET unit = 'USD/kg'");
      throw new Error('no exchange rate for 2019');
    },
  };

  it('names the step, rolls every step back and leaves the file and its backup as they were', () => {
    const dir = tempFolder();
    const file = unpack(4, dir);
    const original = fingerprint(file);
    const bytes = sha256(file);

    let message = '';
    try {
      openWorkspace(file, { migrations: [...migrations, failing] }).close();
    } catch (error) {
      message = (error as Error).message;
    }
    // What the analyst relies on: the file is the schema-4 workspace it was (no reports table from
    // step 5, no half-made step 8), readable by the Chokepoint that wrote it; byte for byte, even.
    expect(fingerprint(file)).toEqual(original);
    expect(sha256(file)).toBe(bytes);
    expect(statSync(file).size).toBeGreaterThan(0);
    for (const leftover of [`${file}-wal`, `${file}-journal`]) {
      expect(existsSync(leftover) ? statSync(leftover).size : 0).toBe(0);
    }

    expect(message).toBe(
      `Upgrading the workspace from schema 4 to ${CURRENT_SCHEMA_VERSION + 1} failed in migration ${CURRENT_SCHEMA_VERSION + 1} (claim currencies): no exchange rate for 2019. Every step was rolled back: the workspace is still at schema 4, unchanged.`,
    );

    // Wherever the backup is kept beside the workspace: every other SQLite file in its folder.
    const backups = (readdirSync(dir, { recursive: true }) as string[])
      .filter((name) => /\.sqlite$/.test(name) && join(dir, name) !== file)
      .filter((name) => statSync(join(dir, name)).isFile());
    expect(backups).toHaveLength(1);
    expect(fingerprint(join(dir, backups[0]!))).toEqual(original);
  });
});
