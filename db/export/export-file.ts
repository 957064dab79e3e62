import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { UserError } from '../errors';
import { exportWorkspace, type ExportFormat } from './export-workspace';

/**
 * Writes a file beside its target and renames it into place, so an existing file is replaced only
 * by a complete one (File ▸ Export in the app, the CLI's export and chart commands).
 */
export function writeFileAtomically(target: string, content: string | Uint8Array): void {
  const partial = `${target}.exporting`;
  try {
    writeFileSync(partial, content);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'its folder does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : (code ?? (error as Error).message);
    throw new UserError(`Cannot write ${target}: ${why}.`, 'target');
  }
}

export function exportWorkspaceToFile(db: Database, format: ExportFormat, target: string): void {
  writeFileAtomically(target, exportWorkspace(db, format));
}
