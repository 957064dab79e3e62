import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import { verifyAuditChain } from '../audit/log';
import { verifyAuditedRows } from '../audit/verify-rows';
import { UserError } from '../errors';
import { migrations as shippedMigrations } from '../migrations';
import type { Migration } from '../migrations/migration';
import { backUpWorkspaceFile } from './backup-files';
import { runMigrations } from './migrate';
import { applyConnectionPragmas, CHOKEPOINT_APPLICATION_ID } from './pragmas';
import {
  checkPassphrase,
  isNotADatabase,
  keyOption,
  looksEncrypted,
  needsPassphraseError,
  passphraseFor,
  wrongPassphraseError,
} from './encrypted-file';
import { connect } from './sqlite';

export interface Workspace {
  readonly file: string;
  readonly db: Database;
  /** Where the pre-migration copy went, when opening this workspace migrated it. */
  readonly backupFile?: string;
  close(): void;
}

export interface OpenOptions {
  /** Create the file when it does not exist (an empty workspace at the current schema). */
  create?: boolean;
  /** Replaceable so the migration runner can be tested with synthetic schema histories. */
  migrations?: readonly Migration[];
  /**
   * 'full' runs PRAGMA integrity_check; 'quick' skips index-content checks; 'on-open' (the default
   * on open) runs the quick check unless the file is large and was closed cleanly (see below).
   */
  integrity?: Integrity;
  /**
   * The passphrase of an encrypted workspace (or, with `create`, encrypt the new one with it). Never
   * stored: connections keep it in memory only (see db/workspace/sqlite.ts). Unused for a plain file.
   */
  passphrase?: string;
}

export type Integrity = 'quick' | 'full' | 'on-open';

/**
 * PRAGMA quick_check reads every page: 1.3 s at 100,000 claims, 9 s at a million, every time the
 * workspace opens. Below this size it always runs. Above it, it runs when the last session did not
 * close the file (a write-ahead log was left behind: a crash or power loss); a cleanly closed file
 * opens at once, and SQLite still refuses any damaged page it reads later. `chokepoint verify` runs
 * the full check on demand.
 */
export const ALWAYS_CHECK_BELOW_BYTES = 64 * 1024 * 1024;

function leftUnclean(file: string): boolean {
  for (const suffix of ['-wal', '-journal']) {
    const leftover = `${file}${suffix}`;
    if (existsSync(leftover) && statSync(leftover).size > 0) return true;
  }
  return false;
}

function integrityOnOpen(file: string): 'quick' | 'none' {
  return statSync(file).size < ALWAYS_CHECK_BELOW_BYTES || leftUnclean(file) ? 'quick' : 'none';
}

const SQLITE_HEADER = 'SQLite format 3\0';

