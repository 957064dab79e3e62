import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { validateOperation } from '../db/api';
import { isUserError } from '../db/errors';
import type { OperationName, OperationResult } from '../db/operation-names';
import { operationChannel } from './ipc-channel';

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
