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
const sortColumns: Record<Exclude<ClaimQuery['sort'], 'relevance'>, string[]> = {
  stage: ['c.stage_rank', 'c.country', 'c.year'],
  country: ['c.country COLLATE NOCASE', 'c.year'],
  year: ['c.year'],
  value: ['c.value'],
  credibility: ['c.credibility'],
  statement: ['c.statement COLLATE NOCASE'],
  updated: ['c.updated_at'],
};

/**
 * A broad search ("rare", "China") can match a large share of a million claims; ranking or sorting
 * all of them is what makes such searches slow. Results are taken from the newest matches up to
 * this window, ranked or sorted within it, and the page says the window was reached.
 */
export const SEARCH_WINDOW = 5_000;

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

/**
 * A filter on the claims table. `column` is the indexed column it tests, so the condition can be
 * written with SQLite's unary + (which stops the planner from using that column's index) when the
 * sort order's index should drive the scan instead.
 */
interface ClaimCondition {
  column?: string;
  test: string;
}

interface Filters {
  claims: ClaimCondition[];
  /** Conditions on claim_evidence (alias e). */
  evidence: string[];
  params: Record<string, unknown>;
  match: string | null;
}

const evidenceFilters: Record<NonNullable<ClaimQuery['evidence']>, string> = {
  corroborated: 'e.independent_origins >= 2',
  single_source: 'e.independent_origins = 1',
  state_media_only: 'e.state_media_only = 1',
  contested: '(e.contradicted = 1 OR e.conflict_group IS NOT NULL)',
};

function filters(query: Partial<ClaimQuery>): Filters {
  const claims: ClaimCondition[] = [];
  const evidence: string[] = [];
  const params: Record<string, unknown> = {};
  const match = query.search ? searchQuery(query.search) : null;
  if (match) params.match = match;
  const on = (column: string, operator: string, name: string, value: unknown) => {
    claims.push({ column, test: `${operator} @${name}` });
    params[name] = value;
  };
  if (query.stage) on('c.stage', '=', 'stage', query.stage);
  if (query.country) on('c.country', '= ', 'country', query.country);
  if (query.metric) on('c.metric', '=', 'metric', query.metric);
  if (query.yearFrom !== undefined) on('c.year', '>=', 'yearFrom', query.yearFrom);
  if (query.yearTo !== undefined) on('c.year', '<=', 'yearTo', query.yearTo);
  if (query.credibilityAtMost !== undefined) on('c.credibility', '<=', 'credibilityAtMost', query.credibilityAtMost);
  if (query.country) claims[claims.findIndex((c) => c.column === 'c.country')]!.test = '= @country COLLATE NOCASE';
  if (query.side) {
    evidence.push('e.side = @side');
    params.side = query.side;
  }
  if (query.evidence) evidence.push(evidenceFilters[query.evidence]);
  if (query.reliability?.length) {
    claims.push({
      test: `EXISTS (SELECT 1 FROM claim_citations cc JOIN sources s ON s.id = cc.source_id
                      WHERE cc.claim_id = c.id AND s.reliability IN (SELECT value FROM json_each(@reliability)))`,
    });
    params.reliability = JSON.stringify(query.reliability);
  }
  if (query.publisherType) {
    claims.push({
      test: `EXISTS (SELECT 1 FROM claim_citations cc JOIN sources s ON s.id = cc.source_id
                      WHERE cc.claim_id = c.id AND s.publisher_type = @publisherType)`,
    });
    params.publisherType = query.publisherType;
  }
  if (query.tag) {
    claims.push({ test: 'EXISTS (SELECT 1 FROM claim_tags t WHERE t.claim_id = c.id AND t.tag = @tag)' });
    params.tag = query.tag;
  }
  return { claims, evidence, params, match };
}

/**
 * Past this many matching claims, a page is found faster by walking the sort order's index and
 * testing each claim than by collecting every match and sorting them.
 */
