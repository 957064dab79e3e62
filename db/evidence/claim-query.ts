import type { Database } from 'better-sqlite3';
import { UserError } from '../errors';
import type { ClaimQuery } from './inputs';
import { loadSourceGraph, pathsToOrigins } from './origins';
import { searchQuery } from './search-index';
import type { ClaimCitation, ClaimDetail, ClaimListRow, ClaimPage, EvidenceStatus, SourceChainLink } from './views';

/**
 * The claims view's reads: one page of claims under filters, full-text search and a sort, with the
 * citations and the evidence status every row shows; and one claim in full with its chain from each
 * cited source to its origins. Filters use claim_evidence, kept current by the write paths.
 */
const sortColumns: Record<Exclude<ClaimQuery['sort'], 'relevance'>, string> = {
  stage: `CASE c.stage WHEN 'mining' THEN 1 WHEN 'separation' THEN 2 WHEN 'refining' THEN 3 WHEN 'metals' THEN 4
          WHEN 'magnets' THEN 5 WHEN 'policy' THEN 6 ELSE 7 END, c.country, c.year`,
  country: 'c.country COLLATE NOCASE, c.year',
  year: 'c.year',
  value: 'c.value',
  credibility: 'c.credibility',
  statement: 'c.statement COLLATE NOCASE',
  updated: 'c.updated_at',
};

interface RowRecord {
  seq: number;
  id: string;
  statement: string;
  stage: ClaimListRow['stage'];
  country: string | null;
  side: ClaimListRow['side'];
  entity: string | null;
  facilityStatus: ClaimListRow['facilityStatus'];
  metric: ClaimListRow['metric'];
  value: number | null;
  valueLow: number | null;
  valueHigh: number | null;
  unit: string | null;
  year: number | null;
  credibility: ClaimListRow['credibility'];
  updatedAt: string;
  independentOrigins: number;
  stateMediaOnly: number;
  contradicted: number;
  conflictGroup: string | null;
  preferred: number;
  citations: string;
  tags: string;
}

const rowColumns = `
  c.seq, c.id, c.statement, c.stage, c.country, e.side, c.entity, c.facility_status AS facilityStatus, c.metric,
  c.value, c.value_low AS valueLow, c.value_high AS valueHigh, c.unit, c.year, c.credibility, c.updated_at AS updatedAt,
  e.independent_origins AS independentOrigins, e.state_media_only AS stateMediaOnly, e.contradicted,
  e.conflict_group AS conflictGroup,
  EXISTS (SELECT 1 FROM conflict_preferences p WHERE p.claim_id = c.id AND p.group_key = e.conflict_group) AS preferred,
  (SELECT json_group_array(json_object(
            'sourceId', s.id, 'publisher', s.publisher, 'sourceTitle', s.title, 'publisherType', s.publisher_type,
            'reliability', s.reliability, 'stateAffiliated', s.state_affiliated, 'stance', cc.stance,
            'excerpt', cc.excerpt, 'locator', cc.locator) ORDER BY cc.rowid)
     FROM claim_citations cc JOIN sources s ON s.id = cc.source_id WHERE cc.claim_id = c.id) AS citations,
  (SELECT json_group_array(tag) FROM (SELECT tag FROM claim_tags t WHERE t.claim_id = c.id ORDER BY tag)) AS tags`;

export function evidenceStatus(
  record: Pick<RowRecord, 'independentOrigins' | 'stateMediaOnly' | 'contradicted' | 'conflictGroup'>,
): EvidenceStatus {
  const contestedBecause: string[] = [];
  if (record.contradicted) contestedBecause.push('an independent source contradicts it');
  if (record.conflictGroup) contestedBecause.push('another claim gives a figure more than 5% different for the same subject');
  return {
    independentOrigins: record.independentOrigins,
    corroborated: record.independentOrigins >= 2,
    stateMediaOnly: record.stateMediaOnly === 1,
    contested: contestedBecause.length > 0,
    contestedBecause,
  };
}

function toRow(record: RowRecord): ClaimListRow {
  return {
    id: record.id,
    statement: record.statement,
    stage: record.stage,
    country: record.country,
    side: record.side,
    entity: record.entity,
    facilityStatus: record.facilityStatus,
    metric: record.metric,
    value: record.value,
    valueLow: record.valueLow,
    valueHigh: record.valueHigh,
    unit: record.unit,
    year: record.year,
    credibility: record.credibility,
    tags: JSON.parse(record.tags) as string[],
    citations: JSON.parse(record.citations) as ClaimCitation[],
    evidence: evidenceStatus(record),
    conflictGroup: record.conflictGroup,
    preferred: record.preferred === 1,
    updatedAt: record.updatedAt,
  };
}

