import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import { isUserError } from '../db/errors';
import { writeFileAtomically } from '../db/export/export-file';
import type { OperationName, OperationResult } from '../db/operation-names';
import { reportFile, reportFileName, reportFormats, type PrintPdf, type ReportFormat } from '../db/report/report-file';
import type { ReportSlides } from '../db/report/slides-types';
import { parseInput } from '../db/validation';
import { isTrustedSender } from './ipc';
import { reportExportChannel } from './ipc-channel';

/**
 * Writes a report as HTML, PDF or PowerPoint where the analyst chooses. The renderer names only the
 * report and the format: main draws it from the workspace (through the database process), prints or
 * builds the file and asks where to save it, so a page can neither choose a path nor hand over content.
 */
export const reportExportInput = z.strictObject({
  id: z.string().min(1).max(200),
  format: z.enum(reportFormats),
  pageSize: z.enum(['A4', 'Letter']).optional(),
});

export interface ReportExportBindings {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  isTrustedPage(url: string): boolean;
  isOurWindow(contents: WebContents): boolean;
  runOperation(name: OperationName, input: unknown): Promise<OperationResult>;
  printPdf: PrintPdf;
  /** Asks where to save; undefined when the analyst cancels. */
  chooseTarget(name: string, format: ReportFormat): Promise<string | undefined>;
}

export function bindReportExport(bindings: ReportExportBindings): () => void {
  bindings.ipcMain.handle(reportExportChannel, async (event: IpcMainInvokeEvent, request: unknown): Promise<OperationResult> => {
    if (!isTrustedSender(event, bindings))
      return { ok: false, error: { message: 'This page is not allowed to save files.', field: 'sender' } };
    try {
      const { id, format, pageSize } = parseInput(reportExportInput, request, 'exportReport');
      const drawn = await bindings.runOperation('getReportSlides', { id, ...(pageSize ? { pageSize } : {}) });
      if (!drawn.ok) return drawn;
      const slides = drawn.value as ReportSlides;
      const target = await bindings.chooseTarget(reportFileName(slides, format), format);
      if (!target) return { ok: true, value: null };
      writeFileAtomically(target, await reportFile(slides, format, bindings.printPdf));
      return { ok: true, value: { file: target } };
    } catch (error) {
      if (isUserError(error))
        return { ok: false, error: { message: error.message, ...(error.field ? { field: error.field } : {}) } };
      return { ok: false, error: { message: `The report could not be saved: ${(error as Error).message}` } };
    }
  });
  return () => bindings.ipcMain.removeHandler(reportExportChannel);
}
