import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { claimSnapshotReader } from '../evidence/claim-writes';
import { sourceSnapshotReader } from '../evidence/source-writes';

/**
 * The audit chain proves the records were not edited, removed or reordered; it says nothing about
 * the rows they describe. Someone who edits a claim with an SQL tool leaves the chain whole. This
 * check compares the workspace's claims and sources with what the trail last recorded of each:
 *
 * - a claim or source created, edited or deleted in the app: its fields, citations, tags and
 *   derived-from links must equal the `after` of its latest create/update record (or it must be
 *   gone after a delete record); an archived copy must have the SHA-256 its latest attach recorded;
 * - a source created by a CSV import's recipe: the source as that import recorded it;
 * - claims an import lists by id must exist (or have a delete record); a large CSV import records
 *   its claims as a seq range and the SHA-256 of their ids, so the ids in that range are checked,
 *   not their content (the record never held it);
 * - a claim or source that no record accounts for, added after the trail began recording them, was
 *   added behind the app's back;
 * - a claim or source of the starter dataset never edited since: the SHA-256 of its content, which
 *   the starter record holds (workspaces created before it did are not checked this way).
 *
 * What it cannot check: the content of claims and sources that came from an import and were never
 * edited since (the trail recorded ids, not their fields), and rows from before the workspace had
 * an audit trail (schema 1). It is one pass over the trail by entity,
 * compared inside SQLite, and one over claims and sources: at 100,000 claims each with its own
 * record it takes about 1.5 times as long as walking the hash chain.
 */

interface TrailRow {
  seq: number;
  at: string;
  action: string;
  entity_id: string;
  after: string | null;
}

type Snapshot = Record<string, unknown>;

const SNAPSHOT_ACTIONS = "('create', 'update', 'delete')";

/** A value as a person reads it in a message. */
function shown(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  return JSON.stringify(value);
}

/** Sorted copies, so a list stored in another order (rowid renumbered by VACUUM) still compares equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value.map((item) => canonical(item)).sort());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Snapshot)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The SHA-256 of a claim's or source's content in canonical form (lists sorted, keys ordered), as the
 * snapshot readers give it. An import that records no fields (the starter dataset) records this per
 * row, so a row never edited since can still be checked.
 */
export function contentDigest(snapshot: Snapshot): string {
  return createHash('sha256').update(canonical(snapshot)).digest('hex');
}

/** The fields both snapshots have that differ (a field an older Chokepoint did not record is not compared). */
function differences(recorded: Snapshot, current: Snapshot): string[] {
  const fields: string[] = [];
  for (const [field, value] of Object.entries(recorded)) {
    if (!(field in current)) continue;
    if (canonical(value) !== canonical(current[field])) {
      fields.push(`${field} is ${shown(current[field])} in the workspace but ${shown(value)} in the record`);
    }
  }
  return fields;
}

function describe(entity: string, row: TrailRow): string {
  return `audit record ${row.seq} (${row.action} ${entity} ${row.entity_id} at ${row.at})`;
}

function parse(after: string | null): Snapshot | undefined {
  if (after === null) return undefined;
  try {
    return JSON.parse(after) as Snapshot;
  } catch {
    return undefined;
  }
}

/** The same reads as the writes' own snapshots, so a row compares with its record field for field. */
function snapshotReaders(db: Database) {
  const claim = claimSnapshotReader(db);
  const source = sourceSnapshotReader(db);
  return {
    claim: (id: string) => claim(id) as Snapshot | undefined,
    source: (id: string) => source(id) as Snapshot | undefined,
  };
}

export interface RowVerification {
  /** Claims and sources compared with a record of their content. */
  compared: number;
  /** What no longer matches the trail, first found first, in words. */
  problems: string[];
  /** What the trail cannot vouch for, in words (not a problem). */
  unchecked: string[];
}

interface ImportRecord {
  seq: number;
  what: string;
  claimIds?: string[];
  claimSeq?: { first: number; last: number };
  claimIdsSha256?: string;
  claims?: number;
  sourceIds: string[];
  source?: Snapshot;
  contentSha256?: { claims?: Record<string, string>; sources?: Record<string, string> };
}

