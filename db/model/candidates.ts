import type { Database } from 'better-sqlite3';
import type { CountrySide } from '../evidence/countries';
import type { FacilityStatus, Metric, Reliability, Stage } from '../evidence/vocabulary';

/** A claim the model may use, with what the inclusion rules and the conflict rule need to know. */
export interface Candidate {
  id: string;
  statement: string;
  country: string | null;
  entity: string | null;
  facilityStatus: FacilityStatus | null;
  value: number;
  valueLow: number | null;
  valueHigh: number | null;
  unit: string | null;
  year: number;
  credibility: number;
  side: CountrySide | null;
  subjectKey: string | null;
  independentOrigins: number;
  stateMediaOnly: boolean;
  contested: boolean;
  preferred: boolean;
  /** The best (lowest letter) reliability among the sources supporting it. */
  bestReliability: Reliability | null;
  /** The newest publication date among its supporting sources, as written (YYYY[-MM[-DD]]). */
  newestPublished: string | null;
}

interface Row extends Omit<Candidate, 'stateMediaOnly' | 'contested' | 'preferred'> {
  stateMediaOnly: number;
  contested: number;
  preferred: number;
}

const candidateColumns = `
  c.id, c.statement, c.country, c.entity, c.facility_status AS facilityStatus, c.value, c.value_low AS valueLow,
  c.value_high AS valueHigh, c.unit, c.year, c.credibility, e.side, e.subject_key AS subjectKey,
  e.independent_origins AS independentOrigins, e.state_media_only AS stateMediaOnly,
  (e.contradicted = 1 OR e.conflict_group IS NOT NULL) AS contested,
  EXISTS (SELECT 1 FROM conflict_preferences p WHERE p.claim_id = c.id) AS preferred,
  (SELECT min(s.reliability) FROM claim_citations cc JOIN sources s ON s.id = cc.source_id
    WHERE cc.claim_id = c.id AND cc.stance = 'supports') AS bestReliability,
  (SELECT max(s.published) FROM claim_citations cc JOIN sources s ON s.id = cc.source_id
    WHERE cc.claim_id = c.id AND cc.stance = 'supports') AS newestPublished`;

export function loadCandidates(db: Database, stage: Stage, metric: Metric, year: number): Candidate[] {
  const rows = db
    .prepare(
      `SELECT ${candidateColumns} FROM claims c JOIN claim_evidence e ON e.claim_seq = c.seq
        WHERE c.stage = ? AND c.metric = ? AND c.year = ? AND c.value IS NOT NULL
        ORDER BY c.seq`,
    )
    .all(stage, metric, year) as Row[];
  return rows.map((row) => ({
    ...row,
    stateMediaOnly: row.stateMediaOnly === 1,
    contested: row.contested === 1,
    preferred: row.preferred === 1,
  }));
}

/** Published shares ("China 91% of separation") for the same stage and year: the top-down view. */
export function loadShareClaims(
  db: Database,
  stage: Stage,
  year: number,
): { id: string; statement: string; value: number; side: CountrySide | null }[] {
  return db
    .prepare(
      `SELECT c.id, c.statement, c.value, e.side FROM claims c JOIN claim_evidence e ON e.claim_seq = c.seq
        WHERE c.stage = ? AND c.metric = 'share_pct' AND c.year = ? AND c.value IS NOT NULL ORDER BY c.seq`,
    )
    .all(stage, year) as { id: string; statement: string; value: number; side: CountrySide | null }[];
}

/** The years that hold figures for a stage and metric, oldest first. */
export function yearsWithData(db: Database, stage: Stage, metric: Metric): number[] {
  return db
    .prepare(
      'SELECT DISTINCT year FROM claims WHERE stage = ? AND metric = ? AND year IS NOT NULL AND value IS NOT NULL ORDER BY year',
    )
    .pluck()
    .all(stage, metric) as number[];
}
