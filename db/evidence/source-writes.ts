import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { appendAudit } from '../audit/log';
import { UserError } from '../errors';
import { newId } from './ids';
import type { SourceInput } from './inputs';
import { loadSourceGraph, wouldCycle } from './origins';
import { claimsResting, refreshEvidence } from './refresh';
import { reindexClaims } from './search-index';

/**
 * Creating, editing and deleting sources, their derived-from links and archived copies. A change
 * to a source can move the evidence status of every claim resting on it (or on a relay of it), so
 * those claims are refreshed in the same transaction.
 */
export type SourceSnapshot = SourceInput & { id: string };

/** Reads sources as their audit records hold them, with the statements prepared once (see claimSnapshotReader). */
export function sourceSnapshotReader(db: Database): (id: string) => SourceSnapshot | undefined {
  const row = db.prepare(
    `SELECT id, title, publisher, publisher_type AS publisherType, origin_country AS originCountry,
            state_affiliated AS stateAffiliated, published, accessed, url, retrieved_via AS retrievedVia,
            reliability, reliability_reason AS reliabilityReason, notes
       FROM sources WHERE id = ?`,
  );
  const derivedFrom = db
    .prepare('SELECT derived_from_id FROM source_derivations WHERE source_id = ? ORDER BY derived_from_id')
    .pluck();
  return (id) => {
    const found = row.get(id) as (Omit<SourceInput, 'derivedFrom'> & { id: string }) | undefined;
    return found && { ...found, derivedFrom: derivedFrom.all(id) as string[] };
  };
}

export function sourceSnapshot(db: Database, id: string): SourceSnapshot | undefined {
  return sourceSnapshotReader(db)(id);
}

function writeDerivations(db: Database, id: string, derivedFrom: string[]): void {
  const graph = loadSourceGraph(db);
  graph.derivedFrom.delete(id);
  const exists = db.prepare('SELECT 1 FROM sources WHERE id = ?').pluck();
  for (const [index, parent] of derivedFrom.entries()) {
    if (!exists.get(parent)) throw new UserError(`Derived from "${parent}": no such source.`, `derivedFrom.${index}`);
  }
  const loop = wouldCycle(graph, id, derivedFrom);
  if (loop)
    throw new UserError(`Derived from "${loop}" would make a loop: that source already rests on this one.`, 'derivedFrom');
  db.prepare('DELETE FROM source_derivations WHERE source_id = ?').run(id);
  const link = db.prepare('INSERT INTO source_derivations (source_id, derived_from_id) VALUES (?, ?)');
  for (const parent of new Set(derivedFrom)) link.run(id, parent);
}

export function insertSourceRow(db: Database, input: SourceInput & { id: string }): void {
  const { derivedFrom: _derivedFrom, ...fields } = input;
  db.prepare(
    `INSERT INTO sources (id, title, publisher, publisher_type, origin_country, state_affiliated, published, accessed,
                          url, retrieved_via, reliability, reliability_reason, notes)
     VALUES (@id, @title, @publisher, @publisherType, @originCountry, @stateAffiliated, @published, @accessed,
             @url, @retrievedVia, @reliability, @reliabilityReason, @notes)`,
  ).run(fields);
}

export function createSource(db: Database, input: SourceInput, id = newId('src')): string {
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM sources WHERE id = ?').get(id))
      throw new UserError(`A source with id "${id}" already exists.`, 'id');
    insertSourceRow(db, { ...input, id });
    writeDerivations(db, id, input.derivedFrom);
    appendAudit(db, { action: 'create', entityType: 'source', entityId: id, after: sourceSnapshot(db, id) });
  })();
  return id;
}

