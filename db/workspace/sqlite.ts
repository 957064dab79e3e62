import Database from 'better-sqlite3';
import MultipleCiphers from 'better-sqlite3-multiple-ciphers';
import { existsSync } from 'node:fs';
import { UserError } from '../errors';
import { checkPassphrase } from './encrypted-file';

/**
 * The one place that constructs SQLite connections. better-sqlite3 is a V8 addon, so the Node build
 * (tests, CLI, preview host) and the Electron build (the app's database process) are different
 * files; the Electron process names its builds here once, at start-up.
 *
 * Plain workspaces use better-sqlite3. A passphrase-protected workspace uses
 * better-sqlite3-multiple-ciphers (the same library built on SQLite3 Multiple Ciphers, same SQLite
 * version) in SQLCipher 4 format: only encrypted files go through the second driver, so the measured
 * plain path is unchanged.
 */
let nativeBinding: string | undefined;
let encryptedNativeBinding: string | undefined;

export function useNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

/** The Electron build of better-sqlite3-multiple-ciphers; only loaded when an encrypted workspace opens. */
export function useEncryptedNativeBinding(path: string | undefined): void {
  encryptedNativeBinding = path;
}

export interface ConnectOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /** Opens (or creates) the file encrypted with this passphrase. Kept only in memory, see connectAgain. */
  passphrase?: string;
  /** Use the encrypting driver even without a passphrase: to encrypt a plain copy (rekeyConnection). */
  encryptingDriver?: boolean;
}

/**
 * The passphrase of each open encrypted connection, so a second connection to the same workspace
 * (the import's snapshot reader, a backup) can be made without the caller holding the passphrase.
 * A WeakMap: the entry goes when the connection object does; nothing is ever written anywhere.
 */
const passphrases = new WeakMap<object, string>();

/** SQLCipher 4 defaults (PBKDF2-HMAC-SHA512, 256,000 iterations, AES-256-CBC, HMAC-SHA512 per page). */
function applyKey(db: MultipleCiphers.Database, passphrase: string): void {
  checkPassphrase(passphrase); // an empty key would fail as "SQL logic error"
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  // The key API takes bytes, so a passphrase with quotes needs no SQL escaping and never enters SQL text.
  const key = Buffer.from(passphrase, 'utf8');
  try {
    db.key(key);
  } finally {
    key.fill(0);
  }
}

export function connect(file: string, options: ConnectOptions = {}): Database.Database {
  const { passphrase, encryptingDriver, ...rest } = options;
  if (passphrase === undefined && !encryptingDriver)
    return new Database(file, { ...rest, ...(nativeBinding ? { nativeBinding } : {}) });
  if (encryptedNativeBinding && !existsSync(encryptedNativeBinding)) {
    throw new UserError(
      `This copy of Chokepoint cannot open encrypted workspaces: its SQLCipher-compatible SQLite (${encryptedNativeBinding}) is missing. Run "node electron/native/ensure-electron-sqlite.mjs" to build it.`,
      'workspace',
    );
  }
  const db = new MultipleCiphers(file, {
    ...rest,
    ...(encryptedNativeBinding ? { nativeBinding: encryptedNativeBinding } : {}),
  });
  // The same JavaScript API as better-sqlite3 (a fork of 12.11.1, plus key/rekey), so the types match.
  if (passphrase === undefined) return db;
  try {
    applyKey(db, passphrase);
  } catch (error) {
    db.close();
    throw error;
  }
  passphrases.set(db, passphrase);
  return db;
}

/** A further connection to the workspace `db` has open, with its passphrase when it is encrypted. */
export function connectAgain(db: Database.Database, options: Omit<ConnectOptions, 'passphrase'> = {}): Database.Database {
  const passphrase = passphrases.get(db);
  return connect(db.name, { ...options, ...(passphrase !== undefined ? { passphrase } : {}) });
}

/** Whether this connection reads an encrypted workspace. */
export function isEncryptedConnection(db: Database.Database): boolean {
  return passphrases.has(db);
}

/**
 * Changes the passphrase of an encrypted workspace in place (or encrypts a plain one, or decrypts
 * with ''). SQLite3 Multiple Ciphers refuses to rekey in WAL mode, so the journal goes to DELETE for
 * the rewrite, which runs as one transaction (or a VACUUM): a crash leaves the old key in force.
 */
export function rekeyConnection(db: Database.Database, passphrase: string): void {
  const keyed = db as unknown as MultipleCiphers.Database;
  if (typeof keyed.rekey !== 'function') throw new Error('rekeyConnection needs a connection made by the encrypting driver.');
  const journal = db.pragma('journal_mode', { simple: true }) as string;
  if (journal === 'wal') db.pragma('journal_mode = DELETE');
  const key = Buffer.from(passphrase, 'utf8');
  try {
    if (passphrases.has(db) || passphrase !== '') {
      db.pragma("cipher = 'sqlcipher'");
      db.pragma('legacy = 4');
    }
    keyed.rekey(key);
  } finally {
    key.fill(0);
    if (journal === 'wal') db.pragma('journal_mode = WAL');
  }
  if (passphrase === '') passphrases.delete(db);
  else passphrases.set(db, passphrase);
}

export type { Database } from 'better-sqlite3';
