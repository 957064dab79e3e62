import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { UserError } from '../errors';
import { migrations } from '../migrations';
import {
  backUpWorkspace,
  backUpWorkspaceFile,
  backupsFolder,
  copyNow,
  makeSelfContained,
  parseBackupName,
  partialOf,
  removeWithJournal,
  targetFor,
  type BackupKind,
} from './backup-files';
import { isPlainSqlite, keyOption, looksEncrypted, passphraseFor } from './encrypted-file';
import { checkWorkspace, openWorkspace, type Workspace } from './open';
import { CHOKEPOINT_APPLICATION_ID } from './pragmas';
import { connect } from './sqlite';

export {
  backUpBeforeImport,
  backUpWorkspace,
  backUpWorkspaceInTurns,
  backupsFolder,
  KEEP_BACKUPS,
  type BackupKind,
} from './backup-files';

/** One backup as the Backups panel and `chokepoint backup --list` show it. */
export interface BackupInfo {
  /** The file name: what the app names a backup by (never a path). */
  name: string;
  file: string;
  kind: BackupKind;
  /** When it was taken (UTC, to the second). */
  takenAt: string;
  bytes: number;
  /** What it holds, read through a read-only connection; absent when it cannot be read. */
  schemaVersion?: number;
  sources?: number;
  claims?: number;
  /** Encrypted like its workspace: what it holds shows only with the passphrase. */
  encrypted?: boolean;
  /** Why it cannot be read, when it cannot. */
  problem?: string;
}

function readCounts(
  file: string,
  passphrase: string | undefined,
): Pick<BackupInfo, 'schemaVersion' | 'sources' | 'claims' | 'problem' | 'encrypted'> {
  const encrypted = !isPlainSqlite(file) && looksEncrypted(file);
  const key = encrypted ? passphraseFor(file, passphrase) : undefined;
  if (encrypted && key === undefined) return { encrypted };
  let db: Database | undefined;
  try {
    db = connect(file, { readonly: true, fileMustExist: true, ...keyOption(key) });
    if (db.pragma('application_id', { simple: true }) !== CHOKEPOINT_APPLICATION_ID)
      return { problem: 'not a Chokepoint workspace' };
    return {
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      sources: db.prepare('SELECT count(*) FROM sources').pluck().get() as number,
      claims: db.prepare('SELECT count(*) FROM claims').pluck().get() as number,
      ...(encrypted ? { encrypted } : {}),
    };
  } catch (error) {
    return { problem: `cannot be read: ${(error as Error).message}` };
  } finally {
    db?.close();
  }
}

/**
 * The backups of `workspaceFile`, newest first: those in its backups folder, and backups taken
 * before a migration by earlier versions of Chokepoint, which were written beside the workspace.
 */
export function listBackups(workspaceFile: string, passphrase?: string): BackupInfo[] {
  const file = resolve(workspaceFile);
  const found: BackupInfo[] = [];
  for (const folder of [backupsFolder(file), dirname(file)]) {
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) {
      const parsed = parseBackupName(file, name);
      if (!parsed) continue;
      const path = join(folder, name);
      const stat = statSync(path);
      if (!stat.isFile()) continue;
      found.push({
        name,
        file: path,
        kind: parsed.kind,
        takenAt: parsed.takenAt,
        bytes: stat.size,
        ...readCounts(path, passphrase),
      });
    }
  }
  return found.sort(
    (a, b) => b.takenAt.localeCompare(a.takenAt) || b.name.length - a.name.length || b.name.localeCompare(a.name),
  );
}

/** The backup the app names `name` (a plain file name from listBackups; a path is refused). */
export function findBackup(workspaceFile: string, name: string): BackupInfo {
  if (basename(name) !== name || name.includes('/') || name.includes('\\'))
    throw new UserError(`Give a backup by its name as listed, not a path: ${name}.`, 'backup');
  const backup = listBackups(workspaceFile).find((entry) => entry.name === name);
  if (!backup) throw new UserError(`No backup named ${name} in ${backupsFolder(workspaceFile)}.`, 'backup');
  return backup;
}

/** Takes a backup the analyst asked for (Back up now, `chokepoint backup`). */
export function backUpNow(workspace: Workspace): BackupInfo {
  const file = backUpWorkspace(workspace.db, workspace.file, 'manual');
  return listBackups(workspace.file).find((entry) => entry.file === file)!;
}

export interface RestoreOutcome {
  /** The workspace, open again with the restored contents (migrated if the backup was older). */
  workspace: Workspace;
  restoredFrom: string;
  /** The backup of the state the restore replaced; absent only when there was no workspace file. */
  safetyBackup?: string;
}

function latestSchema(): number {
  return migrations.length ? migrations[migrations.length - 1]!.version : 0;
}

/**
 * SQLite converts a workspace out of WAL mode only when no other connection has it open, which is
 * exactly the condition for replacing the file safely: another program's connection would keep
 * writing to the old file and its -wal would be applied to the new one. After the conversion the
 * -wal and -shm are gone and the file holds every committed transaction.
 */