const WALK_THE_SORT_INDEX = 5_000;

function whereClause(parts: string[]): string {
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
}

export function listClaims(db: Database, query: ClaimQuery): ClaimPage {
  const { claims, evidence, params, match } = filters(query);
  const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
  const sortBy = query.sort === 'relevance' ? (match ? null : 'stage') : query.sort;
  // When walking the sort index, other indexes are switched off (+column), except the stage index
  // when sorting by stage: (stage, country, year) is then itself the sort order.
  const claimTests = (walk: boolean) =>
    claims.map(({ column, test }) =>
      column ? `${walk && !(sortBy === 'stage' && column === 'c.stage') ? '+' : ''}${column} ${test}` : test,
    );
  const evidenceJoin = evidence.length ? 'JOIN claim_evidence e ON e.claim_seq = c.seq' : '';
  // With a search, start from the newest matches within the window; FTS5 walks them in rowid order.
  const hits = match
    ? `(SELECT rowid, rank FROM claim_search WHERE claim_search MATCH @match ORDER BY rowid DESC LIMIT ${SEARCH_WINDOW}) f
       JOIN claims c ON c.seq = f.rowid`
    : 'claims c';
  const windowFull = match
    ? (db
        .prepare(`SELECT count(*) FROM (SELECT 1 FROM claim_search WHERE claim_search MATCH @match LIMIT ${SEARCH_WINDOW + 1})`)
        .pluck()
        .get(params) as number) > SEARCH_WINDOW
    : false;
  // Evidence-only filters are counted on claim_evidence's own indexes, without touching claims.
  const total = (
    !match && claims.length === 0 && evidence.length > 0
      ? db
          .prepare(`SELECT count(*) FROM claim_evidence e ${whereClause(evidence)}`)
          .pluck()
          .get(params)
      : db
          .prepare(`SELECT count(*) FROM ${hits} ${evidenceJoin} ${whereClause([...claimTests(false), ...evidence])}`)
          .pluck()
          .get(params)
  ) as number;

  // A stage filter fixes the stage: ordering by it again would stop the (stage, country, year) index serving the sort.
  const sortParts = sortBy ? sortColumns[sortBy].filter((part) => !(query.stage && part === 'c.stage_rank')) : [];
  const order = sortBy ? [...sortParts, 'c.seq'].map((part) => `${part} ${direction}`).join(', ') : 'f.rank, c.seq';
  const walk = !match && total > WALK_THE_SORT_INDEX && (claims.length > 0 || evidence.length > 0);
  const pageSql = walk
    ? `SELECT c.seq FROM claims c
        ${whereClause([
          ...claimTests(true),
          ...(evidence.length
            ? // A scalar subquery, not EXISTS: SQLite would turn EXISTS into a join driven by the evidence index.
              [`(SELECT ${evidence.join(' AND ')} FROM claim_evidence e WHERE e.claim_seq = c.seq)`]
            : []),
        ])}
        ORDER BY ${order} LIMIT @limit OFFSET @offset`
    : `SELECT c.seq FROM ${hits} ${evidenceJoin} ${whereClause([...claimTests(false), ...evidence])}
        ORDER BY ${order} LIMIT @limit OFFSET @offset`;
  // Page the keys first (index-only where possible), then fetch the page's rows with their details.
  const page = db
    .prepare(pageSql)
    .pluck()
    .all({ ...params, limit: query.limit, offset: query.offset }) as number[];
  const bySeq = new Map(
    (
      db
        .prepare(
          `SELECT ${rowColumns} FROM claims c JOIN claim_evidence e ON e.claim_seq = c.seq
            WHERE c.seq IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(page)) as RowRecord[]
    ).map((record) => [record.seq, record]),
  );
  return {
    total,
    offset: query.offset,
    rows: page.map((seq) => toRow(bySeq.get(seq)!)),
    searchWindowReached: windowFull,
  };
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
