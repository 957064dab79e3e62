import type { Database } from 'better-sqlite3';
import { isConflict, subjectKey } from './conflicts';
import { countrySide, loadBlocMapping, type BlocMapping } from './countries';
import { loadSourceGraph, originsOf, type SourceGraph } from './origins';
import type { Metric, Stage } from './vocabulary';

/**
 * Keeps claim_evidence current: each write path calls this, inside its transaction, with the claims
 * it touched (or 'all' after a change to sources, which can move many claims at once). Conflict
 * groups are recomputed for every subject the claims had before or have now.
 */
interface ClaimFacts {
  seq: number;
  id: string;
  stage: Stage | null;
  metric: Metric;
  year: number | null;
  entity: string | null;
  country: string | null;
  value: number | null;
  citations: string | null;
}

const UNIT = String.fromCharCode(31);
const RECORD = String.fromCharCode(30);

function claimFactsQuery(where: string): string {
  return `SELECT c.seq, c.id, c.stage, c.metric, c.year, c.entity, c.country, c.value,
                 group_concat(cc.source_id || char(31) || cc.stance, char(30)) AS citations
            FROM claims c LEFT JOIN claim_citations cc ON cc.claim_id = c.id
           ${where}
           GROUP BY c.seq`;
}

export function evidenceOf(graph: SourceGraph, blocs: BlocMapping, facts: ClaimFacts) {
  const supporting = new Set<string>();
  const contradicting: string[] = [];
  for (const entry of facts.citations ? facts.citations.split(RECORD) : []) {
    const [sourceId, stance] = entry.split(UNIT) as [string, string];
    if (stance === 'supports') for (const origin of originsOf(graph, sourceId)) supporting.add(origin);
    else contradicting.push(sourceId);
  }
  const stateMediaOnly = supporting.size > 0 && [...supporting].every((origin) => graph.stateAffiliated.get(origin) === true);
  // A contradiction counts only from an origin the claim does not itself rest on.
  const contradicted = contradicting.some((sourceId) =>
    [...originsOf(graph, sourceId)].some((origin) => !supporting.has(origin)),
  );
  return {
    claim_seq: facts.seq,
    independent_origins: supporting.size,
    state_media_only: stateMediaOnly ? 1 : 0,
    contradicted: contradicted ? 1 : 0,
    subject_key: subjectKey(facts),
    side: countrySide(facts.country, blocs),
  };
}

/** Recomputes the conflict groups of these subjects; only rows whose group changes are written. */
export function regroup(db: Database, keys: Iterable<string> | 'all'): void {
  const members = db.prepare(
    `SELECT e.claim_seq AS seq, c.value, e.conflict_group AS grp
       FROM claim_evidence e JOIN claims c ON c.seq = e.claim_seq WHERE e.subject_key = ?`,
  );
  const setGroup = db.prepare('UPDATE claim_evidence SET conflict_group = ? WHERE claim_seq = ?');
  const keyList =
    keys === 'all'
      ? (db.prepare('SELECT DISTINCT subject_key FROM claim_evidence WHERE subject_key IS NOT NULL').pluck().all() as string[])
      : [...keys];
  for (const key of keyList) {
    const rows = members.all(key) as { seq: number; value: number; grp: string | null }[];
    const group = isConflict(rows.map((r) => r.value)) ? key : null;
    for (const row of rows) if (row.grp !== group) setGroup.run(group, row.seq);
  }
}

export function refreshEvidence(db: Database, which: 'all' | readonly string[]): void {
  if (which !== 'all' && which.length === 0) return;
  const graph = loadSourceGraph(db);
  const blocs = loadBlocMapping(db);
  const upsert = db.prepare(
    `INSERT INTO claim_evidence (claim_seq, independent_origins, state_media_only, contradicted, subject_key, side, conflict_group)
     VALUES (@claim_seq, @independent_origins, @state_media_only, @contradicted, @subject_key, @side, NULL)
     ON CONFLICT (claim_seq) DO UPDATE SET independent_origins = excluded.independent_origins,
       state_media_only = excluded.state_media_only, contradicted = excluded.contradicted,
       subject_key = excluded.subject_key, side = excluded.side`,
  );
  if (which === 'all') {
    // In batches: better-sqlite3 cannot write while a read statement is still iterating.
    const batch = db.prepare(`${claimFactsQuery('WHERE c.seq > ?')} ORDER BY c.seq LIMIT 5000`);
    for (let after = 0, rows = batch.all(after) as ClaimFacts[]; rows.length > 0; rows = batch.all(after) as ClaimFacts[]) {
      for (const facts of rows) upsert.run(evidenceOf(graph, blocs, facts));
      after = rows[rows.length - 1]!.seq;
    }
    regroup(db, 'all');
    return;
  }
  const ids = JSON.stringify(which);
  const keys = new Set(
    db
      .prepare(
        `SELECT e.subject_key FROM claim_evidence e JOIN claims c ON c.seq = e.claim_seq
          WHERE c.id IN (SELECT value FROM json_each(?)) AND e.subject_key IS NOT NULL`,
      )
      .pluck()
      .all(ids) as string[],
  );
  for (const facts of db.prepare(claimFactsQuery('WHERE c.id IN (SELECT value FROM json_each(?))')).all(ids) as ClaimFacts[]) {
    const evidence = evidenceOf(graph, blocs, facts);
    upsert.run(evidence);
    if (evidence.subject_key) keys.add(evidence.subject_key);
  }
  regroup(db, keys);
}

/** Claims whose evidence a change to these sources can move: those citing them or any relay of them. */
export function claimsResting(db: Database, sourceIds: readonly string[]): string[] {
  return db
    .prepare(
      `WITH RECURSIVE relays(id) AS (
         SELECT value FROM json_each(?)
         UNION SELECT d.source_id FROM source_derivations d JOIN relays r ON d.derived_from_id = r.id)
       SELECT DISTINCT claim_id FROM claim_citations WHERE source_id IN (SELECT id FROM relays)`,
    )
    .pluck()
    .all(JSON.stringify(sourceIds)) as string[];
}
