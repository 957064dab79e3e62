import type { Database } from 'better-sqlite3';
import { UserError } from '../errors';
import type { ClaimQuery } from './inputs';
import { loadSourceGraph, pathsToOrigins } from './origins';
import { cachedRead } from './claim-read-cache';
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

export function filters(query: Partial<ClaimQuery>): Filters {
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
 * Walking the sort order's index tests claims one by one until the page is reached: about
 * (offset + limit) × claims / matches of them. Up to this many, a page is found that way; past it,
 * the selection's keys are collected and sorted once, kept until the next write, and every page
 * after that is a slice of them (scrolling asks for page after page of the same selection).
 * Mutable so tests can force either way and check that both show the same pages.
 */
export const paging = { walkAtMost: 5_000 };

function whereClause(parts: string[]): string {
  return parts.length ? `WHERE ${parts.join(' AND ')}` : '';
}

function count(db: Database, sql: string, params: Record<string, unknown>): number {
  return cachedRead(db, `count\u0000${sql}\u0000${JSON.stringify(params)}`, () => db.prepare(sql).pluck().get(params) as number);
}

/** One page of the claims view: filters, full-text search and a sort, as the table asks for them window by window. */
export function listClaims(db: Database, query: ClaimQuery): ClaimPage {
  const { claims, evidence, params, match } = filters(query);
  const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
  const sortBy = query.sort === 'relevance' ? (match ? null : 'stage') : query.sort;
  // A stage filter fixes the stage: ordering by it again would stop the (stage, country, year) index serving the sort.
  const sortParts = sortBy ? sortColumns[sortBy].filter((part) => !(query.stage && part === 'c.stage_rank')) : [];
  const order = sortBy ? [...sortParts, 'c.seq'].map((part) => `${part} ${direction}`).join(', ') : '';
  const plusOrder = [...sortParts, 'c.seq'].map((part) => `+${part} ${direction}`).join(', ');
  // When walking the sort index, other indexes are switched off (+column), except on the column the
  // sort index starts with: stage for the stage order within a stage, whose index is (stage,
  // country, year); metric for the stage order across stages, (metric, stage_rank, country, year).
  const leading =
    sortBy === 'stage'
      ? query.stage
        ? 'c.stage'
        : 'c.metric'
      : sortBy
        ? sortColumns[sortBy][0]!.replace(' COLLATE NOCASE', '')
        : '';
  const claimTests = (walk: boolean) =>
    claims.map(({ column, test }) => (column ? `${walk && column !== leading ? '+' : ''}${column} ${test}` : test));
  const evidenceJoin = evidence.length ? 'JOIN claim_evidence e ON e.claim_seq = c.seq' : '';
  const selection = { ...query, offset: 0, limit: 0 };

  if (match) {
    const { ordered, windowFull } = searchSelection(
      db,
      JSON.stringify(selection),
      match,
      sortBy,
      order,
      claimTests(false),
      evidence,
      evidenceJoin,
      params,
    );
    return page(db, query, ordered.length, ordered.slice(query.offset, query.offset + query.limit), windowFull);
  }

  const filtered = claims.length > 0 || evidence.length > 0;
  // Evidence-only filters are counted on claim_evidence's own indexes, without touching claims.
  const total = !filtered
    ? count(db, 'SELECT count(*) FROM claims', {})
    : count(
        db,
        claims.length === 0
          ? `SELECT count(*) FROM claim_evidence e ${whereClause(evidence)}`
          : `SELECT count(*) FROM claims c ${evidenceJoin} ${whereClause([...claimTests(false), ...evidence])}`,
        params,
      );
  if (query.offset >= total) return page(db, query, total, [], false);
  const sortedSql = (forceSort: boolean) =>
    `SELECT c.seq FROM claims c ${evidenceJoin} ${whereClause([...claimTests(false), ...evidence])}
      ORDER BY ${forceSort ? plusOrder : order}`;
  // A filter on the sort index's own leading column narrows the walk to a range of that index,
  // read in order; the claims in the range are then tested against the other filters.
  const ranged = claims.filter(({ column }) => column === leading);
  const indexRange = evidence.length === 0 && ranged.length === claims.length;
  const rangeCount = !filtered
    ? total
    : ranged.length > 0
      ? count(
          db,
          `SELECT count(*) FROM claims c WHERE ${ranged.map(({ column, test }) => `${column} ${test}`).join(' AND ')}`,
          params,
        )
      : count(db, 'SELECT count(*) FROM claims', {});
  const walkRows = indexRange ? 0 : ((query.offset + query.limit) * rangeCount) / total;
  if (filtered && walkRows > paging.walkAtMost) {
    // Collected once, in order. Within an index range in sort order the range is read in order;
    // otherwise the filters' own indexes (or one pass over the table) collect the claims and they
    // are sorted, rather than walking the sort index with a lookup per claim (+ keeps the planner off it).
    const ordered = cachedRead(
      db,
      `keys\u0000${JSON.stringify(selection)}`,
      () =>
        Float64Array.from(
          db
            .prepare(sortedSql(ranged.length === 0))
            .pluck()
            .all(params) as number[],
        ),
      (keys) => keys.length,
    );
    return page(db, query, total, Array.from(ordered.subarray(query.offset, query.offset + query.limit)), false);
  }
  const pageSql = filtered
    ? `SELECT c.seq FROM claims c
        ${whereClause([
          ...claimTests(true),
          ...(evidence.length
            ? // A scalar subquery, not EXISTS: SQLite would turn EXISTS into a join driven by the evidence index.
              [`(SELECT ${evidence.join(' AND ')} FROM claim_evidence e WHERE e.claim_seq = c.seq)`]
            : []),
        ])}
        ORDER BY ${order} LIMIT @limit OFFSET @offset`
    : `${sortedSql(false)} LIMIT @limit OFFSET @offset`;
  // Page the keys first (index-only where possible), then fetch the page's rows with their details.
  const keys = db
    .prepare(pageSql)
    .pluck()
    .all({ ...params, limit: query.limit, offset: query.offset }) as number[];
  return page(db, query, total, keys, false);
}

/**
 * A search's claims in the order shown: the newest matches up to the window, under the other
 * filters, by relevance (bm25 rank, then age) or by the chosen sort. The full-text index is asked
 * once per search and the order kept until the next write, so scrolling the results costs slices.
 */
function searchSelection(
  db: Database,
  selection: string,
  match: string,
  sortBy: Exclude<ClaimQuery['sort'], 'relevance'> | null,
  order: string,
  claimTests: string[],
  evidence: string[],
  evidenceJoin: string,
  params: Record<string, unknown>,
): { ordered: number[]; windowFull: boolean } {
  // FTS5 walks matches in rowid order; the newest window (plus one, to tell whether there are more), with their rank.
  const matches = cachedRead(
    db,
    `matches\u0000${match}`,
    () =>
      db
        .prepare(`SELECT rowid, rank FROM claim_search WHERE claim_search MATCH ? ORDER BY rowid DESC LIMIT ${SEARCH_WINDOW + 1}`)
        .raw()
        .all(match) as [number, number][],
  );
  const windowFull = matches.length > SEARCH_WINDOW;
  const hits = windowFull ? matches.slice(0, SEARCH_WINDOW) : matches;
  const ordered = cachedRead(db, `search\u0000${selection}`, () => {
    const filtered = claimTests.length > 0 || evidence.length > 0;
    if (!filtered && sortBy === null) return byRank(hits);
    const keys = JSON.stringify(hits.map(([seq]) => seq));
    const kept = db
      .prepare(
        `SELECT c.seq FROM json_each(@keys) j CROSS JOIN claims c ON c.seq = j.value ${evidenceJoin}
          ${whereClause([...claimTests, ...evidence])} ${sortBy === null ? '' : `ORDER BY ${order}`}`,
      )
      .pluck()
      .all({ ...params, keys }) as number[];
    if (sortBy !== null) return kept;
    const wanted = new Set(kept);
    return byRank(hits.filter(([seq]) => wanted.has(seq)));
  });
  return { ordered, windowFull };
}

/** Best bm25 rank first (FTS5's rank is lower for a better match), then oldest first, as ORDER BY rank, seq. */
function byRank(hits: [number, number][]): number[] {
  return [...hits].sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([seq]) => seq);
}

/** The page's rows in full (citations, tags, evidence), in the order of `keys`. */
function page(db: Database, query: ClaimQuery, total: number, keys: number[], searchWindowReached: boolean): ClaimPage {
  const bySeq = new Map(
    (keys.length === 0
      ? []
      : (db
          .prepare(
            `SELECT ${rowColumns} FROM claims c JOIN claim_evidence e ON e.claim_seq = c.seq
              WHERE c.seq IN (SELECT value FROM json_each(?))`,
          )
          .all(JSON.stringify(keys)) as RowRecord[])
    ).map((record) => [record.seq, record]),
  );
  return {
    total,
    offset: query.offset,
    rows: keys.map((seq) => toRow(bySeq.get(seq)!)),
    searchWindowReached,
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
