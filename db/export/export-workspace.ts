import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { exportClaimsCsv } from './claims-csv';
import { exportWorkspaceJson } from './workspace-json';

/** File ▸ Export and `chokepoint export`: the whole workspace as JSON, or its claims as CSV. */
export const exportFormats = ['json', 'csv'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const exportInput = z.strictObject({ format: z.enum(exportFormats) });

export function exportWorkspace(db: Database, format: ExportFormat): string {
  return format === 'json' ? exportWorkspaceJson(db) : db.transaction(() => exportClaimsCsv(db))();
}
