import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { UserError } from '../errors';
import { loadStarterData } from '../starter/load';
import { setMeta } from './meta';
import { openWorkspace, type Workspace } from './open';

export interface CreateOptions {
  /** Fill the new workspace with the embedded starter dataset (sourced rare-earth claims). */
  starter: boolean;
  name?: string;
  /** Encrypt the new workspace with this passphrase (SQLCipher 4 format); never stored. */
  passphrase?: string;
}

/**
 * Creates a new workspace file. It is built under a temporary name and renamed into place only when
 * complete, so a crash half-way never leaves a half-made workspace where the user expects one.
 */
export function createWorkspace(file: string, options: CreateOptions): Workspace {
  if (existsSync(file)) throw new UserError(`${file} already exists; choose another name or open it instead.`, 'workspace');
  const partial = `${file}.creating`;
  for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(leftover, { force: true });
  const key = options.passphrase === undefined ? {} : { passphrase: options.passphrase };
  const draft = openWorkspace(partial, { create: true, ...key });
  try {
    draft.db.transaction(() => {
      setMeta(draft.db, 'name', options.name?.trim() || basename(file, extname(file)));
      setMeta(draft.db, 'created_at', new Date().toISOString());
      if (options.starter) loadStarterData(draft.db);
    })();
    draft.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    draft.close();
  }
  renameSync(partial, file);
  return openWorkspace(file, key);
}
