import { isolateBidi } from '../cli/chart/plain-text';
import type { ClaimListRow } from '../evidence/views';
import type { Workspace } from '../workspace/open';
import { claimRow } from './claims-html';
import { evidenceLine } from './evidence-line';
import type { Report } from './inputs';
import { itemSlide } from './item-slide';
import { longDate } from './long-date';
import type { ReportSlide, ReportSlides } from './slides-types';
import { asOfDate, reportSources } from './sources-html';

/**
 * A report drawn from the workspace as it is now: every item with its heading, takeaway and body,
 * the sources all of them rest on (numbered once for the whole report), and per item the numbers of
 * its sources, its evidence flags and the evidence details a presenter reads from the notes.
 */
export interface SlideOptions {
  workspaceName: string;
  /** Overrides the report's own page size (the command line's --page). */
  pageSize?: 'A4' | 'Letter';
  /** The day the report is drawn; today unless given (tests). */
  today?: Date;
}

/** Speaker notes list at most this many claims; the rest are counted. */
const notedClaims = 40;

function evidenceNotes(claims: readonly ClaimListRow[], numberOf: ReadonlyMap<string, number>): string[] {
  if (claims.length === 0) return [];
  const lines = claims.slice(0, notedClaims).map((claim) => {
    const [, where, figure, grade, flags] = claimRow(claim);
    const cited = claim.citations
      .map(
        (c) =>
          `[${numberOf.get(c.sourceId)}] ${isolateBidi(c.publisher ?? c.sourceTitle)} (${c.reliability}${c.stance === 'contradicts' ? ', against' : ''})`,
      )
      .join('; ');
    return [
      isolateBidi(claim.statement),
      where,
      figure === '—' ? '' : figure,
      `grade ${grade}`,
      flags,
      cited ? `sources ${cited}` : '',
    ]
      .filter((part) => part !== '')
      .join(' · ');
  });
  const more = claims.length > notedClaims ? [`… and ${claims.length - notedClaims} more claims.`] : [];
  return [`Evidence: ${claims.length} ${claims.length === 1 ? 'claim' : 'claims'}.`, ...lines, ...more];
}

export function reportSlides(workspace: Workspace, report: Report, options: SlideOptions): ReportSlides {
  const drawn = report.items.map((item, index) => itemSlide(workspace, item, options.workspaceName, index));
  const sources = reportSources(
    workspace.db,
    drawn.flatMap((item) => item.claimIds),
  );
  const numberOf = new Map(sources.map((source, index) => [source.id, index + 1]));
  const items = drawn.map(({ claims, ...item }): ReportSlide => {
    const cited = new Set(claims.flatMap((claim) => claim.citations.map((c) => numberOf.get(c.sourceId)!)));
    const flags = {
      claims: claims.length,
      stateMediaOnly: claims.filter((c) => c.evidence.stateMediaOnly).length,
      contested: claims.filter((c) => c.evidence.contested).length,
    };
    return {
      ...item,
      notes: evidenceNotes(claims, numberOf),
      sourceNumbers: [...cited].sort((a, b) => a - b),
      flags,
      evidence: evidenceLine(flags),
    };
  });

  const asOf = report.asOf ?? asOfDate(sources);
  const reportDate = report.reportDate ?? (options.today ?? new Date()).toISOString().slice(0, 10);
  const facts = [
    ['Author', report.author],
    ['Organisation', report.organisation],
    ['Date', longDate(reportDate)],
    ['Data as of', asOf ? longDate(asOf) : 'no dated sources'],
    ['Workspace', options.workspaceName],
  ]
    .filter((fact): fact is [string, string] => typeof fact[1] === 'string' && fact[1] !== '')
    .map(([term, value]) => ({ term, value }));

  return {
    // The built-in Overview and a builder's draft are never stored: they have no creation time.
    reportId: report.createdAt === '' ? null : report.id,
    name: report.name,
    title: report.title,
    facts,
    marking: report.marking,
    pageSize: options.pageSize ?? report.pageSize,
    items,
    sources,
  };
}
