import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { isPlainSqlite } from './encrypted-file';
import { connect, isEncryptedConnection } from './sqlite';

/**
 * Where a workspace's backups live, what they are called, and how one is written. Every backup of
 * `Rare earths.sqlite` goes into the folder `Rare earths backups/` beside it, named
 * `Rare earths.backup-<kind>-<UTC time>.sqlite`, so the analyst can find (and open) them in the file
 * manager without Chokepoint, and Chokepoint can tell the kind and time from the name alone.
 *
 * A backup is copied with SQLite's online backup API (page by page through a read transaction, so it
 * is one consistent state of the workspace, committed transactions only, including those still in
 * the write-ahead log) into a hidden `.partial` file, switched to a single-file journal mode and only
 * then renamed to its final name: a crash half-way leaves a `.partial`, never something that looks
 * like a backup.
 */

export const backupKinds = ['before-migration', 'before-import', 'scheduled', 'manual', 'before-restore'] as const;
export type BackupKind = (typeof backupKinds)[number];

/**
 * How many of each kind are kept; the oldest beyond that are deleted after each new one of that
 * kind. Backups taken before a migration are never deleted automatically: each is the only copy of
 * the workspace at its older schema, the one file an older Chokepoint can still open (a way back
 * from an upgrade), and there is one per upgrade, so they do not pile up.
 */
export const KEEP_BACKUPS: Record<Exclude<BackupKind, 'before-migration'>, number> = {
  scheduled: 10,
  'before-import': 10,
  manual: 5,
  'before-restore': 5,
};

/** `…/Rare earths.sqlite` → `…/Rare earths backups`. */
export function backupsFolder(workspaceFile: string): string {
  return join(dirname(workspaceFile), `${basename(workspaceFile, extname(workspaceFile))} backups`);
}

