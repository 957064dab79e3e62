import type { Database } from 'better-sqlite3';
import type { CountrySide } from '../evidence/countries';
import type { FacilityStatus, Metric, Reliability, Stage } from '../evidence/vocabulary';
import { remembered } from './model-cache';

/** A claim the model may use, with what the inclusion rules and the conflict rule need to know. */
export interface Candidate {
  id: string;
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

interface Row extends Omit<Candidate, 'stateMediaOnly' | 'contested' | 'preferred' | 'bestReliability' | 'newestPublished'> {
  stateMediaOnly: number;
  contested: number;
  preferred: number;
  /** The ids of the sources supporting the claim, joined by SOURCE_SEPARATOR. */
  supportingSources: string | null;
}

const SOURCE_SEPARATOR = String.fromCharCode(31);

interface SourceFacts {
  reliability: Reliability | null;
  published: string | null;
}

/**
 * Every source's grade and date, read once while the workspace is unchanged. Resolving a claim's
 * sources here instead of joining sources for every candidate claim halves what a gap reads.
 */
function sourceFacts(db: Database): ReadonlyMap<string, SourceFacts> {
  return remembered(
    db,
    'source facts',
    () =>
      new Map(
        (
          db.prepare('SELECT id, reliability, published FROM sources').raw().all() as [
            string,
            Reliability | null,
            string | null,
          ][]
        ).map(([id, reliability, published]) => [id, { reliability, published }]),
      ),
    (facts) => facts.size / 10,
  );
}

const candidateColumns = `
  c.id, c.country, c.entity, c.facility_status AS facilityStatus, c.value, c.value_low AS valueLow,
  c.value_high AS valueHigh, c.unit, c.year, c.credibility, e.side, e.subject_key AS subjectKey,
  e.independent_origins AS independentOrigins, e.state_media_only AS stateMediaOnly,
  (e.contradicted = 1 OR e.conflict_group IS NOT NULL) AS contested,
  EXISTS (SELECT 1 FROM conflict_preferences p WHERE p.claim_id = c.id) AS preferred,
  (SELECT group_concat(cc.source_id, char(31)) FROM claim_citations cc
    WHERE cc.claim_id = c.id AND cc.stance = 'supports') AS supportingSources`;

/** Turns rows into candidates: the best grade (lowest letter) and newest date among the supporting sources. */
function candidateReader(db: Database): (row: Row) => Candidate {
  const facts = sourceFacts(db);
  return ({ supportingSources, ...row }) => {
    let bestReliability: Reliability | null = null;
    let newestPublished: string | null = null;
    for (const id of supportingSources ? supportingSources.split(SOURCE_SEPARATOR) : []) {
      const source = facts.get(id);
      if (source?.reliability && (bestReliability === null || source.reliability < bestReliability))
        bestReliability = source.reliability;
      if (source?.published && (newestPublished === null || source.published > newestPublished))
        newestPublished = source.published;
    }
    return {
      ...row,
      stateMediaOnly: row.stateMediaOnly === 1,
      contested: row.contested === 1,
      preferred: row.preferred === 1,
      bestReliability,
      newestPublished,
    };
  };
}

export function loadCandidates(db: Database, stage: Stage, metric: Metric, year: number): Candidate[] {
  const rows = db
    .prepare(
      `SELECT ${candidateColumns} FROM claims c JOIN claim_evidence e ON e.claim_seq = c.seq
        WHERE c.stage = ? AND c.metric = ? AND c.year = ? AND c.value IS NOT NULL
        ORDER BY c.seq`,
    )
    .all(stage, metric, year) as Row[];
  return rows.map(candidateReader(db));
}

/** For each facility (by entity name, as the conflict rule keys it), the years in which it has a figure, oldest first. */
function facilityYears(db: Database, stage: Stage, metric: Metric): ReadonlyMap<string, readonly number[]> {
  return remembered(
    db,
    JSON.stringify(['facility years', stage, metric]),
    () => {
      const years = new Map<string, number[]>();
      const rows = db
        .prepare(
          `SELECT lower(trim(entity)) AS facility, year FROM claims
            WHERE stage = ? AND metric = ? AND entity IS NOT NULL AND value IS NOT NULL AND year IS NOT NULL
            GROUP BY facility, year ORDER BY facility, year`,
        )
        .raw()
        .all(stage, metric) as [string, number][];
      for (const [facility, year] of rows) {
        const list = years.get(facility);
        if (list) list.push(year);
        else years.set(facility, [year]);
      }
      return years;
    },
    (years) => years.size,
  );
}

/**
 * For each facility (by entity name) that has no figure in `year`: its claims from the latest earlier
 * year in which it has one. What an operating facility last reported is what carry-forward may use.
 * The facilities' years are remembered per stage and metric, so a series does not rescan the stage
 * for every year; only the few claims carried are read.
 */
export function loadLatestEarlierFacilityClaims(db: Database, stage: Stage, metric: Metric, year: number): Candidate[] {
  const facilitiesByYear = new Map<number, string[]>();
  for (const [facility, years] of facilityYears(db, stage, metric)) {
    if (years.includes(year)) continue;
    const latest = years.filter((y) => y < year).at(-1);
    if (latest !== undefined) facilitiesByYear.set(latest, [...(facilitiesByYear.get(latest) ?? []), facility]);
  }
  const statement = db.prepare(
    `SELECT c.seq, ${candidateColumns} FROM claims c JOIN claim_evidence e ON e.claim_seq = c.seq
      WHERE c.stage = ? AND c.metric = ? AND c.year = ? AND c.value IS NOT NULL AND c.entity IS NOT NULL
        AND lower(trim(c.entity)) IN (SELECT value FROM json_each(?))`,
  );
  const rows = [...facilitiesByYear].flatMap(
    ([latest, facilities]) => statement.all(stage, metric, latest, JSON.stringify(facilities)) as (Row & { seq: number })[],
  );
  const toCandidate = candidateReader(db);
  return rows.sort((a, b) => a.seq - b.seq).map(({ seq: _seq, ...row }) => toCandidate(row));
}

/** A facility's claim with or without a year: a plan is often reported with no date at all. */
export type FacilityClaim = Omit<Candidate, 'year'> & { year: number | null };

/**
 * Every ex-China claim for a stage and metric that names a facility and gives a figure, dated or not,
 * oldest first: the pipeline's facilities (China's own expansions are not projected).
 */
export function loadExChinaFacilityClaims(db: Database, stage: Stage, metric: Metric): FacilityClaim[] {
  const rows = db
    .prepare(
      `SELECT ${candidateColumns} FROM claims c JOIN claim_evidence e ON e.claim_seq = c.seq
        WHERE c.stage = ? AND c.metric = ? AND c.entity IS NOT NULL AND c.value IS NOT NULL AND e.side = 'ex-china'
        ORDER BY c.year, c.seq`,
    )
    .all(stage, metric) as Row[];
  return rows.map(candidateReader(db));
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
export function yearsWithData(db: Database, stage: Stage, metric: Metric): readonly number[] {
  return remembered(
    db,
    JSON.stringify(['years', stage, metric]),
    () =>
      db
        .prepare(
          'SELECT DISTINCT year FROM claims WHERE stage = ? AND metric = ? AND year IS NOT NULL AND value IS NOT NULL ORDER BY year',
        )
        .pluck()
        .all(stage, metric) as number[],
  );
}
