import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors';
import { checkPassphrase, isPlainSqlite, looksEncrypted } from './encrypted-file';
import { checkWorkspace } from './open';
import { connect, rekeyConnection, type Database } from './sqlite';

/**
 * Encrypting, decrypting and re-keying a workspace file. Encrypt and decrypt write a new file and
 * never touch the source: the copy is made with VACUUM INTO (a consistent snapshot, through any
 * write-ahead log), converted under a temporary name, checked in full and compared table by table
 * with the source, and only then renamed into place.
 */

export interface ConversionResult {
  source: string;
  target: string;
  /** Row counts per table, equal in source and target (checked). */
  tables: Record<string, number>;
  /** Whether the source was deleted after the target verified (encrypt --remove-original). */
  removedOriginal: boolean;
}

function tableCounts(db: Database): Record<string, number> {
  const names = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {};
  for (const name of names) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    counts[name] = db.prepare(`SELECT count(*) FROM ${quoted}`).pluck().get() as number;
  }
  return counts;
}

function countsOf(file: string, passphrase?: string): Record<string, number> {
  const db = connect(file, { readonly: true, fileMustExist: true, ...(passphrase === undefined ? {} : { passphrase }) });
  try {
    return tableCounts(db);
  } finally {
    db.close();
  }
}

function removeWithSidecars(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

function prepareTarget(source: string, target: string): string {
  if (resolve(source) === resolve(target)) {
    throw new UserError(
      'The output must be a different file than the workspace (the original is kept until the new one is checked).',
      'out',
    );
  }
  if (existsSync(target)) throw new UserError(`${target} already exists; choose another name.`, 'out');
  if (!existsSync(resolve(target, '..'))) throw new UserError(`Cannot write ${target}: the folder does not exist.`, 'out');
  const partial = `${target}.converting`;
  removeWithSidecars(partial);
  return partial;
}

function verifyConverted(partial: string, target: string, expected: Record<string, number>, passphrase?: string): void {
  const check = checkWorkspace(partial, 'full', passphrase);
  if (check.problems.length > 0) throw new Error(`the converted copy failed its check (${check.problems[0]})`);
  const actual = countsOf(partial, passphrase);
  for (const [table, count] of Object.entries(expected)) {
    if (actual[table] !== count) {
      throw new Error(`the converted copy has ${actual[table] ?? 'no'} rows in ${table}, the workspace ${count}`);
    }
  }
  const encrypted = !isPlainSqlite(partial);
  if (encrypted !== (passphrase !== undefined)) {
    throw new Error(`the converted copy for ${target} is ${encrypted ? 'still encrypted' : 'not encrypted'}`);
  }
}

function convert(source: string, target: string, from: string | undefined, to: string | undefined): Record<string, number> {
  const partial = prepareTarget(source, target);
  try {
    const reader = connect(source, { readonly: true, fileMustExist: true, ...(from === undefined ? {} : { passphrase: from }) });
    let expected: Record<string, number>;
    try {
      // VACUUM cannot run inside a transaction, so count before and after: equal counts mean the copy
      // saw the state that is compared with it below (the app may have the workspace open).
      expected = tableCounts(reader);
      reader.prepare('VACUUM INTO ?').run(partial);
      if (JSON.stringify(tableCounts(reader)) !== JSON.stringify(expected)) {
        throw new UserError(`${source} changed while it was being copied: close it in Chokepoint, then try again.`, 'workspace');
      }
    } finally {
      reader.close();
    }
    // VACUUM INTO writes the copy with the source's key (or none); rekey turns it into the target's.
    const copy = connect(partial, from === undefined ? { encryptingDriver: true } : { passphrase: from });
    try {
      rekeyConnection(copy, to ?? '');
    } finally {
      copy.close();
    }
    verifyConverted(partial, target, expected, to);
    renameSync(partial, target);
    return expected;
  } catch (error) {
    removeWithSidecars(partial);
    if (error instanceof UserError) throw error;
    throw new UserError(`${target} was not written: ${(error as Error).message}. ${source} is unchanged.`, 'out');
  }
}

/** Writes an encrypted copy of a plain workspace; the plain original stays unless removeOriginal. */
export function encryptWorkspace(
  source: string,
  target: string,
  passphrase: string,
  options: { removeOriginal?: boolean } = {},
): ConversionResult {
  checkPassphrase(passphrase);
  if (!existsSync(source)) throw new UserError(`No workspace at ${source}: the file does not exist.`, 'workspace');
  if (!isPlainSqlite(source)) {
    if (looksEncrypted(source)) {
      throw new UserError(`${source} is already encrypted; change its passphrase with "chokepoint rekey".`, 'workspace');
    }
    checkWorkspace(source, 'quick'); // names what the file is instead
  }
  const check = checkWorkspace(source, 'full');
  if (check.problems.length > 0)
    throw new UserError(`${source} is damaged (${check.problems[0]}); repair it before encrypting.`, 'workspace');
  const tables = convert(source, target, undefined, passphrase);
  if (options.removeOriginal) removeWithSidecars(source);
  return { source, target, tables, removedOriginal: options.removeOriginal === true };
}

/** Writes a plain copy of an encrypted workspace; the encrypted original is kept. */
export function decryptWorkspace(source: string, target: string, passphrase: string): ConversionResult {
  if (!existsSync(source)) throw new UserError(`No workspace at ${source}: the file does not exist.`, 'workspace');
  if (isPlainSqlite(source)) throw new UserError(`${source} is not encrypted; there is nothing to decrypt.`, 'workspace');
  checkPassphrase(passphrase);
  const check = checkWorkspace(source, 'full', passphrase);
  if (check.problems.length > 0)
    throw new UserError(`${source} is damaged (${check.problems[0]}); repair it before decrypting.`, 'workspace');
  const tables = convert(source, target, passphrase, undefined);
  return { source, target, tables, removedOriginal: false };
}

/**
 * Changes the passphrase in place: every page is rewritten with the new key in one transaction, so
 * an interruption leaves the old passphrase in force. Needs the workspace closed everywhere else.
 */
export function changePassphrase(file: string, current: string, next: string): void {
  if (!existsSync(file)) throw new UserError(`No workspace at ${file}: the file does not exist.`, 'workspace');
  if (isPlainSqlite(file)) {
    throw new UserError(`${file} is not encrypted; encrypt it with "chokepoint encrypt" instead.`, 'workspace');
  }
  checkPassphrase(current);
  checkPassphrase(next, 'The new passphrase');
  const check = checkWorkspace(file, 'quick', current);
  if (check.problems.length > 0)
    throw new UserError(`${file} is damaged (${check.problems[0]}); it was not changed.`, 'workspace');
  const db = connect(file, { fileMustExist: true, passphrase: current });
  try {
    db.pragma('busy_timeout = 2000');
    rekeyConnection(db, next);
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new UserError(`${file} is open elsewhere (in Chokepoint?): close it there, then change the passphrase.`, 'workspace');
    }
    throw error;
  } finally {
    db.close();
  }
  const after = checkWorkspace(file, 'quick', next);
  if (after.problems.length > 0) throw new Error(`${file} failed its check after the passphrase change (${after.problems[0]})`);
}