function importRecords(db: Database): ImportRecord[] {
  const rows = db
    .prepare("SELECT seq, at, action, entity_id, after FROM audit_log WHERE entity_type = 'import' ORDER BY seq")
    .all() as TrailRow[];
  return rows.map((row) => {
    const after = parse(row.after) ?? {};
    const sourceIds = [
      ...(typeof after.sourceId === 'string' ? [after.sourceId] : []),
      ...(Array.isArray(after.sources) ? (after.sources as unknown[]).filter((s): s is string => typeof s === 'string') : []),
    ];
    return {
      seq: row.seq,
      what: describe('import', row),
      ...(Array.isArray(after.claimIds) ? { claimIds: after.claimIds as string[] } : {}),
      ...(after.claimSeq ? { claimSeq: after.claimSeq as { first: number; last: number } } : {}),
      ...(typeof after.claimIdsSha256 === 'string' ? { claimIdsSha256: after.claimIdsSha256 } : {}),
      ...(typeof after.claims === 'number' ? { claims: after.claims } : {}),
      sourceIds,
      ...(after.source && typeof after.source === 'object' ? { source: after.source as Snapshot } : {}),
      ...(after.contentSha256 && typeof after.contentSha256 === 'object' ? { contentSha256: after.contentSha256 } : {}),
    };
  });
}

/** Snapshot field → column, as claimSnapshot and sourceSnapshot in db/evidence name them. */
const claimFields: readonly (readonly [string, string])[] = [
  ['id', 'id'],
  ['statement', 'statement'],
  ['stage', 'stage'],
  ['country', 'country'],
  ['entity', 'entity'],
  ['facilityStatus', 'facility_status'],
  ['metric', 'metric'],
  ['value', 'value'],
  ['valueLow', 'value_low'],
  ['valueHigh', 'value_high'],
  ['unit', 'unit'],
  ['year', 'year'],
  ['credibility', 'credibility'],
  ['credibilityReason', 'credibility_reason'],
  ['confidenceNote', 'confidence_note'],
  ['notes', 'notes'],
];
const sourceFields: readonly (readonly [string, string])[] = [
  ['id', 'id'],
  ['title', 'title'],
  ['publisher', 'publisher'],
  ['publisherType', 'publisher_type'],
  ['originCountry', 'origin_country'],
  ['stateAffiliated', 'state_affiliated'],
  ['published', 'published'],
  ['accessed', 'accessed'],
  ['url', 'url'],
  ['retrievedVia', 'retrieved_via'],
  ['reliability', 'reliability'],
  ['reliabilityReason', 'reliability_reason'],
  ['notes', 'notes'],
];

/** A recorded field equals the row's column, or the record does not have the field (an older Chokepoint). */
const sameField = ([field, column]: readonly [string, string]) =>
  `(json_type(a.after, '$.${field}') IS NULL OR json_extract(a.after, '$.${field}') IS r.${column})`;

const sameCitations = `(json_type(a.after, '$.citations') IS NULL OR
  (SELECT json_group_array(json_object('sourceId', json_extract(value, '$.sourceId'), 'excerpt', json_extract(value, '$.excerpt'),
            'locator', json_extract(value, '$.locator'), 'stance', json_extract(value, '$.stance')) ORDER BY json_extract(value, '$.sourceId'))
     FROM json_each(a.after, '$.citations'))
  IS (SELECT json_group_array(json_object('sourceId', source_id, 'excerpt', excerpt, 'locator', locator, 'stance', stance) ORDER BY source_id)
        FROM claim_citations WHERE claim_id = r.id))`;
const sameTags = `(json_type(a.after, '$.tags') IS NULL OR
  (SELECT json_group_array(value ORDER BY value) FROM json_each(a.after, '$.tags'))
  IS (SELECT json_group_array(tag ORDER BY tag) FROM claim_tags WHERE claim_id = r.id))`;
const sameDerivations = `(json_type(a.after, '$.derivedFrom') IS NULL OR
  (SELECT json_group_array(value ORDER BY value) FROM json_each(a.after, '$.derivedFrom'))
  IS (SELECT json_group_array(derived_from_id ORDER BY derived_from_id) FROM source_derivations WHERE source_id = r.id))`;

/**
 * The row written as JSON.stringify writes the snapshot (same keys in the same order, whole REALs
 * as integers): in the common case the recorded text is exactly this, one string comparison. A row
 * that differs only in how a number or character is written falls through to the field comparison.
 */
