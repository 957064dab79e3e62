import { join } from 'node:path';
import { dialog, type BrowserWindow } from 'electron';

/** Native file pickers and message boxes. Workspaces are single .sqlite files the analyst can move. */
const workspaceFilters = [{ name: 'Chokepoint workspace', extensions: ['sqlite'] }];

function withExtension(file: string): string {
  return /\.sqlite$/i.test(file) ? file : `${file}.sqlite`;
}

/** A save dialog for a workspace file: asks before replacing one, and adds .sqlite when left off. */
async function chooseWorkspaceTarget(
  window: BrowserWindow | undefined,
  labels: { title: string; buttonLabel: string },
  defaultPath: string,
): Promise<string | undefined> {
  const options = {
    ...labels,
    defaultPath,
    filters: workspaceFilters,
    properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? undefined : withExtension(result.filePath);
}

export function chooseNewWorkspaceFile(window: BrowserWindow | undefined, title: string, defaultPath: string) {
  return chooseWorkspaceTarget(window, { title, buttonLabel: 'Create' }, defaultPath);
}

export async function chooseWorkspaceToOpen(window: BrowserWindow | undefined, defaultPath: string): Promise<string | undefined> {
  const options = { title: 'Open workspace', defaultPath, filters: workspaceFilters, properties: ['openFile' as const] };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? undefined : result.filePaths[0];
}

export function chooseCopyTarget(window: BrowserWindow | undefined, defaultPath: string) {
  return chooseWorkspaceTarget(window, { title: 'Save a copy of the workspace', buttonLabel: 'Save copy' }, defaultPath);
}

/** Where File ▸ Export writes: a JSON workspace file or a CSV of claims, never replaced without asking. */
export async function chooseExportTarget(
  window: BrowserWindow | undefined,
  format: 'json' | 'csv',
  defaultPath: string,
): Promise<string | undefined> {
  const options = {
    title: format === 'json' ? 'Export the workspace as JSON' : 'Export claims as CSV',
    defaultPath,
    buttonLabel: 'Export',
    filters: [
      format === 'json' ? { name: 'Chokepoint workspace JSON', extensions: ['json'] } : { name: 'CSV', extensions: ['csv'] },
    ],
    properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return undefined;
  return new RegExp(`\\.${format}$`, 'i').test(result.filePath) ? result.filePath : `${result.filePath}.${format}`;
}

/** Where an exported chart goes: the renderer proposes the file name, the analyst picks the folder. */
export async function chooseChartTarget(
  window: BrowserWindow | undefined,
  name: string,
  kind: 'svg' | 'png',
  folder: string,
): Promise<string | undefined> {
  const options = {
    title: `Save chart as ${kind.toUpperCase()}`,
    defaultPath: join(folder, name),
    buttonLabel: 'Save',
    filters: [kind === 'svg' ? { name: 'SVG image', extensions: ['svg'] } : { name: 'PNG image', extensions: ['png'] }],
    properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? undefined : result.filePath;
}

/** Shows a user error as it is: one line naming the file or field, never a stack trace. */
export async function showProblem(window: BrowserWindow | undefined, title: string, message: string): Promise<void> {
  const options = { type: 'error' as const, title, message: title, detail: message, buttons: ['OK'] };
  if (window) await dialog.showMessageBox(window, options);
  else await dialog.showMessageBox(options);
}

export async function showAbout(window: BrowserWindow | undefined, version: string, electronVersion: string): Promise<void> {
  const options = {
    type: 'info' as const,
    title: 'About Chokepoint',
    message: `Chokepoint ${version}`,
    detail: [
      'An offline workbench for supply-chain risk: sourced claims, capacity gaps and risk scores.',
      'No network connections are made: no updates, no telemetry, no crash reports. Your workspaces stay where you put them.',
      `Electron ${electronVersion}.`,
    ].join('\n\n'),
    buttons: ['OK'],
  };
  if (window) await dialog.showMessageBox(window, options);
  else await dialog.showMessageBox(options);
}

const reportFilters = {
  html: { name: 'Web page (one file)', extensions: ['html'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
  pptx: { name: 'PowerPoint', extensions: ['pptx'] },
};

/** Where a report is written (HTML, PDF or PowerPoint); the extension is added when left off. */
export async function chooseReportTarget(
  window: BrowserWindow | undefined,
  name: string,
  format: 'html' | 'pdf' | 'pptx',
  documentsFolder: string,
): Promise<string | undefined> {
  const options = {
    title: 'Export the report',
    defaultPath: join(documentsFolder, name),
    buttonLabel: 'Export',
    filters: [reportFilters[format]],
    properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
  };
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return undefined;
  return new RegExp(`\\.${format}$`, 'i').test(result.filePath) ? result.filePath : `${result.filePath}.${format}`;
}

/** The file a big import reads (main reads it; the page only learns its name and size). */
export async function chooseImportFile(window: BrowserWindow | undefined, folder: string): Promise<string | undefined> {
  const options = {
    title: 'Import claims from a file',
    defaultPath: folder,
    buttonLabel: 'Choose',
    filters: [
      { name: 'CSV or Chokepoint JSON', extensions: ['csv', 'txt', 'json'] },
      { name: 'All files', extensions: ['*'] },
    ],
    properties: ['openFile' as const],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? undefined : result.filePaths[0];
}
