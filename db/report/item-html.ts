import { chartElement } from '../cli/chart/chart-command';
import { chartSvg } from '../cli/chart/render-file';
import { listClaims, listClaimsByIds } from '../evidence/claim-query';
import { claimQueryInput } from '../evidence/inputs';
import { listConflictGroups } from '../evidence/conflict-groups';
import { defaultRules } from '../model/types';
import { getScores } from '../score/engine/operations';
import type { Workspace } from '../workspace/open';
import { claimsTable, evidenceNote } from './claims-html';
import type { ChartItem, ReportItem } from './inputs';
import { escapeHtml, renderMarkdown } from './markdown';
import { scoreCards, scoreClaimIds } from './scores-html';

/** One report item as an HTML section, with the claims it rests on (for the sources list). */
export interface RenderedItem {
  html: string;
  claimIds: string[];
}

/**
 * The chart's standalone SVG, inlined: an HTML page needs neither the XML declaration nor the
 * namespace attributes (whose http:// addresses would read as references to a strict reader). Each
 * chart is rendered on its own, so React gives two charts the same ids (patterns, clip paths): in
 * one page they must differ, or the second chart would draw with the first one's hatching.
 */
export function inlineSvg(svg: string, idPrefix: string): string {
  return svg
    .replace(/^<\?xml[^>]*\?>\s*/, '')
    .replace(/\sxmlns(:\w+)?="[^"]*"/g, '')
    .replace(/\sid="([^"]+)"/g, ` id="${idPrefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${idPrefix}-$1)`)
    .replace(/\s(xlink:)?href="#([^"]+)"/g, ` $1href="#${idPrefix}-$2"`)
    .trim();
}

function chartItemHtml(workspace: Workspace, item: ChartItem, workspaceName: string, idPrefix: string): RenderedItem {
  const claimIds: string[] = [];
  const element = chartElement(
    item.chart,
    workspace,
    {
      metric: item.metric ?? 'capacity_t_per_yr',
      year: item.year,
      mode: item.mode ?? 'absolute',
      rules: { ...defaultRules, ...(item.rules ?? {}) },
      stage: item.stage,
    },
    workspaceName,
    (ids) => claimIds.push(...ids),
  );
  const svg = inlineSvg(chartSvg(element), idPrefix);
  const claims = listClaimsByIds(workspace.db, [...new Set(claimIds)]);
  return { html: `<figure class="chart">${svg}<figcaption>${evidenceNote(claims)}</figcaption></figure>`, claimIds };
}

/** `position` (0, 1, …) keeps the ids inside each item's chart unique in the page. */
export function itemHtml(workspace: Workspace, item: ReportItem, workspaceName: string, position = 0): RenderedItem {
  const db = workspace.db;
  switch (item.kind) {
    case 'chart':
      return chartItemHtml(workspace, item, workspaceName, `item${position + 1}`);
    case 'scores': {
      const report = getScores(db, { ...(item.method ? { method: item.method } : {}) });
      const heading = report.method === 'eu-sr' ? 'Supply risk by stage (EU method)' : 'Risk score by stage';
      return {
        html: `<h2>${heading}</h2>${report.scenario ? `<p class="note">Scenario: ${escapeHtml(report.scenario.name)}</p>` : ''}${scoreCards(report)}`,
        claimIds: scoreClaimIds(report),
      };
    }
    case 'claims': {
      const claims = item.claimIds
        ? listClaimsByIds(db, item.claimIds)
        : listClaims(db, claimQueryInput.parse({ ...(item.filter ?? {}), limit: 500 })).rows;
      return {
        html: `<h2>${escapeHtml(item.title ?? 'Claims')}</h2>${claimsTable(claims)}`,
        claimIds: claims.map((c) => c.id),
      };
    }
    case 'conflict': {
      const group = listConflictGroups(db, item.groupId)[0];
      if (!group)
        return { html: `<h2>Conflict</h2><p class="empty">No conflict group "${escapeHtml(item.groupId)}".</p>`, claimIds: [] };
      const preferred = group.preferredReason
        ? `<p class="note">Preferred claim, because: ${escapeHtml(group.preferredReason)}</p>`
        : '<p class="note">No claim is preferred: the model widens the band to cover the spread.</p>';
      return {
        html: `<h2>Conflicting figures: ${escapeHtml(group.subject)}</h2><p class="note">Spread ${Math.round(group.spread * 100)}% between the largest and smallest figure.</p>${preferred}${claimsTable(group.claims, group.preferredClaimId)}`,
        claimIds: group.claims.map((c) => c.id),
      };
    }
    case 'narrative':
      return { html: `<div class="narrative">${renderMarkdown(item.markdown)}</div>`, claimIds: [] };
  }
}
