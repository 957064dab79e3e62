import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { UserError } from '../errors';

/**
 * Telling an encrypted workspace from a plain one without its passphrase. A plain SQLite file starts
 * with "SQLite format 3\0"; an SQLCipher file starts with 16 random bytes (its key-derivation salt)
 * and is a whole number of 4 KiB pages. Nothing else in it can be read without the key.
 */
export const SQLITE_HEADER = 'SQLite format 3\0';
const SQLCIPHER_PAGE_SIZE = 4096;

function firstBytes(file: string, count: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(count);
    const read = readSync(fd, buffer, 0, count, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

export function isPlainSqlite(file: string): boolean {
  return firstBytes(file, 16).toString('latin1') === SQLITE_HEADER;
}

/**
 * Whether the file can be an encrypted workspace: page-sized, and its salt looks random (a text
 * file, a ZIP or a zeroed, damaged header does not). A random file of whole pages cannot be told
 * apart before a passphrase is tried; then it is reported as a wrong passphrase.
 */
export function looksEncrypted(file: string): boolean {
  const size = statSync(file).size;
  if (size < SQLCIPHER_PAGE_SIZE || size % SQLCIPHER_PAGE_SIZE !== 0) return false;
  const salt = firstBytes(file, 16);
  if (salt.toString('latin1') === SQLITE_HEADER) return false;
  const printable = [...salt].filter((byte) => byte >= 0x20 && byte < 0x7f).length;
  return new Set(salt).size >= 8 && printable < salt.length;
}

export function needsPassphraseError(file: string): UserError {
  return new UserError(`${file} is encrypted: open it with its passphrase.`, 'passphrase');
}

/** Never says anything about the passphrase itself (length, first letters, how close it was). */
export function wrongPassphraseError(file: string): UserError {
  return new UserError(`The passphrase is wrong for ${file}.`, 'passphrase');
}

/** An empty passphrase would mean "not encrypted" to SQLite3 Multiple Ciphers; refuse it by name. */
export function checkPassphrase(passphrase: string, what = 'The passphrase'): string {
  if (passphrase.length === 0) throw new UserError(`${what} is empty.`, 'passphrase');
  if (passphrase.includes('\0')) throw new UserError(`${what} contains a NUL character.`, 'passphrase');
  return passphrase;
}

/**
 * The CLI reads the passphrase once (prompt, --passphrase-fd, CHOKEPOINT_PASSPHRASE_FILE) and sets
 * it here for every workspace the command opens. Process memory only; the app never sets it (its
 * database process passes the passphrase explicitly with each open).
 */
let sessionPassphrase: string | undefined;

export function useSessionPassphrase(passphrase: string | undefined): void {
  sessionPassphrase = passphrase;
}

/** The passphrase to open `file` with: undefined for a plain file (a passphrase given for one is unused). */
export function passphraseFor(file: string, given: string | undefined): string | undefined {
  if (isPlainSqlite(file)) return undefined;
  return given ?? sessionPassphrase;
}

/** SQLite's answer to a wrong key: the decrypted first page is not a database page. */
export function isNotADatabase(error: unknown): boolean {
  return (error as { code?: string }).code === 'SQLITE_NOTADB';
}

/** Spreads into connect()'s options: `{ passphrase }` for an encrypted workspace, nothing for a plain one. */
export function keyOption(passphrase: string | undefined): { passphrase?: string } {
  return passphrase === undefined ? {} : { passphrase };
}
