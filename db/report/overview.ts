import type { Report } from './inputs';

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
