import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { failureResult, validateOperation } from '../api';
import { isUserError, UserError } from '../errors';
import type { OperationResult } from '../operation-names';
import { isPlainSqlite, looksEncrypted, wrongPassphraseError } from './encrypted-file';
import type { Workspace } from './open';

/**
 * An encrypted workspace the app has opened without its passphrase: the front end (the database
 * process, the preview host) knows the file but holds no connection. Every operation answers that
 * the passphrase is needed, field "passphrase", so the page shows its unlock prompt; only
 * unlockWorkspace is answered, by opening the file with the passphrase it carries. Nothing about the
 * passphrase is kept here: the connection made by openWorkspace holds it (db/workspace/sqlite.ts).
 */
export interface LockedWorkspace {
  readonly file: string;
}

/** Whether opening `file` without a passphrase should leave it locked rather than fail. */
export function opensLocked(file: string): boolean {
  return existsSync(file) && statSync(file).isFile() && !isPlainSqlite(file) && looksEncrypted(file);
}

/** The page recognises this sentence (renderer/workspace/workspace-lock.ts): keep the two in step. */
export function lockedError(file: string): UserError {
  return new UserError(`${basename(file)} is encrypted: enter its passphrase to open it.`, 'passphrase');
}

/** The open-workspace description a locked workspace gives (its name is inside the encrypted file). */
export function describeLocked(locked: LockedWorkspace): { file: string; name: string } {
  return { file: locked.file, name: basename(locked.file).replace(/\.[^.]*$/, '') || basename(locked.file) };
}

/**
 * Answers an operation while the workspace is locked. `unlock` opens the workspace with the
 * passphrase and puts it in place (on a wrong one it throws "The passphrase is wrong for …" and
 * changes nothing). The input is checked by the operation table's own schema; it is never logged.
 */
export function answerWhileLocked(
  locked: LockedWorkspace,
  name: unknown,
  input: unknown,
  unlock: (passphrase: string) => { file: string; name: string },
): OperationResult {
  if (name !== 'unlockWorkspace') return failureResult(lockedError(locked.file), String(name));
  try {
    const { passphrase } = validateOperation(name, input).input as { passphrase: string };
    return { ok: true, value: unlock(passphrase) };
  } catch (error) {
    // Named like the prompt names the workspace: by its file name, not the whole path.
    const wrong = isUserError(error) && error.message === wrongPassphraseError(locked.file).message;
    return failureResult(wrong ? wrongPassphraseError(basename(locked.file)) : error, 'unlockWorkspace');
  }
}

/**
 * A stand-in for the workspace while it is locked, for front ends that hand one workspace object
 * around (the preview host's context): any use of its connection is refused with the same sentence.
 */
export function lockedPlaceholder(locked: LockedWorkspace): Workspace {
  return {
    file: locked.file,
    get db(): never {
      throw lockedError(locked.file);
    },
    close: () => {},
  };
}