/** 2026-11-27T08:34:05.123Z → 20261127T083405Z: sorts as text, and is a legal file name everywhere. */
function stampOf(time: Date): string {
  return time
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

function kindToken(kind: BackupKind, schemaVersion?: number): string {
  return kind === 'before-migration' ? `before-schema-${schemaVersion ?? 0}` : kind;
}

/** The name a backup of `workspaceFile` taken at `time` gets (without the folder). */
export function backupName(workspaceFile: string, kind: BackupKind, time: Date, schemaVersion?: number, serial = 1): string {
  const ext = extname(workspaceFile) || '.sqlite';
  const base = basename(workspaceFile, extname(workspaceFile));
  return `${base}.backup-${kindToken(kind, schemaVersion)}-${stampOf(time)}${serial > 1 ? `-${serial}` : ''}${ext}`;
}

export interface ParsedBackupName {
  kind: BackupKind;
  /** ISO time the backup was taken (to the second). */
  takenAt: string;
  /** For a backup before a migration: the schema it was taken before upgrading to. */
  beforeSchema?: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Reads kind and time back from a backup's name; undefined for any other file. */
export function parseBackupName(workspaceFile: string, name: string): ParsedBackupName | undefined {
  const ext = extname(workspaceFile) || '.sqlite';
  const base = basename(workspaceFile, extname(workspaceFile));
  const match = new RegExp(
    `^${escapeRegExp(base)}\\.backup-(before-schema-(\\d+)|before-import|scheduled|manual|before-restore)-(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z(?:-\\d+)?${escapeRegExp(ext)}$`,
  ).exec(name);
  if (!match) return undefined;
  const [, token, schema, year, month, day, hour, minute, second] = match;
  const takenAt = `${year}-${month}-${day}T${hour}:${minute}:${second}Z`;
  if (schema !== undefined) return { kind: 'before-migration', takenAt, beforeSchema: Number(schema) };
  return { kind: token as BackupKind, takenAt };
}

/**
 * better-sqlite3 offers the online backup API only as `db.backup()`, which copies 100 pages per turn
 * of the event loop and returns a promise. Opening and migrating a workspace, an import and a
 * restore are synchronous, so they copy in one step through the same native backup object that
 * `db.backup()` drives (sqlite3_backup_step(-1): every page under one read transaction). The
 * scheduled backup, which must not hold up the analyst, uses `db.backup()` itself (copyInTurns).
 */
interface NativeBackup {
  transfer(pages: number): { totalPages: number; remainingPages: number };
  close(): void;
}
interface NativeDatabase {
  backup(db: Database, attached: string, target: string, unlinkUnlessDone: boolean): NativeBackup;
}

function nativeDatabase(db: Database): NativeDatabase {
  const holder = db as unknown as Record<symbol, unknown>;
  for (const key of Object.getOwnPropertySymbols(db)) {
    const value = holder[key] as Partial<NativeDatabase> | undefined;
    if (value && typeof value.backup === 'function') return value as NativeDatabase;
  }
  throw new Error('This better-sqlite3 build offers no backup handle; update db/workspace/backup-files.ts.');
}

/** Copies the database `source` is connected to into `target` (a new file), in one step. */
export function copyNow(source: Database, target: string): void {
  // The source's own open write transaction would make SQLite answer BUSY (it never copies uncommitted pages).
  if (source.inTransaction) throw new Error('A backup cannot be taken inside an open transaction.');
  // SQLite3 Multiple Ciphers refuses a page copy from an encrypted workspace into a new, unkeyed file
  // (and a plain copy would leak it); VACUUM INTO writes the copy encrypted with the same key.
  if (isEncryptedConnection(source)) {
    source.prepare('VACUUM INTO ?').run(target);
    return;
  }
  const job = nativeDatabase(source).backup(source, 'main', target, true);
  let progress: { totalPages: number; remainingPages: number };
  try {
    progress = job.transfer(-1);
  } finally {
    job.close();
  }
  // Anything short of SQLITE_DONE (BUSY) deletes the target on close: a backup that did not finish is no backup.
  if (progress.remainingPages !== 0 || progress.totalPages === 0 || !existsSync(target)) {
    throw new Error('SQLite was busy and the backup did not finish; try again.');
  }
}

async function copyInTurns(source: Database, target: string): Promise<void> {
  if (isEncryptedConnection(source)) copyNow(source, target);
  else await source.backup(target);
}

/**
 * A backup is read later by read-only connections (the list, a restore); in WAL mode each would need
 * -wal and -shm files beside it. Rollback-journal mode keeps a backup one self-contained file.
 */
export function makeSelfContained(file: string): void {
  // An encrypted copy comes from VACUUM INTO, which writes rollback-journal mode already.
  if (!isPlainSqlite(file)) return;
  const db = connect(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

export interface BackupOptions {
  /** When the backup is taken (tests pass a fixed clock). */
  now?: Date;
  /** For a backup before a migration: the schema the workspace is about to be upgraded to. */
  schemaVersion?: number;
}

/** A free name for a new backup of `kind` in the backups folder, which is made if need be. */
export function targetFor(workspaceFile: string, kind: BackupKind, options: BackupOptions): string {
  const folder = backupsFolder(workspaceFile);
  mkdirSync(folder, { recursive: true });
  const time = options.now ?? new Date();
  for (let serial = 1; ; serial++) {
    const target = join(folder, backupName(workspaceFile, kind, time, options.schemaVersion, serial));
    if (!existsSync(target) && !existsSync(partialOf(target))) return target;
  }
}

export function partialOf(target: string): string {
  return join(dirname(target), `.${basename(target)}.partial`);
}

function finish(workspaceFile: string, kind: BackupKind, partial: string, target: string): string {
  makeSelfContained(partial);
  renameSync(partial, target);
  pruneBackups(workspaceFile, kind);
  return target;
}

/**
 * Backs up the workspace `source` is connected to (read-write or read-only) as a backup of `kind`;
 * returns the backup's path. Synchronous: the caller waits for the copy.
 */
export function backUpWorkspace(source: Database, workspaceFile: string, kind: BackupKind, options: BackupOptions = {}): string {
  const target = targetFor(workspaceFile, kind, options);
  const partial = partialOf(target);
  try {
    copyNow(source, partial);
    return finish(workspaceFile, kind, partial, target);
  } catch (error) {
    removeWithJournal(partial);
    throw error;
  }
}

/** The same, copying a few pages per turn of the event loop, so requests are answered meanwhile. */
export async function backUpWorkspaceInTurns(
  source: Database,
  workspaceFile: string,
  kind: BackupKind,
  options: BackupOptions = {},
): Promise<string> {
  const target = targetFor(workspaceFile, kind, options);
  const partial = partialOf(target);
  try {
    await copyInTurns(source, partial);
    return finish(workspaceFile, kind, partial, target);
  } catch (error) {
    removeWithJournal(partial);
    throw error;
  }
}

/** Backs up a workspace file that is not open, through a read-only connection of its own. */
export function backUpWorkspaceFile(
  workspaceFile: string,
  kind: BackupKind,
  options: BackupOptions & { passphrase?: string } = {},
): string {
  const { passphrase, ...rest } = options;
  const reader = connect(workspaceFile, {
    readonly: true,
    fileMustExist: true,
    ...(passphrase === undefined ? {} : { passphrase }),
  });
  try {
    return backUpWorkspace(reader, workspaceFile, kind, rest);
  } finally {
    reader.close();
  }
}

export function removeWithJournal(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

/** A `.partial` older than this is left over from a crash (a copy takes seconds, not hours). */
const STALE_PARTIAL_MS = 6 * 60 * 60 * 1000;

/** Deletes the oldest backups of `kind` beyond its quota (never a backup taken before a migration). */
export function pruneBackups(workspaceFile: string, kind: BackupKind): string[] {
  if (kind === 'before-migration') return [];
  const folder = backupsFolder(workspaceFile);
  if (!existsSync(folder)) return [];
  const names = readdirSync(folder);
  const ofKind = names
    .map((name) => ({ name, parsed: parseBackupName(workspaceFile, name) }))
    .filter((entry) => entry.parsed?.kind === kind)
    // Newest first: by time in the name, then by serial (a longer name within the same second is later).
    .sort(
      (a, b) =>
        b.parsed!.takenAt.localeCompare(a.parsed!.takenAt) || b.name.length - a.name.length || b.name.localeCompare(a.name),
    );
  const removed = ofKind.slice(KEEP_BACKUPS[kind]).map((entry) => join(folder, entry.name));
  for (const file of removed) removeWithJournal(file);
  const now = Date.now();
  for (const name of names) {
    const file = join(folder, name);
    if (name.startsWith('.') && name.endsWith('.partial') && now - statSync(file).mtimeMs > STALE_PARTIAL_MS)
      removeWithJournal(file);
  }
  return removed;
}

/**
 * Taken at the start of every import that writes (the CLI's, the import wizard's, the big-file
 * import): one place, called where the import's transaction begins. Skipped for a database that is
 * not a workspace file (in memory) and inside a caller's own transaction (the copy could not see it).
 */
export function backUpBeforeImport(db: Database): string | undefined {
  if (db.memory || db.inTransaction || !existsSync(db.name)) return undefined;
  return backUpWorkspace(db, resolve(db.name), 'before-import');
}