function filters(query: Partial<ClaimQuery>): { where: string[]; params: Record<string, unknown>; match: string | null } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const match = query.search ? searchQuery(query.search) : null;
  if (match) {
    where.push('claim_search MATCH @match');
    params.match = match;
  }
  if (query.stage) {
    where.push('c.stage = @stage');
    params.stage = query.stage;
  }
  if (query.country) {
    where.push('c.country = @country COLLATE NOCASE');
    params.country = query.country;
  }
  if (query.side) {
    where.push('e.side = @side');
    params.side = query.side;
  }
  if (query.metric) {
    where.push('c.metric = @metric');
    params.metric = query.metric;
  }
  if (query.yearFrom !== undefined) {
    where.push('c.year >= @yearFrom');
    params.yearFrom = query.yearFrom;
  }
  if (query.yearTo !== undefined) {
    where.push('c.year <= @yearTo');
    params.yearTo = query.yearTo;
  }
  if (query.credibilityAtMost !== undefined) {
    where.push('c.credibility <= @credibilityAtMost');
    params.credibilityAtMost = query.credibilityAtMost;
  }
  switch (query.evidence) {
    case 'corroborated':
      where.push('e.independent_origins >= 2');
      break;
    case 'single_source':
      where.push('e.independent_origins = 1');
      break;
    case 'state_media_only':
      where.push('e.state_media_only = 1');
      break;
    case 'contested':
      where.push('(e.contradicted = 1 OR e.conflict_group IS NOT NULL)');
      break;
    default:
      break;
  }
  if (query.reliability?.length) {
    where.push(
      `EXISTS (SELECT 1 FROM claim_citations cc JOIN sources s ON s.id = cc.source_id
                WHERE cc.claim_id = c.id AND s.reliability IN (SELECT value FROM json_each(@reliability)))`,
    );
    params.reliability = JSON.stringify(query.reliability);
  }
  if (query.publisherType) {
    where.push(
      `EXISTS (SELECT 1 FROM claim_citations cc JOIN sources s ON s.id = cc.source_id
                WHERE cc.claim_id = c.id AND s.publisher_type = @publisherType)`,
    );
    params.publisherType = query.publisherType;
  }
  if (query.tag) {
    where.push('EXISTS (SELECT 1 FROM claim_tags t WHERE t.claim_id = c.id AND t.tag = @tag)');
    params.tag = query.tag;
  }
  return { where, params, match };
}

export function listClaims(db: Database, query: ClaimQuery): ClaimPage {
  const { where, params, match } = filters(query);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // With a search, start from the full-text matches: the index narrows first and ranks them.
  const from = match
    ? 'FROM claim_search f JOIN claims c ON c.seq = f.rowid JOIN claim_evidence e ON e.claim_seq = c.seq'
    : 'FROM claims c JOIN claim_evidence e ON e.claim_seq = c.seq';
  const total = (db.prepare(`SELECT count(*) AS n ${from} ${whereSql}`).get(params) as { n: number }).n;
  const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
  let order: string;
  if (query.sort === 'relevance' && match) {
    // FTS5's rank is bm25, lower = better; "desc" is not offered as a meaning for relevance.
    order = 'f.rank';
  } else {
    const column = sortColumns[query.sort === 'relevance' ? 'stage' : query.sort];
    order = column
      .split(',')
      .map((part) => `${part.trim()} ${direction}`)
      .join(', ');
  }
  const records = db
    .prepare(`SELECT ${rowColumns} ${from} ${whereSql} ORDER BY ${order}, c.seq LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: query.limit, offset: query.offset }) as RowRecord[];
  return { total, offset: query.offset, rows: records.map(toRow) };
}

function chainLink(db: Database, sourceId: string): SourceChainLink {
  const row = db
    .prepare(
      `SELECT s.id AS sourceId, s.title, s.publisher, s.publisher_type AS publisherType, s.reliability,
              s.state_affiliated AS stateAffiliated, EXISTS (SELECT 1 FROM source_archives a WHERE a.source_id = s.id) AS hasArchive
         FROM sources s WHERE s.id = ?`,
    )
    .get(sourceId) as Omit<SourceChainLink, 'hasArchive'> & { hasArchive: number };
  return { ...row, hasArchive: row.hasArchive === 1 };
}

export function getClaim(db: Database, id: string): ClaimDetail {
  const record = db
    .prepare(
      `SELECT ${rowColumns}, c.credibility_reason AS credibilityReason, c.confidence_note AS confidenceNote, c.notes,
              c.created_at AS createdAt
         FROM claims c JOIN claim_evidence e ON e.claim_seq = c.seq WHERE c.id = ?`,
    )
    .get(id) as
    | (RowRecord & { credibilityReason: string | null; confidenceNote: string | null; notes: string | null; createdAt: string })
    | undefined;
  if (!record) throw new UserError(`No claim with id "${id}".`, 'id');
  const row = toRow(record);
  const graph = loadSourceGraph(db);
  return {
    ...row,
    credibilityReason: record.credibilityReason,
    confidenceNote: record.confidenceNote,
    notes: record.notes,
    createdAt: record.createdAt,
    chains: row.citations.map((citation) => ({
      sourceId: citation.sourceId,
      paths: pathsToOrigins(graph, citation.sourceId).map((path) => path.map((sourceId) => chainLink(db, sourceId))),
    })),
  };
}

/** Distinct values for the filter menus: countries, tags and the span of years present. */
export function listFacets(db: Database) {
  return {
    countries: db
      .prepare('SELECT DISTINCT country FROM claims WHERE country IS NOT NULL ORDER BY country COLLATE NOCASE')
      .pluck()
      .all() as string[],
    tags: db.prepare('SELECT DISTINCT tag FROM claim_tags ORDER BY tag COLLATE NOCASE').pluck().all() as string[],
    years: db.prepare('SELECT min(year) AS first, max(year) AS last FROM claims').get() as {
      first: number | null;
      last: number | null;
    },
  };
}

/** Rows for a known set of claims (a conflict group), smallest value first. */
export function listClaimsByIds(db: Database, ids: readonly string[]): ClaimListRow[] {
  const records = db
    .prepare(
      `SELECT ${rowColumns} FROM claims c JOIN claim_evidence e ON e.claim_seq = c.seq
        WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.value, c.seq`,
    )
    .all(JSON.stringify(ids)) as RowRecord[];
  return records.map(toRow);
}