export function updateSource(db: Database, id: string, input: SourceInput): void {
  db.transaction(() => {
    const before = sourceSnapshot(db, id);
    if (!before) throw new UserError(`No source with id "${id}".`, 'id');
    const { derivedFrom, ...fields } = input;
    db.prepare(
      `UPDATE sources SET title = @title, publisher = @publisher, publisher_type = @publisherType,
              origin_country = @originCountry, state_affiliated = @stateAffiliated, published = @published,
              accessed = @accessed, url = @url, retrieved_via = @retrievedVia, reliability = @reliability,
              reliability_reason = @reliabilityReason, notes = @notes,
              updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        WHERE id = @id`,
    ).run({ ...fields, id });
    writeDerivations(db, id, derivedFrom);
    const affected = claimsResting(db, [id]);
    refreshEvidence(db, affected);
    reindexClaims(db, affected);
    appendAudit(db, { action: 'update', entityType: 'source', entityId: id, before, after: sourceSnapshot(db, id) });
  })();
}

export function deleteSource(db: Database, id: string): void {
  db.transaction(() => {
    const before = sourceSnapshot(db, id);
    if (!before) throw new UserError(`No source with id "${id}".`, 'id');
    const citing = db
      .prepare('SELECT claim_id FROM claim_citations WHERE source_id = ? ORDER BY claim_id')
      .pluck()
      .all(id) as string[];
    if (citing.length > 0) {
      const named = citing.slice(0, 5).join(', ') + (citing.length > 5 ? ` and ${citing.length - 5} more` : '');
      throw new UserError(
        `"${before.title}" is cited by ${citing.length} claim${citing.length === 1 ? '' : 's'} (${named}); remove those citations first.`,
        'id',
      );
    }
    const relays = db.prepare('SELECT source_id FROM source_derivations WHERE derived_from_id = ?').pluck().all(id) as string[];
    if (relays.length > 0) {
      throw new UserError(
        `"${before.title}" is the origin of ${relays.join(', ')}; remove those derived-from links first.`,
        'id',
      );
    }
    db.prepare('DELETE FROM sources WHERE id = ?').run(id);
    appendAudit(db, { action: 'delete', entityType: 'source', entityId: id, before });
  })();
}

export const MAX_ARCHIVE_BYTES = 50 * 1024 * 1024;

export interface ArchiveUpload {
  sourceId: string;
  kind: 'text' | 'file';
  fileName: string | null;
  mediaType: string;
  content: Buffer;
}

export function attachArchive(db: Database, upload: ArchiveUpload): { sha256: string; size: number } {
  if (upload.content.length > MAX_ARCHIVE_BYTES) {
    throw new UserError(`The archived copy is ${Math.ceil(upload.content.length / 1048576)} MB; the limit is 50 MB.`, 'content');
  }
  const sha256 = createHash('sha256').update(upload.content).digest('hex');
  db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM sources WHERE id = ?').get(upload.sourceId))
      throw new UserError(`No source with id "${upload.sourceId}".`, 'sourceId');
    const before = db
      .prepare('SELECT kind, file_name AS fileName, sha256, size FROM source_archives WHERE source_id = ?')
      .get(upload.sourceId);
    db.prepare(
      `INSERT INTO source_archives (source_id, kind, file_name, media_type, content, sha256, size)
       VALUES (@sourceId, @kind, @fileName, @mediaType, @content, @sha256, @size)
       ON CONFLICT (source_id) DO UPDATE SET kind = excluded.kind, file_name = excluded.file_name,
         media_type = excluded.media_type, content = excluded.content, sha256 = excluded.sha256, size = excluded.size,
         added_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    ).run({ ...upload, sha256, size: upload.content.length });
    appendAudit(db, {
      action: 'attach',
      entityType: 'source',
      entityId: upload.sourceId,
      before: before ?? undefined,
      after: { kind: upload.kind, fileName: upload.fileName, sha256, size: upload.content.length },
    });
  })();
  return { sha256, size: upload.content.length };
}

export function removeArchive(db: Database, sourceId: string): void {
  db.transaction(() => {
    const before = db
      .prepare('SELECT kind, file_name AS fileName, sha256, size FROM source_archives WHERE source_id = ?')
      .get(sourceId);
    if (!before) throw new UserError('This source has no archived copy.', 'sourceId');
    db.prepare('DELETE FROM source_archives WHERE source_id = ?').run(sourceId);
    appendAudit(db, { action: 'detach', entityType: 'source', entityId: sourceId, before });
  })();
}
