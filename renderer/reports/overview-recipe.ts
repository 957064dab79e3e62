import type { Report } from '../../db/report/inputs';

/** The built-in Overview's id: it is drawn by the workspace, never stored, and cannot be changed. */
export const OVERVIEW_ID = 'overview';

/**
 * The built-in Overview's recipe (db/report/overview.ts), repeated because the renderer imports only
 * types from db/ and getReport answers for stored reports only. Shown read-only and copied by
 * "Copy to edit"; its outline and exports are drawn by the workspace from the id, so they follow db/.
 */
export function overviewRecipe(workspaceName: string | undefined): Report {
  return {
    id: OVERVIEW_ID,
    name: 'Overview',
    title: `${workspaceName ?? 'Workspace'}: rare-earth supply chain overview`,
    author: null,
    organisation: null,
    reportDate: null,
    asOf: null,
    marking: '',
    pageSize: 'A4',
    items: [{ kind: 'chart', chart: 'stage-gap' }, { kind: 'chart', chart: 'composition' }, { kind: 'scores' }],
    createdAt: '',
    updatedAt: '',
  };
}
