import type { Database } from 'better-sqlite3';
import { UserError } from '../errors';
import type { SourceQuery } from './inputs';
import { loadSourceGraph, originsOf } from './origins';
import type { ArchiveContent, ArchiveInfo, SourceDetail, SourceListRow, SourcePage } from './views';

/** The sources view's reads: a filtered, sorted page of sources; one source in full; its archived copy. */
const sortColumns: Record<SourceQuery['sort'], string> = {
  publisher: 's.publisher COLLATE NOCASE, s.title COLLATE NOCASE',
  title: 's.title COLLATE NOCASE',
  published: 's.published',
  reliability: 's.reliability',
  claims: 'claimCount',
};

const rowColumns = `
  s.id, s.title, s.publisher, s.publisher_type AS publisherType, s.origin_country AS originCountry,
  s.state_affiliated AS stateAffiliated, s.published, s.accessed, s.url, s.reliability,
  s.reliability_reason AS reliabilityReason,
  (SELECT count(*) FROM claim_citations cc WHERE cc.source_id = s.id) AS claimCount,
  (SELECT json_group_array(derived_from_id) FROM source_derivations d WHERE d.source_id = s.id) AS derivedFrom,
  EXISTS (SELECT 1 FROM source_archives a WHERE a.source_id = s.id) AS hasArchive`;

type RowRecord = Omit<SourceListRow, 'derivedFrom' | 'hasArchive'> & { derivedFrom: string; hasArchive: number };

const toRow = (record: RowRecord): SourceListRow => ({
  ...record,
  derivedFrom: JSON.parse(record.derivedFrom) as string[],
  hasArchive: record.hasArchive === 1,
});

export function listSources(db: Database, query: SourceQuery): SourcePage {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (query.search?.trim()) {
    // Sources are few next to claims (one per twenty): a substring match is instant and finds partial names.
    where.push(
      "(s.title LIKE @like ESCAPE '\\' OR s.publisher LIKE @like ESCAPE '\\' OR s.url LIKE @like ESCAPE '\\' OR s.notes LIKE @like ESCAPE '\\')",
    );
    params.like = `%${query.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  if (query.publisherType) {
    where.push('s.publisher_type = @publisherType');
    params.publisherType = query.publisherType;
  }
  if (query.reliability?.length) {
    where.push('s.reliability IN (SELECT value FROM json_each(@reliability))');
    params.reliability = JSON.stringify(query.reliability);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM sources s ${whereSql}`).get(params) as { n: number }).n;
  const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
  const order = sortColumns[query.sort]
    .split(',')
    .map((part) => `${part.trim()} ${direction}`)
    .join(', ');
  const rows = db
    .prepare(`SELECT ${rowColumns} FROM sources s ${whereSql} ORDER BY ${order}, s.seq LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: query.limit, offset: query.offset }) as RowRecord[];
  return { total, offset: query.offset, rows: rows.map(toRow) };
}

function archiveInfo(db: Database, sourceId: string): ArchiveInfo | null {
  return (
    (db
      .prepare(
        `SELECT kind, file_name AS fileName, media_type AS mediaType, sha256, size, added_at AS addedAt
           FROM source_archives WHERE source_id = ?`,
      )
      .get(sourceId) as ArchiveInfo | undefined) ?? null
  );
}

export function getSource(db: Database, id: string): SourceDetail {
  const record = db
    .prepare(
      `SELECT ${rowColumns}, s.retrieved_via AS retrievedVia, s.notes, s.created_at AS createdAt, s.updated_at AS updatedAt
         FROM sources s WHERE s.id = ?`,
    )
    .get(id) as (RowRecord & Pick<SourceDetail, 'retrievedVia' | 'notes' | 'createdAt' | 'updatedAt'>) | undefined;
  if (!record) throw new UserError(`No source with id "${id}".`, 'id');
  const title = db.prepare('SELECT title FROM sources WHERE id = ?').pluck();
  const origins = [...originsOf(loadSourceGraph(db), id)]
    .sort()
    .map((origin) => ({ id: origin, title: title.get(origin) as string }));
  return {
    ...toRow(record),
    retrievedVia: record.retrievedVia,
    notes: record.notes,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    derivedBy: db
      .prepare(
        'SELECT s.id, s.title FROM source_derivations d JOIN sources s ON s.id = d.source_id WHERE d.derived_from_id = ? ORDER BY s.title',
      )
      .all(id) as { id: string; title: string }[],
    origins,
    archive: archiveInfo(db, id),
    citedBy: db
      .prepare(
        `SELECT c.id, c.statement, cc.stance FROM claim_citations cc JOIN claims c ON c.id = cc.claim_id
          WHERE cc.source_id = ? ORDER BY c.seq LIMIT 500`,
      )
      .all(id) as SourceDetail['citedBy'],
  };
}

const textTypes = /^(text\/|application\/(json|xml|csv))/;

export function getArchive(db: Database, sourceId: string): ArchiveContent {
  const row = db
    .prepare(
      `SELECT kind, file_name AS fileName, media_type AS mediaType, sha256, size, added_at AS addedAt, content
         FROM source_archives WHERE source_id = ?`,
    )
    .get(sourceId) as (ArchiveInfo & { content: Buffer }) | undefined;
  if (!row) throw new UserError('This source has no archived copy.', 'sourceId');
  const { content, ...info } = row;
  const isText = info.kind === 'text' || textTypes.test(info.mediaType);
  return { ...info, text: isText ? content.toString('utf8') : null, base64: isText ? null : content.toString('base64') };
}
