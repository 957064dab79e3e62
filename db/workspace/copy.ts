import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors';
import type { Workspace } from './open';

/**
 * Writes a consistent copy of the open workspace to `target` (File ▸ Save a copy…). The copy is
 * written beside the target and renamed over it, so an existing file is replaced only by a complete one.
 */
export function saveWorkspaceCopy(workspace: Workspace, target: string): void {
  if (resolve(target) === resolve(workspace.file)) {
    throw new UserError('Save a copy needs a different file than the open workspace.', 'target');
  }
  const partial = `${target}.saving`;
  rmSync(partial, { force: true });
  try {
    workspace.db.prepare('VACUUM INTO ?').run(partial);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    if (!existsSync(resolve(target, '..')))
      throw new UserError(`Cannot save a copy to ${target}: the folder does not exist.`, 'target');
    throw error;
  }
}
