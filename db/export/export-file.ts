import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { UserError } from '../errors';
import { exportWorkspace, type ExportFormat } from './export-workspace';

/**
 * Writes an export beside its target and renames it into place, so an existing file is replaced
 * only by a complete export (File ▸ Export in the app; the CLI writes through the same function).
 */
export function exportWorkspaceToFile(db: Database, format: ExportFormat, target: string): void {
  const content = exportWorkspace(db, format);
  const partial = `${target}.exporting`;
  try {
    writeFileSync(partial, content);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new UserError(
      `Cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      'target',
    );
  }
}
