import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { executeOperation } from '../../db/api';
import { UserError } from '../../db/errors';
import { CURRENT_SCHEMA_VERSION, migrations } from '../../db/migrations';
import type { Migration } from '../../db/migrations/migration';
import { createWorkspace } from '../../db/workspace/create';
import { ALWAYS_CHECK_BELOW_BYTES, checkWorkspace, openWorkspace, openWorkspaceReadOnly } from '../../db/workspace/open';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Overwrites one page of a database file with garbage, as a failing disk or a bad copy would. */
function damagePage(file: string, page: number): void {
  const bytes = readFileSync(file);
  bytes.fill(0xde, 4096 * (page - 1), 4096 * page);
  writeFileSync(file, bytes);
}

function closedCopyOfStarter(dir: string): string {
  const file = join(dir, 'starter.sqlite');
  createWorkspace(file, { starter: true }).close();
  return file;
}

describe('opening and creating a workspace', () => {
  it('creates a workspace in WAL mode with foreign keys on and durable commits', () => {
    const file = join(tempFolder(), 'new.sqlite');
    const workspace = openWorkspace(file, { create: true });
    expect(workspace.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(workspace.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(workspace.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(workspace.db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    workspace.close();
  });

  it('refuses to open a missing file unless asked to create it', () => {
    const file = join(tempFolder(), 'missing.sqlite');
    expect(() => openWorkspace(file)).toThrow(/No workspace at .*missing\.sqlite/);
    expect(existsSync(file)).toBe(false);
  });

  it('keeps what was written across a reopen', () => {
    const file = join(tempFolder(), 'w.sqlite');
    const first = createWorkspace(file, { starter: false, name: 'Gallium review' });
    first.db
      .prepare("INSERT INTO sources (id, title, publisher_type, reliability) VALUES ('s1', 'Annual report', 'company', 'C')")
      .run();
    first.close();
    const again = openWorkspace(file);
    expect(again.db.prepare('SELECT title FROM sources').pluck().all()).toEqual(['Annual report']);
    expect(again.db.prepare("SELECT value FROM workspace_meta WHERE key = 'name'").pluck().get()).toBe('Gallium review');
    expect(again.backupFile).toBeUndefined();
    again.close();
  });

  it('enforces foreign keys: a citation of a missing source is refused', () => {
    const workspace = createWorkspace(join(tempFolder(), 'w.sqlite'), { starter: true });
    const cite = workspace.db.prepare(
      "INSERT INTO claim_citations (claim_id, source_id) VALUES ('mine-cn-2024-usgs2025', 'no-such-source')",
    );
    expect(() => cite.run()).toThrow(/FOREIGN KEY/);
    workspace.close();
  });

  it('refuses to create over an existing file and leaves it alone', () => {
    const file = closedCopyOfStarter(tempFolder());
    const before = sha256(file);
    expect(() => createWorkspace(file, { starter: false })).toThrow(/already exists/);
    expect(sha256(file)).toBe(before);
  });
});

describe('migrations', () => {
  const next = migrations.at(-1)!.version + 1;
  const renameSources: Migration = {
    version: next,
    name: 'source language',
    up: (db) => db.exec("ALTER TABLE sources ADD COLUMN language TEXT NOT NULL DEFAULT 'en'"),
  };
  const failing: Migration = {
    version: next,
    name: 'broken step',
    up: (db) => {
      db.exec('ALTER TABLE sources ADD COLUMN doomed TEXT');
      throw new Error('disk full halfway');
    },
  };

  it('backs the workspace up before migrating it, then migrates with the data intact', () => {
    const dir = tempFolder();
    const file = closedCopyOfStarter(dir);
    const before = sha256(file);
    const workspace = openWorkspace(file, { migrations: [...migrations, renameSources] });
    expect(workspace.db.pragma('user_version', { simple: true })).toBe(next);
    expect(workspace.db.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(80);
    expect(workspace.db.prepare("SELECT count(*) FROM sources WHERE language = 'en'").pluck().get()).toBe(52);
    workspace.close();

    expect(workspace.backupFile).toMatch(new RegExp(`starter\\.backup-before-schema-${next}-\\d{8}T\\d{6}Z\\.sqlite$`));
    const backup = new Database(workspace.backupFile, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(next - 1);
    expect(backup.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(80);
    backup.close();
    expect(sha256(file)).not.toBe(before);
  });

  it('upgrades a schema-1 workspace: its claims get an evidence status and become searchable', () => {
    const file = join(tempFolder(), 'v1.sqlite');
    const v1 = openWorkspace(file, { create: true, migrations: migrations.slice(0, 1) });
    v1.db.exec(`
      INSERT INTO sources (id, title, publisher_type, reliability) VALUES ('s1', 'Xinhua item', 'state_media', 'D');
      INSERT INTO claims (id, statement, stage, country, metric, value, year) VALUES
        ('c1', 'Baotou separation line reached 11,000 t', 'separation', 'China', 'capacity_t_per_yr', 11000, 2025);
      INSERT INTO claim_citations (claim_id, source_id) VALUES ('c1', 's1');`);
    v1.close();
    const upgraded = openWorkspace(file);
    expect(upgraded.backupFile).toMatch(new RegExp(`v1\\.backup-before-schema-${CURRENT_SCHEMA_VERSION}-`));
    const result = executeOperation({ workspace: upgraded }, 'listClaims', { search: 'Baotou' });
    expect(result).toMatchObject({
      ok: true,
      value: { total: 1, rows: [{ id: 'c1', evidence: { stateMediaOnly: true, independentOrigins: 1 } }] },
    });
    upgraded.close();
  });

  it('rolls a failing migration back: the workspace stays at its version with its data', () => {
    const file = closedCopyOfStarter(tempFolder());
    expect(() => openWorkspace(file, { migrations: [...migrations, failing] })).toThrow(/disk full halfway/);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(next - 1);
    const columns = check.prepare("SELECT name FROM pragma_table_info('sources')").pluck().all();
    expect(columns).not.toContain('doomed');
    expect(check.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(80);
    check.close();
  });

  it('refuses a workspace written by a newer Chokepoint without touching it', () => {
    const file = closedCopyOfStarter(tempFolder());
    const newer = new Database(file);
    newer.pragma('user_version = 99');
    newer.close();
    const before = sha256(file);
    expect(() => openWorkspace(file)).toThrow(/newer Chokepoint \(schema 99/);
    expect(sha256(file)).toBe(before);
  });
});

describe('damaged and foreign files', () => {
  it('refuses a damaged workspace with a clear message and leaves it byte-identical', () => {
    const dir = tempFolder();
    const file = closedCopyOfStarter(dir);
    damagePage(file, 5);
    const before = sha256(file);
    const error = (() => {
      try {
        openWorkspace(file);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/starter\.sqlite is damaged/);
    expect(() => openWorkspaceReadOnly(file)).toThrow(/damaged/);
    expect(() => checkWorkspace(file, 'full')).toThrow(/damaged/);
    expect(sha256(file)).toBe(before);
    expect(readdirSync(dir).filter((name) => name.includes('backup'))).toEqual([]);
  });

  it('checks a large workspace on open only after a session that did not close it, and then refuses it if damaged', () => {
    const dir = tempFolder();
    const file = closedCopyOfStarter(dir);
    const padding = new Database(file);
    padding.exec('CREATE TABLE bulk (data BLOB)');
    padding.prepare('INSERT INTO bulk VALUES (zeroblob(?))').run(ALWAYS_CHECK_BELOW_BYTES);
    padding.close();
    damagePage(file, 5);
    // Closed cleanly: opened without reading every page (the damage shows when that page is read).
    openWorkspaceReadOnly(file).close();
    // A write-ahead log left behind means the last session ended abruptly: now every page is checked.
    writeFileSync(`${file}-wal`, Buffer.alloc(0));
    openWorkspaceReadOnly(file).close();
    writeFileSync(`${file}-wal`, Buffer.alloc(32, 1));
    expect(() => openWorkspaceReadOnly(file)).toThrow(/starter\.sqlite is damaged/);
    expect(() => openWorkspace(file)).toThrow(/starter\.sqlite is damaged/);
  });

  it('refuses a file that is not SQLite, and an SQLite database that is not a workspace', () => {
    const dir = tempFolder();
    const text = join(dir, 'notes.sqlite');
    writeFileSync(text, 'Huaxing metal capacity 11,200 t/yr');
    expect(() => openWorkspace(text)).toThrow(/not a Chokepoint workspace/);
    expect(readFileSync(text, 'utf8')).toBe('Huaxing metal capacity 11,200 t/yr');

    const other = join(dir, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const before = sha256(other);
    expect(() => openWorkspace(other)).toThrow(/SQLite database but not a Chokepoint workspace/);
    expect(sha256(other)).toBe(before);
  });

  it('finds rows that refer to missing sources in a full check', () => {
    const file = closedCopyOfStarter(tempFolder());
    const db = new Database(file);
    db.pragma('foreign_keys = OFF');
    db.prepare("DELETE FROM sources WHERE id = 'src-u-s-geological-surve-af1514'").run();
    db.close();
    const check = checkWorkspace(file, 'full');
    expect(check.problems[0]).toMatch(/claim_citations refers to a missing row of sources/);
  });
});
