import { extname } from 'node:path';
import { UserError } from '../errors';
import { writeFileAtomically } from '../export/export-file';
import { OVERVIEW_NAME, overviewReport } from '../report/overview';
import { htmlToPdf } from '../report/print-pdf';
import { renderReportHtml } from '../report/render-html';
import { getReport } from '../report/report-store';
import { openWorkspaceReadOnly } from '../workspace/open';
import { runModelOperation, type Values } from './gap';

/**
 * `chokepoint report`: a saved report (or the built-in Overview) drawn from the workspace as it is
 * now, written as one standalone HTML file or printed to PDF by Chromium.
 */
export async function reportCommand(values: Values, out: (line: string) => void, workspaceFile: string): Promise<void> {
  const target = values.out;
  const format = typeof target === 'string' ? extname(target).toLowerCase() : '';
  if (format !== '.html' && format !== '.pdf') throw new UserError('--out must name a .html or .pdf file.', 'out');
  const page = values.page;
  if (page !== undefined && page !== 'A4' && page !== 'Letter')
    throw new UserError(`--page: "${String(page)}" is not one of A4, Letter.`, 'page');
  const name = typeof values.report === 'string' && values.report.trim() !== '' ? values.report.trim() : OVERVIEW_NAME;

  const workspace = openWorkspaceReadOnly(workspaceFile);
  let html: string;
  let pageSize: 'A4' | 'Letter';
  try {
    const workspaceName = runModelOperation(workspace, 'getWorkspaceSummary', {}).name;
    const marking = typeof values.marking === 'string' ? values.marking : undefined;
    const stored = name.toLowerCase() === OVERVIEW_NAME.toLowerCase() ? undefined : getReport(workspace.db, name);
    const report = stored ?? overviewReport(workspaceName);
    const chosen = marking === undefined ? report : { ...report, marking };
    pageSize = page ?? chosen.pageSize;
    html = renderReportHtml(workspace, chosen, { workspaceName, pageSize });
  } catch (error) {
    if (error instanceof UserError && error.field === 'id') throw new UserError(`--report: ${error.message}`, 'report');
    throw error;
  } finally {
    workspace.close();
  }
  writeFileAtomically(target as string, format === '.html' ? html : await htmlToPdf(html, pageSize));
  out(`Wrote the report "${name}" to ${target as string}.`);
}
