import { extname } from 'node:path';
import { UserError } from '../errors';
import { writeFileAtomically } from '../export/export-file';
import { OVERVIEW_NAME, reportByKey } from '../report/overview';
import { htmlToPdf } from '../report/print-pdf';
import { reportFile, type ReportFormat } from '../report/report-file';
import { reportSlides } from '../report/slides';
import type { ReportSlides } from '../report/slides-types';
import { openWorkspaceReadOnly } from '../workspace/open';
import { runModelOperation, type Values } from './gap';

/**
 * `chokepoint report`: a saved report (or the built-in Overview) drawn from the workspace as it is
 * now, written as one standalone HTML file, printed to PDF by Chromium, or built as a PowerPoint
 * deck (charts as pictures rasterized by resvg, tables as native tables, the evidence in the notes).
 */
export async function reportCommand(values: Values, out: (line: string) => void, workspaceFile: string): Promise<void> {
  const target = values.out;
  const format = typeof target === 'string' ? extname(target).toLowerCase() : '';
  if (format !== '.html' && format !== '.pdf' && format !== '.pptx')
    throw new UserError('--out must name a .html, .pdf or .pptx file.', 'out');
  const page = values.page;
  if (page !== undefined && page !== 'A4' && page !== 'Letter')
    throw new UserError(`--page: "${String(page)}" is not one of A4, Letter.`, 'page');
  const name = typeof values.report === 'string' && values.report.trim() !== '' ? values.report.trim() : OVERVIEW_NAME;

  const workspace = openWorkspaceReadOnly(workspaceFile);
  let slides: ReportSlides;
  try {
    const workspaceName = runModelOperation(workspace, 'getWorkspaceSummary', {}).name;
    const marking = typeof values.marking === 'string' ? values.marking : undefined;
    const report = reportByKey(workspace.db, name, workspaceName);
    const chosen = marking === undefined ? report : { ...report, marking };
    slides = reportSlides(workspace, chosen, { workspaceName, pageSize: page ?? chosen.pageSize });
  } catch (error) {
    if (error instanceof UserError && error.field === 'id') throw new UserError(`--report: ${error.message}`, 'report');
    throw error;
  } finally {
    workspace.close();
  }
  writeFileAtomically(target as string, await reportFile(slides, format.slice(1) as ReportFormat, htmlToPdf));
  out(`Wrote the report "${name}" to ${target as string}.`);
}
