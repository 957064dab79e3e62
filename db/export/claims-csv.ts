import type { Database } from 'better-sqlite3';
import { toCsv, type CsvCell } from './csv-write';

/**
 * Claims as a spreadsheet: one row per claim, its evidence status, and its citations' columns
 * joined with " | " in citation order, so a reader can see which source said what.
 */
export const claimsCsvHeader = [
  'id',
  'statement',
  'stage',
  'country',
  'entity',
  'facility_status',
  'metric',
  'value',
  'value_low',
  'value_high',
  'unit',
  'year',
  'credibility',
  'tags',
  'notes',
  'independent_origins',
  'corroborated',
  'state_media_only',
  'contested',
  'conflict_group',
  'source_ids',
  'source_titles',
  'reliabilities',
  'stances',
  'excerpts',
  'locators',
] as const;

interface Row {
  id: string;
  statement: string;
  stage: string | null;
  country: string | null;
  entity: string | null;
  facility_status: string | null;
  metric: string;
  value: number | null;
  value_low: number | null;
  value_high: number | null;
  unit: string | null;
  year: number | null;
  credibility: number;
  notes: string | null;
  independent_origins: number | null;
  state_media_only: number | null;
  contradicted: number | null;
  conflict_group: string | null;
  tags: string | null;
  citations: string;
}

const SEPARATOR = ' | ';

export function exportClaimsCsv(db: Database): string {
  const rows = db
    .prepare(
      `SELECT c.id, c.statement, c.stage, c.country, c.entity, c.facility_status, c.metric, c.value, c.value_low, c.value_high,
              c.unit, c.year, c.credibility, c.notes, e.independent_origins, e.state_media_only, e.contradicted, e.conflict_group,
              (SELECT group_concat(tag, ';') FROM (SELECT tag FROM claim_tags t WHERE t.claim_id = c.id ORDER BY tag)) AS tags,
              (SELECT json_group_array(json_object('id', s.id, 'title', s.title, 'reliability', s.reliability,
                                                   'stance', cc.stance, 'excerpt', cc.excerpt, 'locator', cc.locator))
                 FROM (SELECT * FROM claim_citations WHERE claim_id = c.id ORDER BY rowid) cc
                 JOIN sources s ON s.id = cc.source_id) AS citations
         FROM claims c LEFT JOIN claim_evidence e ON e.claim_seq = c.seq
        ORDER BY c.id`,
    )
    .iterate() as IterableIterator<Row>;
  function* lines(): Generator<CsvCell[]> {
    for (const row of rows) {
      const citations = JSON.parse(row.citations) as {
        id: string;
        title: string;
        reliability: string;
        stance: string;
        excerpt: string | null;
        locator: string | null;
      }[];
      const join = (pick: (c: (typeof citations)[number]) => string | null) =>
        citations.map((c) => pick(c) ?? '').join(SEPARATOR);
      const origins = row.independent_origins ?? 0;
      yield [
        row.id,
        row.statement,
        row.stage,
        row.country,
        row.entity,
        row.facility_status,
        row.metric,
        row.value,
        row.value_low,
        row.value_high,
        row.unit,
        row.year,
        row.credibility,
        row.tags,
        row.notes,
        origins,
        origins >= 2,
        row.state_media_only === 1,
        row.contradicted === 1 || row.conflict_group !== null,
        row.conflict_group,
        join((c) => c.id),
        join((c) => c.title),
        join((c) => c.reliability),
        join((c) => c.stance),
        join((c) => c.excerpt),
        join((c) => c.locator),
      ];
    }
  }
  return toCsv(claimsCsvHeader, lines());
}
