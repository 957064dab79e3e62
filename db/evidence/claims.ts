import type { Database } from 'better-sqlite3';
import { countrySide, type CountrySide } from './countries';
import type { Credibility, FacilityStatus, Metric, PublisherType, Reliability, Stage } from './vocabulary';

export interface ClaimCitation {
  sourceId: string;
  publisher: string | null;
  sourceTitle: string;
  publisherType: PublisherType;
  reliability: Reliability;
  stance: 'supports' | 'contradicts';
  excerpt: string | null;
}

export interface ClaimListRow {
  id: string;
  statement: string;
  stage: Stage | null;
  country: string | null;
  /** China, ex-China or an aggregate such as World: derived from country, never stored. */
  side: CountrySide | null;
  entity: string | null;
  facilityStatus: FacilityStatus | null;
  metric: Metric;
  value: number | null;
  valueLow: number | null;
  valueHigh: number | null;
  unit: string | null;
  year: number | null;
  credibility: Credibility;
  citations: ClaimCitation[];
}

export interface ClaimPage {
  total: number;
  offset: number;
  rows: ClaimListRow[];
}

export interface ClaimQuery {
  offset: number;
  limit: number;
  stage?: Stage | undefined;
}

interface ClaimRecord extends Omit<ClaimListRow, 'citations' | 'side'> {
  citations: string;
}

/** A page of claims in a stable reading order (stage, then country, then year), with their citations. */
export function listClaims(db: Database, query: ClaimQuery): ClaimPage {
  const where = query.stage ? 'WHERE c.stage = @stage' : '';
  const params = { stage: query.stage ?? null, limit: query.limit, offset: query.offset };
  const total = (db.prepare(`SELECT count(*) AS n FROM claims c ${where}`).get(params) as { n: number }).n;
  const records = db
    .prepare(
      `SELECT c.id, c.statement, c.stage, c.country, c.entity, c.facility_status AS facilityStatus,
              c.metric, c.value, c.value_low AS valueLow, c.value_high AS valueHigh, c.unit, c.year,
              c.credibility,
              (SELECT json_group_array(json_object(
                        'sourceId', s.id, 'publisher', s.publisher, 'sourceTitle', s.title,
                        'publisherType', s.publisher_type, 'reliability', s.reliability,
                        'stance', cc.stance, 'excerpt', cc.excerpt))
                 FROM claim_citations cc JOIN sources s ON s.id = cc.source_id
                WHERE cc.claim_id = c.id) AS citations
         FROM claims c ${where}
        ORDER BY CASE c.stage WHEN 'mining' THEN 1 WHEN 'separation' THEN 2 WHEN 'refining' THEN 3
                 WHEN 'metals' THEN 4 WHEN 'magnets' THEN 5 WHEN 'policy' THEN 6 ELSE 7 END,
                 c.country, c.year, c.id
        LIMIT @limit OFFSET @offset`,
    )
    .all(params) as ClaimRecord[];
  return {
    total,
    offset: query.offset,
    rows: records.map((record) => ({
      ...record,
      side: countrySide(record.country),
      citations: JSON.parse(record.citations) as ClaimCitation[],
    })),
  };
}

export function countClaims(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM claims').get() as { n: number }).n;
}
