import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { validateOperation } from '../db/api';
import { isUserError } from '../db/errors';
import { isOperationName, type OperationName, type OperationResult } from '../db/operation-names';
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { z } from 'zod';
import type { ImportProgress } from '../db/import/csv-import-job';
import { parseInput } from '../db/validation';
import { checkImportFile, fileImportInput, importFormatOf } from '../db/import/file-import';
import {
  cancelImportChannel,
  chooseImportChannel,
  importFileChannel,
  importProgressChannel,
  operationChannel,
} from './ipc-channel';
import { checkInputLimits } from './ipc-limits';

export interface OperationBindings {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** Runs a validated operation in the database process. */
  runOperation(name: OperationName, input: unknown): Promise<OperationResult>;
  /** Our page's URL (app://chokepoint/…, or the dev server in development). */
  isTrustedPage(url: string): boolean;
  /** The web contents of the app's window; any other sender is refused. */
  isOurWindow(contents: WebContents): boolean;
}

/**
 * Only the top frame of our own window, showing our own page, may call operations: an iframe, a
 * page navigated elsewhere or another window could otherwise reach the workspace.
 */
export function isTrustedSender(
  event: IpcMainInvokeEvent,
  bindings: Pick<OperationBindings, 'isTrustedPage' | 'isOurWindow'>,
): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || frame !== event.sender.mainFrame) return false;
  return bindings.isOurWindow(event.sender) && bindings.isTrustedPage(frame.url);
}

function failure(message: string, field?: string): OperationResult {
  return { ok: false, error: { message, ...(field ? { field } : {}) } };
}

/**
 * Binds db/api.ts's operation table to IPC. Input is validated here, in main, before it crosses to
 * the database process, so malformed or hostile input never reaches SQLite; the result is always an
 * OperationResult envelope, never a thrown error (Electron would mangle its message).
 */
export function bindOperations(bindings: OperationBindings): () => void {
  bindings.ipcMain.handle(
    operationChannel,
    async (event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<OperationResult> => {
      if (!isTrustedSender(event, bindings)) {
        console.warn(`Refused an operation from an untrusted sender: ${event.senderFrame?.url ?? 'no frame'}`);
        return failure('This page is not allowed to use the workspace.', 'sender');
      }
      // Size and depth first: a request no form can produce is refused before zod walks it.
      const limit = isOperationName(name) ? checkInputLimits(name, input) : undefined;
      if (limit) return failure(limit.message, limit.field);
      let valid: ReturnType<typeof validateOperation>;
      try {
        valid = validateOperation(name, input);
      } catch (error) {
        if (isUserError(error)) return failure(error.message, error.field);
        return failure(`Chokepoint could not check the request: ${(error as Error).message}`);
      }
      try {
        return await bindings.runOperation(valid.name, valid.input);
      } catch (error) {
        return failure((error as Error).message);
      }
    },
  );
  return () => bindings.ipcMain.removeHandler(operationChannel);
}

export interface FileImportBindings {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  isTrustedPage(url: string): boolean;
  isOurWindow(contents: WebContents): boolean;
  /** The open dialog; undefined when the analyst cancels. */
  chooseFile(): Promise<string | undefined>;
  importFile(
    file: string,
    input: unknown,
    onProgress: (progress: ImportProgress) => void,
    fileName?: string,
  ): Promise<OperationResult>;
  cancelImport(): Promise<OperationResult>;
}

/**
 * A big import: main asks for the file in a dialog and hands the page only a token, the name and the
 * size; the page then starts the import with that token and a recipe, and main passes the path to the
 * database process, which reads the file itself. Progress goes back to the page that asked (at most
 * about ten messages a second); Cancel rolls the import back.
 */
export function bindFileImport(bindings: FileImportBindings): () => void {
  const chosen = new Map<string, string>();
  const refused = failure('This page is not allowed to import files.', 'sender');
  bindings.ipcMain.handle(chooseImportChannel, async (event: IpcMainInvokeEvent): Promise<OperationResult> => {
    if (!isTrustedSender(event, bindings)) return refused;
    const file = await bindings.chooseFile();
    if (!file) return { ok: true, value: null };
    let bytes: number;
    try {
      bytes = checkImportFile(file);
    } catch (error) {
      return failure((error as Error).message, 'file');
    }
    const token = randomUUID();
    chosen.clear();
    chosen.set(token, file);
    return { ok: true, value: { token, name: basename(file), bytes, format: importFormatOf(file) } };
  });
  bindings.ipcMain.handle(importFileChannel, async (event: IpcMainInvokeEvent, request: unknown): Promise<OperationResult> => {
    if (!isTrustedSender(event, bindings)) return refused;
    const limit = checkInputLimits('importFile', request);
    if (limit) return failure(limit.message, limit.field);
    const parsed = fileImportRequest.safeParse(request);
    if (!parsed.success) return failure('importFile: give the token of a chosen file and a recipe.', 'token');
    const { token, ...input } = parsed.data;
    const file = chosen.get(token);
    if (!file) return failure('Choose the file again: this one is no longer offered.', 'token');
    try {
      parseInput(fileImportInput, input, 'importFile');
    } catch (error) {
      if (isUserError(error)) return failure(error.message, error.field);
      return failure(`importFile: ${(error as Error).message}`);
    }
    const sender = event.sender;
    return bindings.importFile(
      file,
      input,
      (progress) => {
        if (!sender.isDestroyed()) sender.send(importProgressChannel, progress);
      },
      basename(file),
    );
  });
  bindings.ipcMain.handle(cancelImportChannel, async (event: IpcMainInvokeEvent): Promise<OperationResult> => {
    if (!isTrustedSender(event, bindings)) return refused;
    return bindings.cancelImport();
  });
  return () => {
    bindings.ipcMain.removeHandler(chooseImportChannel);
    bindings.ipcMain.removeHandler(importFileChannel);
    bindings.ipcMain.removeHandler(cancelImportChannel);
  };
}

const fileImportRequest = z.looseObject({ token: z.string().min(1).max(100) });
