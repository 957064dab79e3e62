import type { Database } from 'better-sqlite3';
import type { Report } from './inputs';
import { getReport } from './report-store';

/**
 * The built-in "Overview" report, never stored: the stage gap overview, who holds each stage, the
 * risk scores as cards, and (always, in every report) the sources. Built here so it follows the code.
 */
export const OVERVIEW_NAME = 'Overview';

export function overviewReport(workspaceName: string, marking = ''): Report {
  return {
    id: 'overview',
    name: OVERVIEW_NAME,
    title: `${workspaceName}: rare-earth supply chain overview`,
    author: null,
    organisation: null,
    reportDate: null,
    asOf: null,
    marking,
    pageSize: 'A4',
    items: [{ kind: 'chart', chart: 'stage-gap' }, { kind: 'chart', chart: 'composition' }, { kind: 'scores' }],
    createdAt: '',
    updatedAt: '',
  };
}

/** A report by id or name; "overview" (either spelling) is the built-in one, whatever is stored. */
export function reportByKey(db: Database, idOrName: string, workspaceName: string): Report {
  return idOrName.trim().toLowerCase() === OVERVIEW_NAME.toLowerCase() ? overviewReport(workspaceName) : getReport(db, idOrName);
}
