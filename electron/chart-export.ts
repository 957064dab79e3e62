import { writeFileSync } from 'node:fs';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import type { OperationResult } from '../db/operation-names';
import { parseInput } from '../db/validation';
import { isUserError } from '../db/errors';
import { isTrustedSender } from './ipc';
import { chartExportChannel } from './ipc-channel';

/**
 * Saves a chart the renderer exported (SVG text or PNG bytes) where the analyst chooses, through a
 * native save dialog. The renderer names the file and hands over its content; it never chooses a
 * path, so a compromised page cannot write anywhere on its own.
 */
const MAX_EXPORT_BYTES = 50 * 1024 * 1024;

export const chartExportInput = z.discriminatedUnion('kind', [
  z.strictObject({
    name: z.string().regex(/^[\w .()-]{1,120}\.svg$/, 'must be a plain file name ending in .svg'),
    kind: z.literal('svg'),
    data: z.string().min(1).max(MAX_EXPORT_BYTES),
  }),
  z.strictObject({
    name: z.string().regex(/^[\w .()-]{1,120}\.png$/, 'must be a plain file name ending in .png'),
    kind: z.literal('png'),
    data: z
      .instanceof(Uint8Array)
      .refine((bytes) => bytes.length > 0 && bytes.length <= MAX_EXPORT_BYTES, 'must be 1 byte to 50 MB'),
  }),
]);

export interface ChartExportBindings {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  isTrustedPage(url: string): boolean;
  isOurWindow(contents: WebContents): boolean;
  /** Asks where to save; undefined when the analyst cancels. */
  chooseTarget(name: string, kind: 'svg' | 'png'): Promise<string | undefined>;
}

export function bindChartExport(bindings: ChartExportBindings): () => void {
  bindings.ipcMain.handle(chartExportChannel, async (event: IpcMainInvokeEvent, file: unknown): Promise<OperationResult> => {
    if (!isTrustedSender(event, bindings))
      return { ok: false, error: { message: 'This page is not allowed to save files.', field: 'sender' } };
    try {
      const valid = parseInput(chartExportInput, file, 'saveExport');
      const target = await bindings.chooseTarget(valid.name, valid.kind);
      if (!target) return { ok: true, value: null };
      writeFileSync(target, valid.kind === 'svg' ? valid.data : Buffer.from(valid.data));
      return { ok: true, value: { file: target } };
    } catch (error) {
      if (isUserError(error))
        return { ok: false, error: { message: error.message, ...(error.field ? { field: error.field } : {}) } };
      return { ok: false, error: { message: `The chart could not be saved: ${(error as Error).message}` } };
    }
  });
  return () => bindings.ipcMain.removeHandler(chartExportChannel);
}
