import type { Database } from 'better-sqlite3';
import { escapeHtml } from './markdown';

/**
 * The sources a report rests on: every source cited by any claim behind any item, numbered, with
 * its title, publisher, date, address (as text, never a link) and Admiralty reliability grade.
 */
export interface ReportSource {
  id: string;
  title: string;
  publisher: string | null;
  published: string | null;
  url: string | null;
  reliability: string;
  stateAffiliated: string;
  contradicts: boolean;
}

export function reportSources(db: Database, claimIds: readonly string[]): ReportSource[] {
  if (claimIds.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT s.id, s.title, s.publisher, s.published, s.url, s.reliability, s.state_affiliated AS stateAffiliated,
              min(cc.stance = 'contradicts') AS contradicts
         FROM claim_citations cc JOIN sources s ON s.id = cc.source_id
        WHERE cc.claim_id IN (SELECT value FROM json_each(?))
        GROUP BY s.id
        ORDER BY coalesce(s.publisher, s.title) COLLATE NOCASE, s.published DESC`,
    )
    .all(JSON.stringify([...new Set(claimIds)])) as (Omit<ReportSource, 'contradicts'> & { contradicts: number })[];
  return rows.map((row) => ({ ...row, contradicts: row.contradicts === 1 }));
}

/** The newest publication date among the sources: the "as of" date of the data. */
export function asOfDate(sources: readonly ReportSource[]): string | null {
  const dates = sources.map((s) => s.published).filter((d): d is string => d !== null);
  return dates.length > 0 ? dates.sort().at(-1)! : null;
}

/** Title, publisher and address each sit in a <bdi>: an override or a right-to-left name cannot reorder the date after it. */
export function sourcesSection(sources: readonly ReportSource[]): string {
  if (sources.length === 0) return '<section class="sources"><h2>Sources</h2><p class="empty">No claims are cited.</p></section>';
  const items = sources.map(
    (s, index) => `<li id="source-${index + 1}" data-source="${escapeHtml(s.id)}">
<span class="source-title"><bdi>${escapeHtml(s.title)}</bdi></span>${s.publisher ? `. <bdi>${escapeHtml(s.publisher)}</bdi>` : ''}${s.published ? `, ${escapeHtml(s.published)}` : ''}.
<span class="grade" title="Admiralty reliability">Reliability ${escapeHtml(s.reliability)}</span>${s.stateAffiliated === 'yes' ? ' <span class="flag flag-state">State-affiliated</span>' : ''}${s.contradicts ? ' <span class="flag flag-contested">Cited against a claim</span>' : ''}
${s.url ? `<span class="url">[<bdi>${escapeHtml(s.url)}</bdi>]</span>` : ''}
</li>`,
  );
  return `<section class="sources"><h2>Sources</h2>
<p class="note">Every source cited by a claim behind a chart, score or table in this report. Reliability on the Admiralty scale (A completely reliable … E unreliable, F cannot be judged). Addresses are given as text; nothing in this file links out.</p>
<ol class="source-list">${items.join('\n')}</ol></section>`;
}
