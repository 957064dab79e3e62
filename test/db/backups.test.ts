import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { executeOperation, type OperationContext } from '../../db/api';
import { createWorkspace } from '../../db/workspace/create';
import { backUpWorkspace, backupsFolder, KEEP_BACKUPS } from '../../db/workspace/backup-files';
import { listBackups, restoreBackup } from '../../db/workspace/backups';
import { checkWorkspace, openWorkspace, type Workspace } from '../../db/workspace/open';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function starter(dir: string, name = 'Rare earths.sqlite'): Workspace {
  return createWorkspace(join(dir, name), { starter: true });
}

const claimCount = (db: Database.Database) => db.prepare('SELECT count(*) FROM claims').pluck().get() as number;
const firstClaimId = (db: Database.Database) => db.prepare('SELECT id FROM claims ORDER BY id LIMIT 1').pluck().get() as string;

/** A front end's context: one workspace the restore operation may swap. */
function swappable(workspace: Workspace): OperationContext {
  const context: OperationContext = { workspace, replaceWorkspace: (next) => (context.workspace = next) };
  return context;
}

function run<T>(context: OperationContext, name: string, input?: unknown): T {
  const result = executeOperation(context, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

describe('backups', () => {
  it('restores a backup from the Backups panel operations: the later edit is gone, kept in a before-restore backup, and the audit trail verifies', () => {
    const dir = tempFolder();
    const context = swappable(starter(dir));
    const file = context.workspace.file;
    const before = claimCount(context.workspace.db);
    const taken = run<{ name: string; kind: string; claims: number }>(context, 'backUpNow');
    expect(taken).toMatchObject({ kind: 'manual', claims: before });
    expect(existsSync(join(dir, 'Rare earths backups', taken.name))).toBe(true);

    const deleted = firstClaimId(context.workspace.db);
    run(context, 'deleteClaim', { id: deleted });
    expect(claimCount(context.workspace.db)).toBe(before - 1);

    const outcome = run<{ safetyBackup: string }>(context, 'restoreBackup', { backup: taken.name });
    // The operation put a new connection in place; the old one is closed.
    expect(context.workspace.db.open).toBe(true);
    expect(claimCount(context.workspace.db)).toBe(before);
    expect(context.workspace.db.prepare('SELECT 1 FROM claims WHERE id = ?').get(deleted)).toBeDefined();
    expect(context.workspace.db.pragma('journal_mode', { simple: true })).toBe('wal');

    const listed = run<{ backups: { name: string; kind: string; claims: number }[] }>(context, 'listBackups').backups;
    expect(listed.map((b) => b.kind)).toEqual(['before-restore', 'manual']);
    expect(listed[0]).toMatchObject({ name: outcome.safetyBackup, claims: before - 1 });
    context.workspace.close();
    expect(checkWorkspace(file, 'full').problems).toEqual([]);
    expect(checkWorkspace(join(backupsFolder(file), outcome.safetyBackup), 'full').problems).toEqual([]);
  });

  it('copies only committed transactions, while another connection holds an open write', () => {
    const workspace = starter(tempFolder());
    // Committed but still in the write-ahead log: a plain file copy would miss this.
    workspace.db.exec('DELETE FROM claim_tags WHERE tag IN (SELECT tag FROM claim_tags LIMIT 1)');
    const other = new Database(workspace.file);
    other.exec('BEGIN IMMEDIATE');
    other.exec('DELETE FROM claim_tags');
    const backup = backUpWorkspace(workspace.db, workspace.file, 'manual');
    other.exec('ROLLBACK');
    other.close();
    const copy = new Database(backup, { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM claim_tags').pluck().get()).toBe(
      workspace.db.prepare('SELECT count(*) FROM claim_tags').pluck().get(),
    );
    // One self-contained file: reading it leaves no -wal or -shm in the backups folder.
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    workspace.close();
    expect(readdirSync(backupsFolder(workspace.file))).toEqual([basename(backup)]);
  });

  it('leaves nothing that looks like a backup when a copy cannot be made', () => {
    const workspace = starter(tempFolder());
    workspace.db.exec('BEGIN');
    expect(() => backUpWorkspace(workspace.db, workspace.file, 'manual')).toThrow(/inside an open transaction/);
    workspace.db.exec('ROLLBACK');
    expect(readdirSync(backupsFolder(workspace.file))).toEqual([]);
    workspace.close();
  });

  it('keeps the newest of each rolling kind and every backup taken before a migration', () => {
    const workspace = starter(tempFolder());
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 8, minute, 0));
    for (let minute = 0; minute < 13; minute++) {
      backUpWorkspace(workspace.db, workspace.file, 'scheduled', { now: at(minute) });
      backUpWorkspace(workspace.db, workspace.file, 'before-migration', { now: at(minute), schemaVersion: 9 });
    }
    const backups = listBackups(workspace.file);
    const scheduled = backups.filter((b) => b.kind === 'scheduled');
    expect(scheduled).toHaveLength(KEEP_BACKUPS.scheduled);
    // Newest first, and the three oldest went.
    expect(scheduled[0]!.takenAt).toBe('2026-11-27T08:12:00Z');
    expect(scheduled.at(-1)!.takenAt).toBe('2026-11-27T08:03:00Z');
    expect(backups.filter((b) => b.kind === 'before-migration')).toHaveLength(13);
    workspace.close();
  });

  it('refuses to restore a file that is not a Chokepoint workspace, naming it and changing nothing', () => {
    const dir = tempFolder();
    const workspace = starter(dir);
    const file = workspace.file;
    workspace.close();
    const notes = join(dir, 'notes.sqlite');
    writeFileSync(notes, 'claim,value\nNdPr,1\n');
    const foreign = join(dir, 'other app.sqlite');
    new Database(foreign).exec('CREATE TABLE t (x)');
    const unchanged = sha256(file);
    expect(() => restoreBackup(file, notes)).toThrow(/notes\.sqlite is not a Chokepoint workspace/);
    expect(() => restoreBackup(file, foreign)).toThrow(/other app\.sqlite is an SQLite database but not a Chokepoint workspace/);
    expect(sha256(file)).toBe(unchanged);
    expect(existsSync(backupsFolder(file))).toBe(false);
  });

  it('refuses to restore while another connection has the workspace open, and the app keeps working', () => {
    const context = swappable(starter(tempFolder()));
    const taken = run<{ name: string }>(context, 'backUpNow');
    const other = new Database(context.workspace.file);
    other.prepare('SELECT count(*) FROM claims').get();
    const result = executeOperation(context, 'restoreBackup', { backup: taken.name });
    expect(result).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Another program .* has .* open/) as unknown },
    });
    other.close();
    expect(context.workspace.db.open).toBe(true);
    run(context, 'deleteClaim', { id: firstClaimId(context.workspace.db) });
    context.workspace.close();
  });

  it('restores a damaged workspace from the command line path, keeping the damaged bytes', () => {
    const dir = tempFolder();
    const workspace = starter(dir);
    const file = workspace.file;
    const claims = claimCount(workspace.db);
    // A backup kept elsewhere (a colleague's copy): the workspace has no backups folder yet.
    const backup = join(dir, 'kept copy.sqlite');
    renameSync(backUpWorkspace(workspace.db, file, 'manual'), backup);
    rmSync(backupsFolder(file), { recursive: true });
    workspace.close();
    const bytes = readFileSync(file);
    bytes.fill(0xde, 4096 * 3, 4096 * 4);
    writeFileSync(file, bytes);
    const damaged = sha256(file);
    const outcome = restoreBackup(file, backup);
    expect(claimCount(outcome.workspace.db)).toBe(claims);
    outcome.workspace.close();
    expect(sha256(outcome.safetyBackup!)).toBe(damaged);
    expect(listBackups(file).find((b) => b.file === outcome.safetyBackup)).toMatchObject({ kind: 'before-restore' });
  });

  it('takes a before-import backup when an import writes, and none for a preview', () => {
    const context = swappable(starter(tempFolder()));
    const claims = claimCount(context.workspace.db);
    const request = {
      format: 'csv',
      content: 'Country,Year,Value\nAustralia,2030,123\n',
      recipe: {
        sourceId: 'src-u-s-geological-surve-af1514',
        constants: { stage: 'mining', metric: 'production_t', unit: 't' },
        columns: { country: 'Country', year: 'Year', value: 'Value' },
      },
    };
    const preview = executeOperation(context, 'previewImport', request);
    expect(preview.ok).toBe(true);
    expect(listBackups(context.workspace.file)).toEqual([]);
    const imported = run<{ committed: boolean }>(context, 'runImport', request);
    expect(imported.committed).toBe(true);
    const backups = listBackups(context.workspace.file);
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatchObject({ kind: 'before-import', claims });
    expect(claimCount(context.workspace.db)).toBe(claims + 1);
    context.workspace.close();
  });

  it('names backups by file name only: a path is refused', () => {
    const context = swappable(starter(tempFolder()));
    const result = executeOperation(context, 'restoreBackup', { backup: '../Rare earths.sqlite' });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not a path/) as unknown } });
    const missing = executeOperation(context, 'restoreBackup', { backup: 'Rare earths.backup-manual-20200101T000000Z.sqlite' });
    expect(missing).toMatchObject({ ok: false, error: { message: expect.stringMatching(/No backup named/) as unknown } });
    context.workspace.close();
  });

  it('refuses a restore where the front end cannot swap the workspace (during an import)', () => {
    const workspace = starter(tempFolder());
    const taken = executeOperation({ workspace }, 'backUpNow', {});
    expect(taken.ok).toBe(true);
    const result = executeOperation({ workspace }, 'restoreBackup', {
      backup: (taken as { value: { name: string } }).value.name,
    });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/import is running/) as unknown } });
    expect(workspace.db.open).toBe(true);
    workspace.close();
  });

  it('lists backups taken before a migration by earlier versions, beside the workspace', () => {
    const dir = tempFolder();
    const workspace = starter(dir);
    const legacy = join(dir, 'Rare earths.backup-before-schema-3-20260101T120000Z.sqlite');
    workspace.db.prepare('VACUUM INTO ?').run(legacy);
    const listed = listBackups(workspace.file);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ kind: 'before-migration', takenAt: '2026-01-01T12:00:00Z', file: legacy });
    workspace.close();
  });

  // Each connection to an encrypted file derives its key (PBKDF2, 256,000 rounds): a dozen here.
  it(
    'backs up an encrypted workspace encrypted with the same key, and restores it with the passphrase',
    { timeout: 30_000 },
    () => {
      const dir = tempFolder();
      const workspace = createWorkspace(join(dir, 'secret.sqlite'), { starter: false, passphrase: 'correct horse' });
      const backup = backUpWorkspace(workspace.db, workspace.file, 'manual');
      workspace.db.prepare("UPDATE workspace_meta SET value = 'Renamed' WHERE key = 'name'").run();
      workspace.close();
      // Never a plaintext copy of an encrypted workspace.
      expect(readFileSync(backup).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
      expect(listBackups(workspace.file)[0]).toMatchObject({ kind: 'manual', encrypted: true });
      expect(listBackups(workspace.file)[0]!.claims).toBeUndefined();
      expect(() => restoreBackup(workspace.file, backup)).toThrow(/encrypted: open it with its passphrase/);
      const outcome = restoreBackup(workspace.file, backup, { passphrase: 'correct horse' });
      expect(outcome.workspace.db.prepare("SELECT value FROM workspace_meta WHERE key = 'name'").pluck().get()).toBe('secret');
      outcome.workspace.close();
      expect(readFileSync(outcome.safetyBackup!).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    },
  );

  it('migrating an older workspace backs it up into the backups folder', () => {
    const dir = tempFolder();
    const file = join(dir, 'old.sqlite');
    const old = openWorkspace(file, { create: true, migrations: [] });
    old.close();
    const upgraded = openWorkspace(file);
    expect(upgraded.backupFile).toBe(join(dir, 'old backups', basename(upgraded.backupFile!)));
    expect(listBackups(file)[0]).toMatchObject({ kind: 'before-migration' });
    upgraded.close();
  });
});