function readHeader(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const read = readSync(fd, buffer, 0, 16, 0);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

export interface WorkspaceCheck {
  schemaVersion: number;
  problems: string[];
}

/**
 * Looks at an existing workspace through a read-only connection and reports what is wrong with it.
 * It never writes: a damaged file must stay exactly as the user left it, for recovery tools.
 */
export function checkWorkspace(file: string, integrity: Integrity = 'full', passphrase?: string): WorkspaceCheck {
  if (!existsSync(file)) throw new UserError(`No workspace at ${file}: the file does not exist.`, 'workspace');
  if (!statSync(file).isFile()) throw new UserError(`${file} is not a file.`, 'workspace');
  const key = passphraseFor(file, passphrase);
  if (readHeader(file) !== SQLITE_HEADER) {
    // An encrypted workspace has no readable header: ask for its passphrase rather than call it foreign.
    if (looksEncrypted(file) && key === undefined) throw needsPassphraseError(file);
    if (!looksEncrypted(file))
      throw new UserError(
        `${file} is not a Chokepoint workspace (it is not an SQLite database, or its header is damaged).`,
        'workspace',
      );
  }
  let db: Database | undefined;
  try {
    db = connect(file, { readonly: true, fileMustExist: true, ...keyOption(key) });
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (applicationId !== CHOKEPOINT_APPLICATION_ID) {
      throw new UserError(`${file} is an SQLite database but not a Chokepoint workspace.`, 'workspace');
    }
    const check = integrity === 'on-open' ? integrityOnOpen(file) : integrity;
    // Reading the schema parses the first pages: a file damaged there is refused even unchecked.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    const rows =
      check === 'none' ? [] : (db.pragma(check === 'full' ? 'integrity_check' : 'quick_check') as { [k: string]: string }[]);
    const problems = rows.map((row) => String(Object.values(row)[0])).filter((line) => line !== 'ok');
    if (integrity === 'full' && problems.length === 0) {
      const orphans = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
      for (const orphan of orphans) {
        problems.push(`row ${orphan.rowid} of ${orphan.table} refers to a missing row of ${orphan.parent}`);
      }
      const hasAudit = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'").get();
      const audit = hasAudit ? verifyAuditChain(db) : undefined;
      if (audit?.firstBroken) problems.push(`the audit trail is broken: ${audit.firstBroken}`);
      // A whole chain says nothing of the rows: an SQL edit of a claim leaves it intact.
      else if (hasAudit) problems.push(...verifyAuditedRows(db).problems);
    }
    return { schemaVersion, problems };
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (key !== undefined && isNotADatabase(error)) throw wrongPassphraseError(file);
    // SQLite reports a damaged file as SQLITE_CORRUPT or SQLITE_NOTADB while reading it.
    throw new UserError(`${file} is damaged and cannot be read: ${(error as Error).message}.`, 'workspace');
  } finally {
    db?.close();
  }
}

/**
 * `w.sqlite` → `w backups/w.backup-before-schema-2-20261126T221653Z.sqlite`: a copy through SQLite's
 * online backup API (backup-files.ts), kept until the analyst deletes it.
 */
function takeBackup(file: string, targetVersion: number, passphrase?: string): string {
  return backUpWorkspaceFile(file, 'before-migration', { schemaVersion: targetVersion, ...keyOption(passphrase) });
}

function wrap(file: string, db: Database, backupFile?: string): Workspace {
  return {
    file,
    db,
    ...(backupFile ? { backupFile } : {}),
    close: () => {
      if (db.open) db.close();
    },
  };
}

/**
 * Opens a workspace for reading and writing: refuses a damaged file or one written by a newer
 * Chokepoint without touching it, backs the file up before migrating it, and migrates it.
 */
export function openWorkspace(file: string, options: OpenOptions = {}): Workspace {
  const migrations = options.migrations ?? shippedMigrations;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;

  if (!existsSync(file)) {
    if (!options.create) throw new UserError(`No workspace at ${file}: the file does not exist.`, 'workspace');
    if (!existsSync(dirname(file)))
      throw new UserError(`Cannot create ${file}: the folder ${dirname(file)} does not exist.`, 'workspace');
    const db = connect(file, options.passphrase === undefined ? {} : { passphrase: checkPassphrase(options.passphrase) });
    try {
      db.pragma(`application_id = ${CHOKEPOINT_APPLICATION_ID}`);
      applyConnectionPragmas(db);
      runMigrations(db, migrations);
      return wrap(file, db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  const check = checkWorkspace(file, options.integrity ?? 'on-open', options.passphrase);
  const key = passphraseFor(file, options.passphrase);
  if (check.problems.length > 0) {
    throw new UserError(
      `${file} is damaged (${check.problems[0]}); it was not opened and nothing was written to it.`,
      'workspace',
    );
  }
  if (check.schemaVersion > latest) {
    throw new UserError(
      `${file} was written by a newer Chokepoint (schema ${check.schemaVersion}; this version knows up to ${latest}). Update Chokepoint to open it.`,
      'workspace',
    );
  }
  const backupFile = check.schemaVersion < latest ? takeBackup(file, latest, key) : undefined;
  const db = connect(file, { fileMustExist: true, ...keyOption(key) });
  try {
    applyConnectionPragmas(db);
    runMigrations(db, migrations);
    return wrap(file, db, backupFile);
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens a workspace for reading only (CLI `info`, exports): the same checks as openWorkspace, but
 * nothing is migrated or written, so a look at a file never changes it.
 */
export function openWorkspaceReadOnly(
  file: string,
  options: Pick<OpenOptions, 'migrations' | 'integrity' | 'passphrase'> = {},
): Workspace {
  const migrations = options.migrations ?? shippedMigrations;
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const check = checkWorkspace(file, options.integrity ?? 'on-open', options.passphrase);
  if (check.problems.length > 0) {
    throw new UserError(`${file} is damaged (${check.problems[0]}); it was not opened.`, 'workspace');
  }
  if (check.schemaVersion !== latest) {
    throw new UserError(
      `${file} has schema ${check.schemaVersion} but this Chokepoint reads schema ${latest}; open it in Chokepoint once to ${check.schemaVersion < latest ? 'upgrade it (a backup is kept)' : 'see which version it needs'}.`,
      'workspace',
    );
  }
  return wrap(
    file,
    connect(file, { readonly: true, fileMustExist: true, ...keyOption(passphraseFor(file, options.passphrase)) }),
  );
}
