import type { ChokepointBridge } from '../db/api';
import type { ImportProgress } from '../db/import/csv-import-job';
import type { ImportReport } from '../db/import/run-import';
import { watchForLock } from './workspace/workspace-lock';

/** An exported chart on its way to the desktop's save dialog. */
export interface ExportFile {
  /** A file name without folder, e.g. "stage-gap.svg". */
  name: string;
  kind: 'svg' | 'png';
  /** SVG text, or PNG bytes. */
  data: string | Uint8Array;
}

/** A saved report (or the built-in Overview, id "overview") to be written as a file the analyst keeps. */
export interface ReportExportRequest {
  id: string;
  format: 'html' | 'pdf' | 'pptx';
  /** Overrides the report's own page size (PDF only). */
  pageSize?: 'A4' | 'Letter';
}

/** A file main chose for a big import: the page learns its name and size, never its path. */
export interface ChosenImportFile {
  token: string;
  name: string;
  bytes: number;
  format: 'csv' | 'json';
}

/** Imports (or dry-runs) the chosen file with a recipe; the database process reads it. */
export interface FileImportRequest {
  token: string;
  recipe?: unknown;
  recipeName?: string;
  dryRun?: boolean;
}

export type { ImportProgress };

/**
 * The operations, plus the file saves that only the desktop app (and a preview host started with an
 * exports folder) offer: a chart, and a whole report drawn, printed and saved by main. Both resolve to
 * null when the analyst cancels the save dialog.
 */
export type AppBridge = ChokepointBridge & {
  saveExport?: (file: ExportFile) => Promise<unknown>;
  exportReport?: (request: ReportExportRequest) => Promise<{ file: string } | null>;
  /** The big-file import (desktop app, and a preview host started with an imports folder). */
  chooseImportFile?: () => Promise<ChosenImportFile | null>;
  importFile?: (request: FileImportRequest, onProgress: (progress: ImportProgress) => void) => Promise<ImportReport>;
  cancelImport?: () => Promise<unknown>;
};

declare global {
  interface Window {
    /** Exposed by the Electron preload, or by /preview-bridge.js in the browser preview host. */
    readonly chokepoint?: AppBridge;
  }
}

/**
 * The renderer's only way to the workspace. Looked up on each call rather than captured at import
 * time, so a missing bridge becomes a visible error in the view that needed it, not a blank window.
 */
export function bridge(): AppBridge {
  const exposed = window.chokepoint;
  if (!exposed) throw new Error('Chokepoint cannot reach its workspace: the bridge to the app is missing.');
  // Any call may be the first to hear that the workspace is locked (encrypted): the unlock prompt listens.
  return watchForLock(exposed);
}