function takeSoleHold(db: Database, workspaceFile: string): void {
  let mode: unknown;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    mode = db.pragma('journal_mode = DELETE', { simple: true });
  } catch {
    mode = undefined;
  }
  if (mode !== 'delete') {
    throw new UserError(
      `Another program (a second Chokepoint window or a command) has ${workspaceFile} open; close it and restore again. The workspace was not changed.`,
      'workspace',
    );
  }
}

/** A damaged workspace cannot be backed up through SQLite: its bytes (and write-ahead log) are kept as they are, for recovery tools. */
function keepDamagedCopy(workspaceFile: string): string {
  const target = targetFor(workspaceFile, 'before-restore', {});
  const partial = partialOf(target);
  copyFileSync(workspaceFile, partial);
  if (existsSync(`${workspaceFile}-wal`)) copyFileSync(`${workspaceFile}-wal`, `${target}-wal`);
  renameSync(partial, target);
  return target;
}

/**
 * Replaces the workspace with a backup. In order, so that no step can lose data:
 *  1. the backup must be a sound Chokepoint workspace (full integrity, foreign-key and audit-trail
 *     checks) this version can open; otherwise nothing is touched;
 *  2. it is copied to a temporary file beside the workspace (same folder, so the final rename is atomic);
 *  3. the current state is backed up (kind before-restore), so a restore can itself be undone;
 *  4. the live connection (`live`, the app's) or a fresh one takes sole hold of the workspace and
 *     leaves WAL mode, which folds the write-ahead log into the file and removes it, then closes;
 *  5. the copy is renamed over the workspace, and the workspace is opened again (migrating an older backup).
 * A refusal (steps 1 and 4) leaves `live` open and unchanged; once step 4 succeeds `live` is closed and
 * the caller uses the returned workspace (or, should the rename fail, opens the untouched file again).
 */
export function restoreBackup(
  workspaceFile: string,
  backupFile: string,
  options: { live?: Database; passphrase?: string } = {},
): RestoreOutcome {
  const { live, passphrase } = options;
  const file = resolve(workspaceFile);
  const from = resolve(backupFile);
  if (from === file) throw new UserError('Choose a backup to restore, not the workspace itself.', 'backup');
  const check = checkWorkspace(from, 'full', passphrase);
  if (check.problems.length > 0)
    throw new UserError(
      `${from} is damaged (${check.problems[0]}); it was not restored and the workspace was not changed.`,
      'backup',
    );
  if (check.schemaVersion > latestSchema())
    throw new UserError(
      `${from} was written by a newer Chokepoint (schema ${check.schemaVersion}); update Chokepoint to restore it. The workspace was not changed.`,
      'backup',
    );
  if (!existsSync(dirname(file))) throw new UserError(`Cannot restore to ${file}: the folder does not exist.`, 'workspace');

  const staged = `${file}.restoring`;
  removeWithJournal(staged);
  const reader = connect(from, { readonly: true, fileMustExist: true, ...keyOption(passphraseFor(from, passphrase)) });
  try {
    copyNow(reader, staged);
  } finally {
    reader.close();
  }
  let safetyBackup: string | undefined;
  try {
    makeSelfContained(staged);
    if (live) {
      safetyBackup = backUpWorkspace(live, file, 'before-restore');
      takeSoleHold(live, file);
      live.close();
    } else if (existsSync(file)) {
      let sound = false;
      try {
        sound = checkWorkspace(file, 'quick', passphrase).problems.length === 0;
      } catch {
        sound = false;
      }
      if (sound) {
        const key = keyOption(passphraseFor(file, passphrase));
        safetyBackup = backUpWorkspaceFile(file, 'before-restore', key);
        const db = connect(file, { fileMustExist: true, ...key });
        try {
          db.pragma('busy_timeout = 2000');
          takeSoleHold(db, file);
        } finally {
          db.close();
        }
      } else {
        safetyBackup = keepDamagedCopy(file);
      }
    }
    // A write-ahead log left by the old file would be applied to the restored one and corrupt it;
    // a sound workspace has none by now, and a damaged one's was kept with its copy above.
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
    renameSync(staged, file);
  } catch (error) {
    removeWithJournal(staged);
    throw error;
  }
  return { workspace: openWorkspace(file, keyOption(passphrase)), restoredFrom: from, ...(safetyBackup ? { safetyBackup } : {}) };
}

/** The newest backup that can be restored (sound enough to read), for `chokepoint restore --latest`. */
export function latestBackup(workspaceFile: string): BackupInfo {
  const backup = listBackups(workspaceFile).find((entry) => entry.problem === undefined);
  if (!backup) throw new UserError(`No backups of ${workspaceFile} in ${backupsFolder(workspaceFile)}.`, 'backup');
  return backup;
}