function asRecorded(fields: readonly (readonly [string, string])[], lists: string): string {
  const value = ([field, column]: readonly [string, string]) =>
    ['value', 'value_low', 'value_high'].includes(column)
      ? `'${field}', CASE WHEN typeof(r.${column}) = 'real' AND r.${column} = CAST(r.${column} AS INTEGER) AND abs(r.${column}) < 1e15
                          THEN CAST(r.${column} AS INTEGER) ELSE r.${column} END`
      : `'${field}', r.${column}`;
  return `json_object(${fields.map(value).join(', ')}, ${lists})`;
}
const claimLists = `'tags', (SELECT json_group_array(tag ORDER BY tag) FROM claim_tags WHERE claim_id = r.id),
  'citations', (SELECT json_group_array(json_object('sourceId', source_id, 'excerpt', excerpt, 'locator', locator, 'stance', stance) ORDER BY rowid)
                  FROM claim_citations WHERE claim_id = r.id)`;
const sourceLists = `'derivedFrom', (SELECT json_group_array(derived_from_id ORDER BY derived_from_id) FROM source_derivations WHERE source_id = r.id)`;

interface LatestRow extends TrailRow {
  created: number;
  present: number;
  /** The row's own seq, when it exists. */
  rowSeq: number | null;
  /** 1 when the row equals the record, 0 when not, null when there is nothing to compare. */
  same: number | null;
}

/**
 * Each entity's latest create/update/delete record, compared with its row inside SQLite (one pass
 * over the trail grouped by entity, one indexed lookup per row, the row rewritten as the record's
 * text first): JavaScript only words the few that differ.
 */
function latestRecords(db: Database, entityType: 'claim' | 'source', check: (latest: LatestRow) => void): Set<string> {
  const table = entityType === 'claim' ? 'claims' : 'sources';
  const fields = entityType === 'claim' ? claimFields : sourceFields;
  const same = [...fields.map(sameField), ...(entityType === 'claim' ? [sameCitations, sameTags] : [sameDerivations])].join(
    ' AND ',
  );
  const written = asRecorded(fields, entityType === 'claim' ? claimLists : sourceLists);
  const rows = db.prepare(
    `WITH latest AS (
       SELECT max(seq) AS seq, max(action = 'create') AS created FROM audit_log
        WHERE entity_type = ? AND action IN ${SNAPSHOT_ACTIONS} GROUP BY entity_id)
     SELECT a.seq, a.at, a.action, a.entity_id, NULL AS after, l.created, r.id IS NOT NULL AS present, r.seq AS rowSeq,
            CASE WHEN a.action = 'delete' OR r.id IS NULL THEN NULL
                 WHEN a.after = ${written} THEN 1
                 WHEN json_valid(a.after) IS NOT 1 THEN NULL
                 ELSE (${same}) END AS same
       FROM latest l JOIN audit_log a ON a.seq = l.seq LEFT JOIN ${table} r ON r.id = a.entity_id
      ORDER BY a.seq`,
  );
  const seen = new Set<string>();
  for (const row of rows.iterate(entityType) as IterableIterator<LatestRow>) {
    seen.add(row.entity_id);
    check(row);
  }
  return seen;
}

/** Beyond this many, one line counts the rest: a systematic change must not fill memory with sentences. */
const MAX_PROBLEMS = 100;

