import type { Database } from 'better-sqlite3';
import type { PublisherType, Reliability, StateAffiliation } from './vocabulary';

export interface SourceListRow {
  id: string;
  title: string;
  publisher: string | null;
  publisherType: PublisherType;
  originCountry: string | null;
  stateAffiliated: StateAffiliation;
  published: string | null;
  url: string | null;
  reliability: Reliability;
  reliabilityReason: string | null;
  claimCount: number;
}

export function listSources(db: Database): SourceListRow[] {
  return db
    .prepare(
      `SELECT s.id, s.title, s.publisher, s.publisher_type AS publisherType, s.origin_country AS originCountry,
              s.state_affiliated AS stateAffiliated, s.published, s.url, s.reliability,
              s.reliability_reason AS reliabilityReason,
              (SELECT count(*) FROM claim_citations cc WHERE cc.source_id = s.id) AS claimCount
         FROM sources s
        ORDER BY s.publisher, s.title`,
    )
    .all() as SourceListRow[];
}

export function countSources(db: Database): number {
  return (db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
}
