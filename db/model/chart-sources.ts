import type { Database } from 'better-sqlite3';
import { z } from 'zod';

/**
 * The sources a chart rests on, for the source line printed inside it: the supporting sources of the
 * claims the model counted, in a short form ("USGS 2025"), and the newest publication date among
 * them, which is the "as of" date of the data (not the day the chart was drawn).
 */
export const chartSourcesInput = z.strictObject({
  claimIds: z.array(z.string().min(1).max(200)).max(20_000),
});

export interface ChartSources {
  /** Short forms, most-cited first: "USGS 2025", "Lynas Rare Earths 2025". */
  sources: { short: string; claims: number }[];
  /** The newest publication date among those sources, as written (YYYY[-MM[-DD]]), or null. */
  asOf: string | null;
}

interface Row {
  id: string;
  title: string;
  publisher: string | null;
  published: string | null;
  claims: number;
}

/**
 * "Rare Earth Exchanges (REEx), reporting …" reads as "REEx"; "middle.news (summarising …)" as
 * "middle.news"; a long name is cut at its first comma or dash.
 */
function shortName(row: Pick<Row, 'title' | 'publisher'>): string {
  const name = (row.publisher ?? row.title).trim();
  const acronym = /\(([A-Z][A-Za-z&.]*[A-Z][A-Za-z&.]*)\)/.exec(name)?.[1];
  if (acronym && acronym.length <= 12) return acronym;
  const cut = name
    .replace(/\s*\([^)]*\)?/g, '')
    .split(/,| – | — | - /)[0]!
    .trim();
  return cut.length <= 40 ? cut : `${cut.slice(0, 39).trimEnd()}…`;
}

export function chartSources(db: Database, claimIds: readonly string[]): ChartSources {
  if (claimIds.length === 0) return { sources: [], asOf: null };
  const rows = db
    .prepare(
      `SELECT s.id, s.title, s.publisher, s.published, count(DISTINCT cc.claim_id) AS claims
         FROM claim_citations cc JOIN sources s ON s.id = cc.source_id
        WHERE cc.stance = 'supports' AND cc.claim_id IN (SELECT value FROM json_each(?))
        GROUP BY s.id`,
    )
    .all(JSON.stringify(claimIds)) as Row[];
  const byShort = new Map<string, number>();
  for (const row of rows) {
    const short = row.published ? `${shortName(row)} ${row.published.slice(0, 4)}` : shortName(row);
    byShort.set(short, (byShort.get(short) ?? 0) + row.claims);
  }
  const sources = [...byShort]
    .map(([short, claims]) => ({ short, claims }))
    .sort((a, b) => b.claims - a.claims || a.short.localeCompare(b.short));
  const dates = rows.map((row) => row.published).filter((date): date is string => date !== null);
  return { sources, asOf: dates.length > 0 ? dates.sort().at(-1)! : null };
}
