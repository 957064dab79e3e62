import { join } from 'node:path';
import { executeOperation, type OperationContext } from '../../db/api';
import { writeFileAtomically } from '../../db/export/export-file';
import type { OperationResult } from '../../db/operation-names';
import { htmlToPdf } from '../../db/report/print-pdf';
import { reportFile, reportFileName, reportFormats, type ReportFormat } from '../../db/report/report-file';
import type { ReportSlides } from '../../db/report/slides-types';

/**
 * The preview's stand-in for the desktop report export: the report is drawn by the same operation,
 * built by the same code (PDF printed by Chromium's page.pdf rather than Electron's printToPDF) and
 * written into the host's exports folder under the name the desktop's save dialog would propose.
 */
export async function exportReportFile(
  context: OperationContext,
  folder: string,
  body: Record<string, unknown>,
): Promise<OperationResult> {
  const { id, format, pageSize } = body;
  if (typeof format !== 'string' || !(reportFormats as readonly string[]).includes(format))
    return { ok: false, error: { message: 'exportReport: format: must be one of html, pdf, pptx', field: 'format' } };
  const drawn = executeOperation(context, 'getReportSlides', { id, ...(pageSize === undefined ? {} : { pageSize }) });
  if (!drawn.ok) return drawn;
  const slides = drawn.value as ReportSlides;
  const file = join(folder, reportFileName(slides, format as ReportFormat));
  try {
    writeFileAtomically(file, await reportFile(slides, format as ReportFormat, (html, size) => htmlToPdf(html, size)));
  } catch (error) {
    return { ok: false, error: { message: `The report could not be saved: ${(error as Error).message}` } };
  }
  return { ok: true, value: { file } };
}
