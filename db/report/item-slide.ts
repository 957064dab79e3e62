import { isolateBidi } from '../cli/chart/plain-text';
import { drawChart } from '../cli/chart/chart-command';
import { chartSvg } from '../cli/chart/render-file';
import { listClaims, listClaimsByIds } from '../evidence/claim-query';
import { claimQueryInput } from '../evidence/inputs';
import { listConflictGroups } from '../evidence/conflict-groups';
import type { ClaimListRow } from '../evidence/views';
import { defaultRules } from '../model/types';
import { getScores } from '../score/engine/operations';
import type { Workspace } from '../workspace/open';
import { claimRow, claimsTable, claimTableColumns, evidenceNote } from './claims-html';
import type { ChartItem, ReportItem } from './inputs';
import { escapeHtml, renderMarkdown } from './markdown';
import { scoreCards, scoreClaimIds, scoreTable, scoreTakeaway } from './scores-html';
import type { ReportSlide } from './slides-types';

/** One report item drawn from the workspace; slides.ts adds the notes, footnote numbers and flags. */
export type ItemSlide = Omit<ReportSlide, 'notes' | 'sourceNumbers' | 'flags' | 'evidence'> & { claims: ClaimListRow[] };

/** A standalone chart file without its <style> element (the typeface rules): a page embeds them once. */
export function withoutStyle(svg: string): string {
  return svg.replace(/<style>[\s\S]*?<\/style>/, '');
}

/**
 * The chart's SVG, inlined: an HTML page needs neither the XML declaration nor the namespace
 * attributes (whose http:// addresses would read as references to a strict reader). Each chart is
 * rendered on its own, so React gives two charts the same ids (patterns, clip paths): in one page
 * they must differ, or the second chart would draw with the first one's hatching.
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

function chartSlide(workspace: Workspace, item: ChartItem, workspaceName: string, idPrefix: string): ItemSlide {
  const chart = drawChart(
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
  );
  const file = withoutStyle(chartSvg(chart.element));
  const claims = listClaimsByIds(workspace.db, chart.claimIds);
  return {
    kind: 'chart',
    heading: chart.element.props.meta.title,
    takeaway: chart.takeaway,
    html: `<figure class="chart">${inlineSvg(file, idPrefix)}<figcaption>${evidenceNote(claims)}</figcaption></figure>`,
    chartSvg: file,
    claims,
    claimIds: chart.claimIds,
  };
}

function claimsTakeaway(claims: readonly ClaimListRow[]): string {
  const stateMedia = claims.filter((c) => c.evidence.stateMediaOnly).length;
  const contested = claims.filter((c) => c.evidence.contested).length;
  const corroborated = claims.filter((c) => c.evidence.corroborated).length;
  const noun = claims.length === 1 ? 'claim' : 'claims';
  return `${claims.length} ${noun}: ${corroborated} corroborated, ${stateMedia} resting on state media only, ${contested} contested.`;
}

/** The first "# heading" of a narrative names its slide; without one the slide is "Notes". */
function narrativeHeading(markdown: string): string {
  return /^#{1,3}\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? 'Notes';
}

/** `position` (0, 1, …) keeps the ids inside each item's chart unique in the page. */
export function itemSlide(workspace: Workspace, item: ReportItem, workspaceName: string, position = 0): ItemSlide {
  const db = workspace.db;
  switch (item.kind) {
    case 'chart':
      return chartSlide(workspace, item, workspaceName, `item${position + 1}`);
    case 'scores': {
      const report = getScores(db, { ...(item.method ? { method: item.method } : {}) });
      const heading = report.method === 'eu-sr' ? 'Supply risk by stage (EU method)' : 'Risk score by stage';
      const claimIds = [...new Set(scoreClaimIds(report))];
      return {
        kind: 'scores',
        heading,
        takeaway: scoreTakeaway(report),
        html: `<h2>${heading}</h2>${report.scenario ? `<p class="note">Scenario: ${escapeHtml(report.scenario.name)}</p>` : ''}${scoreCards(report)}`,
        table: scoreTable(report),
        claims: listClaimsByIds(db, claimIds),
        claimIds,
      };
    }
    case 'claims': {
      const claims = item.claimIds
        ? listClaimsByIds(db, item.claimIds)
        : listClaims(db, claimQueryInput.parse({ ...(item.filter ?? {}), limit: 500 })).rows;
      const heading = item.title ?? 'Claims';
      return {
        kind: 'claims',
        heading,
        takeaway: claimsTakeaway(claims),
        html: `<h2>${escapeHtml(heading)}</h2>${claimsTable(claims)}`,
        table: { columns: claimTableColumns, rows: claims.map((c) => claimRow(c)) },
        claims,
        claimIds: claims.map((c) => c.id),
      };
    }
    case 'conflict': {
      const group = listConflictGroups(db, item.groupId)[0];
      if (!group)
        return {
          kind: 'conflict',
          heading: 'Conflict',
          takeaway: `No conflict group "${item.groupId}" in this workspace.`,
          html: `<h2>Conflict</h2><p class="empty">No conflict group "${escapeHtml(item.groupId)}".</p>`,
          claims: [],
          claimIds: [],
        };
      const spread = `${Math.round(group.spread * 100)}%`;
      const preferred = group.preferredReason
        ? `Preferred claim, because: ${isolateBidi(group.preferredReason)}`
        : 'No claim is preferred: the model widens the band to cover the spread.';
      const heading = `Conflicting figures: ${isolateBidi(group.subject)}`;
      return {
        kind: 'conflict',
        heading,
        takeaway: `${group.claims.length} sources differ by ${spread} between the largest and smallest figure. ${preferred}`,
        html: `<h2>${escapeHtml(heading)}</h2><p class="note">Spread ${spread} between the largest and smallest figure.</p><p class="note">${escapeHtml(preferred)}</p>${claimsTable(group.claims, group.preferredClaimId)}`,
        table: {
          columns: claimTableColumns,
          rows: group.claims.map((c) => claimRow(c, c.id === group.preferredClaimId)),
        },
        claims: group.claims,
        claimIds: group.claims.map((c) => c.id),
      };
    }
    case 'narrative':
      return {
        kind: 'narrative',
        heading: narrativeHeading(item.markdown),
        takeaway: '',
        html: `<div class="narrative">${renderMarkdown(item.markdown)}</div>`,
        markdown: item.markdown,
        claims: [],
        claimIds: [],
      };
  }
}
