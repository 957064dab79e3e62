import { basename } from 'node:path';
import type { OperationContext } from '../api';
import { UserError } from '../errors';
import { backupsFolder, backUpNow, findBackup, listBackups, restoreBackup, type BackupInfo } from './backups';
import { openWorkspace } from './open';
import { isEncryptedConnection } from './sqlite';

/**
 * The Backups panel's operations: list, Back up now, Restore. The renderer names a backup by its file
 * name as listed, never by a path, so a page can only ever restore this workspace's own backups.
 */
export type ListedBackup = Omit<BackupInfo, 'file'>;

function listed({ file: _file, ...rest }: BackupInfo): ListedBackup {
  return rest;
}

export function listBackupsOperation({ workspace }: OperationContext): { folder: string; backups: ListedBackup[] } {
  return { folder: backupsFolder(workspace.file), backups: listBackups(workspace.file).map(listed) };
}

export function backUpNowOperation({ workspace }: OperationContext): ListedBackup {
  return listed(backUpNow(workspace));
}

/**
 * Restoring closes the open connection and opens the restored file, so it needs the front end's
 * `replaceWorkspace`; while an import holds the workspace the front end offers none and the restore waits.
 */
export function restoreBackupOperation(
  context: OperationContext,
  name: string,
): { restored: ListedBackup; safetyBackup: string | null } {
  const { workspace, replaceWorkspace } = context;
  if (!replaceWorkspace)
    throw new UserError('An import is running: wait for it to finish (or cancel it), then restore the backup.', 'backup');
  if (isEncryptedConnection(workspace.db))
    throw new UserError(
      'Restore a backup of an encrypted workspace with the command line for now: chokepoint restore --workspace FILE --from BACKUP.',
      'backup',
    );
  const backup = findBackup(workspace.file, name);
  let outcome: ReturnType<typeof restoreBackup>;
  try {
    outcome = restoreBackup(workspace.file, backup.file, { live: workspace.db });
  } catch (error) {
    // Refused before the file was replaced: the connection is still open, or the untouched file opens again.
    if (!workspace.db.open) replaceWorkspace(openWorkspace(workspace.file));
    throw error;
  }
  replaceWorkspace(outcome.workspace);
  return { restored: listed(backup), safetyBackup: outcome.safetyBackup ? basename(outcome.safetyBackup) : null };
}