export function verifyAuditedRows(db: Database): RowVerification {
  const found: string[] = [];
  let more = 0;
  const problems = {
    push(problem: string) {
      if (found.length < MAX_PROBLEMS) found.push(problem);
      else more++;
    },
  };
  const unchecked: string[] = [];
  let compared = 0;
  const read = snapshotReaders(db);
  const imports = importRecords(db);

  // Claims the app created, edited or deleted.
  let deletedWithoutCreate = 0;
  const createdInApp = new Set<string>();
  // The lowest seq of a claim the trail accounts for one by one: rows below it predate the trail.
  let trailFrom = Infinity;
  const recordAfter = db.prepare('SELECT after FROM audit_log WHERE seq = ?').pluck();
  const explain = (entity: 'claim' | 'source', latest: LatestRow, current: Snapshot) => {
    const recorded = parse(recordAfter.get(latest.seq) as string | null) ?? {};
    problems.push(
      `${entity} ${latest.entity_id} no longer matches ${describe(entity, latest)}, its latest: ${differences(recorded, current).join('; ') || 'its stored form differs from the record'} (changed outside Chokepoint, without an audit record)`,
    );
  };
  const recordedClaims = latestRecords(db, 'claim', (latest) => {
    if (latest.created) createdInApp.add(latest.entity_id);
    if (latest.created && latest.rowSeq !== null) trailFrom = Math.min(trailFrom, latest.rowSeq);
    if (latest.action === 'delete') {
      if (!latest.created) deletedWithoutCreate++;
      if (latest.present) problems.push(`claim ${latest.entity_id} exists, but ${describe('claim', latest)} deleted it`);
      return;
    }
    compared++;
    if (!latest.present) {
      problems.push(
        `claim ${latest.entity_id} is missing: ${describe('claim', latest)} recorded it and no later record deletes it`,
      );
    } else if (latest.same === 0) {
      explain('claim', latest, read.claim(latest.entity_id)!);
    }
  });

  // Sources, and the sources a CSV import's recipe created (recorded whole in the import record).
  const importedSource = new Map<string, { record: ImportRecord; snapshot: Snapshot }>();
  for (const record of imports)
    if (record.source) importedSource.set(String(record.source.id), { record, snapshot: record.source });
  const recordedSources = latestRecords(db, 'source', (latest) => {
    if (latest.action === 'delete') {
      if (latest.present) problems.push(`source ${latest.entity_id} exists, but ${describe('source', latest)} deleted it`);
      return;
    }
    compared++;
    if (!latest.present) {
      problems.push(
        `source ${latest.entity_id} is missing: ${describe('source', latest)} recorded it and no later record deletes it`,
      );
    } else if (latest.same === 0) {
      explain('source', latest, read.source(latest.entity_id)!);
    }
  });
  for (const [id, { record, snapshot }] of importedSource) {
    if (recordedSources.has(id)) continue;
    const current = read.source(id);
    compared++;
    if (!current) {
      problems.push(`source ${id} is missing: ${record.what} created it and no later record deletes it`);
      continue;
    }
    const changed = differences(snapshot, current);
    if (changed.length > 0) {
      problems.push(
        `source ${id} no longer matches ${record.what}, which created it: ${changed.join('; ')} (changed outside Chokepoint)`,
      );
    }
  }

  // Archived copies: the bytes must be the ones the latest attach recorded.
  const archiveSha = db.prepare('SELECT content FROM source_archives WHERE source_id = ?').pluck();
  const archiveRecords = db
    .prepare(
      `SELECT seq, at, action, entity_id, after FROM audit_log
        WHERE entity_type = 'source' AND action IN ('attach', 'detach') ORDER BY entity_id, seq`,
    )
    .all() as TrailRow[];
  for (const [index, row] of archiveRecords.entries()) {
    if (archiveRecords[index + 1]?.entity_id === row.entity_id) continue;
    const content = archiveSha.get(row.entity_id) as Buffer | undefined;
    if (row.action === 'detach') {
      if (content) problems.push(`source ${row.entity_id} has an archived copy, but ${describe('source', row)} removed it`);
      continue;
    }
    const recorded = parse(row.after)?.sha256;
    const actual = content ? createHash('sha256').update(content).digest('hex') : undefined;
    if (actual !== recorded) {
      problems.push(
        actual
          ? `the archived copy of source ${row.entity_id} is not the one ${describe('source', row)} recorded (SHA-256 ${actual}, recorded ${String(recorded)})`
          : `the archived copy of source ${row.entity_id} is missing: ${describe('source', row)} recorded it`,
      );
    }
  }

  // Claims imports list by id, and claims imported as a seq range.
  const claimExists = db.prepare('SELECT 1 FROM claims WHERE id = ?').pluck();
  const listedByImport = new Set<string>();
  const ranges: { first: number; last: number }[] = [];
  for (const record of imports) {
    for (const id of record.claimIds ?? []) {
      listedByImport.add(id);
      if (recordedClaims.has(id)) continue;
      if (!claimExists.get(id)) problems.push(`claim ${id} is missing: ${record.what} imported it and no record deletes it`);
    }
    if (record.claimSeq && record.claimIdsSha256) {
      ranges.push(record.claimSeq);
      const { first, last } = record.claimSeq;
      const digest = createHash('sha256');
      let present = 0;
      // Claims created in the app since can reuse a seq freed by a delete: they account for themselves.
      for (const id of db
        .prepare('SELECT id FROM claims WHERE seq BETWEEN ? AND ? ORDER BY seq')
        .pluck()
        .iterate(first, last) as IterableIterator<string>) {
        if (createdInApp.has(id)) continue;
        present++;
        digest.update(`${id}\n`);
      }
      const expected = record.claims ?? present;
      if (present > expected) {
        problems.push(
          `${present - expected} claims were added among the ${expected} that ${record.what} imported (seq ${first}–${last})`,
        );
      } else if (present < expected && expected - present > deletedWithoutCreate) {
        problems.push(
          `${expected - present} of the ${expected} claims ${record.what} imported (seq ${first}–${last}) are missing and no record deletes them`,
        );
      } else if (present < expected) {
        unchecked.push(`the ids of the claims ${record.what} imported (some were deleted in the app since)`);
      } else if (digest.digest('hex') !== record.claimIdsSha256) {
        problems.push(
          `the claims in seq ${first}–${last} are not the ones ${record.what} imported: their ids differ from the recorded SHA-256`,
        );
      }
    }
  }

  // Rows an import recorded by content digest (the starter dataset) and no later record vouches for.
  for (const record of imports) {
    const digests = [
      ['claim', record.contentSha256?.claims, recordedClaims, read.claim],
      ['source', record.contentSha256?.sources, recordedSources, read.source],
    ] as const;
    for (const [entity, recorded, vouchedFor, readRow] of digests) {
      for (const [id, digest] of Object.entries(recorded ?? {})) {
        if (vouchedFor.has(id)) continue;
        const current = readRow(id);
        if (!current) {
          problems.push(`${entity} ${id} is missing: ${record.what} recorded it and no record deletes it`);
          continue;
        }
        compared++;
        if (contentDigest(current) !== digest)
          problems.push(
            `${entity} ${id} no longer matches ${record.what}, which recorded its content's SHA-256 (changed outside Chokepoint, without an audit record)`,
          );
      }
    }
  }

  // Rows no record accounts for, added after the trail began accounting for rows of their kind:
  // anything earlier came from the starter data or predates the audit trail (schema 1).
  const accountedClaimSeqs = db.prepare('SELECT seq FROM claims WHERE id = ?').pluck();
  for (const range of ranges) trailFrom = Math.min(trailFrom, range.first);
  for (const id of listedByImport) {
    const seq = accountedClaimSeqs.get(id) as number | undefined;
    if (seq !== undefined && seq < trailFrom) trailFrom = seq;
  }
  const inRange = (seq: number) => ranges.some((r) => seq >= r.first && seq <= r.last);
  for (const row of db
    .prepare('SELECT seq, id FROM claims WHERE seq > ? ORDER BY seq')
    .iterate(Number.isFinite(trailFrom) ? trailFrom : Number.MAX_SAFE_INTEGER) as IterableIterator<{ seq: number; id: string }>) {
    if (recordedClaims.has(row.id) || listedByImport.has(row.id) || inRange(row.seq)) continue;
    problems.push(`claim ${row.id} (seq ${row.seq}) is in no audit record: it was added outside Chokepoint`);
  }
  const importedSources = new Set(imports.flatMap((record) => record.sourceIds));
  const sourceSeq = db.prepare('SELECT seq FROM sources WHERE id = ?').pluck();
  let sourcesFrom = Infinity;
  for (const id of [...recordedSources, ...importedSources]) {
    const seq = sourceSeq.get(id) as number | undefined;
    if (seq !== undefined && seq < sourcesFrom) sourcesFrom = seq;
  }
  for (const row of db
    .prepare('SELECT seq, id FROM sources WHERE seq > ? ORDER BY seq')
    .iterate(Number.isFinite(sourcesFrom) ? sourcesFrom : Number.MAX_SAFE_INTEGER) as IterableIterator<{
    seq: number;
    id: string;
  }>) {
    if (recordedSources.has(row.id) || importedSources.has(row.id)) continue;
    problems.push(`source ${row.id} (seq ${row.seq}) is in no audit record: it was added outside Chokepoint`);
  }

  if (more > 0) found.push(`${more} more claims, sources or archived copies do not match the audit trail`);
  return { compared, problems: found, unchecked };
}
