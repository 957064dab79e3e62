import { contextBridge, ipcRenderer } from 'electron';
import type { ChokepointBridge } from '../db/api';
import { operationNames, type OperationResult } from '../db/operation-names';
import {
  cancelImportChannel,
  chartExportChannel,
  chooseImportChannel,
  importFileChannel,
  importProgressChannel,
  operationChannel,
  reportExportChannel,
} from './ipc-channel';

/**
 * The renderer's whole reach into the app: one async function per operation in db/api.ts, and
 * nothing else (no ipcRenderer, no generic invoke), so a compromised page can only ask for what the
 * operation table offers, with input that main validates again. Runs sandboxed: it may import only
 * the dependency-free operation names from db/ (ChokepointBridge is a type, erased at build).
 */
function callOperation(name: string) {
  return async (input?: unknown): Promise<unknown> => {
    const result = (await ipcRenderer.invoke(operationChannel, name, input)) as OperationResult;
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
}

const operations = Object.fromEntries(operationNames.map((name) => [name, callOperation(name)])) as ChokepointBridge;

/** Saves an exported chart through the desktop's save dialog (main checks the sender and the content). */
async function saveExport(file: { name: string; kind: 'svg' | 'png'; data: string | Uint8Array }): Promise<unknown> {
  const result = (await ipcRenderer.invoke(chartExportChannel, file)) as OperationResult;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Writes a report (HTML, PDF or PowerPoint): the page names the report and format, main does the rest. */
async function exportReport(request: {
  id: string;
  format: 'html' | 'pdf' | 'pptx';
  pageSize?: 'A4' | 'Letter';
}): Promise<unknown> {
  const result = (await ipcRenderer.invoke(reportExportChannel, request)) as OperationResult;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function invokeChecked(channel: string, ...args: unknown[]): Promise<unknown> {
  const result = (await ipcRenderer.invoke(channel, ...args)) as OperationResult;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Asks main for a file to import (a dialog); the page gets a token, the name and the size, never the path. */
const chooseImportFile = (): Promise<unknown> => invokeChecked(chooseImportChannel);

/** Imports the chosen file in the database process; progress messages reach `onProgress` until it ends. */
async function importFile(request: unknown, onProgress?: (progress: unknown) => void): Promise<unknown> {
  const listener = (_event: unknown, progress: unknown) => onProgress?.(progress);
  ipcRenderer.on(importProgressChannel, listener);
  try {
    return await invokeChecked(importFileChannel, request);
  } finally {
    ipcRenderer.removeListener(importProgressChannel, listener);
  }
}

const cancelImport = (): Promise<unknown> => invokeChecked(cancelImportChannel);

const bridge = Object.freeze({ ...operations, saveExport, exportReport, chooseImportFile, importFile, cancelImport });

contextBridge.exposeInMainWorld('chokepoint', bridge);
