import type { Database } from 'better-sqlite3';
import type { ClaimInput } from '../evidence/inputs';
import { sourceSnapshot } from '../evidence/source-writes';
import { listRecipes } from '../import/recipes-store';
import { scoringToFile } from './scoring-json';
import { WORKSPACE_FORMAT, WORKSPACE_FORMAT_VERSION, type WorkspaceFile } from './workspace-format';

type ClaimRow = Omit<ClaimInput, 'citations' | 'tags'> & { id: string; createdAt: string; updatedAt: string };

/**
 * Every claim in the shape of claimSnapshot (the test holds them equal), read in three queries
 * instead of three per claim: an export of a large workspace stays a matter of seconds.
 */
function allClaims(db: Database): WorkspaceFile['claims'] {
  const citations = new Map<string, ClaimInput['citations']>();
  for (const row of db
    .prepare('SELECT claim_id AS claimId, source_id AS sourceId, excerpt, locator, stance FROM claim_citations ORDER BY rowid')
    .iterate() as IterableIterator<{ claimId: string } & ClaimInput['citations'][number]>) {
    const { claimId, ...citation } = row;
    const list = citations.get(claimId);
    if (list) list.push(citation);
    else citations.set(claimId, [citation]);
  }
  const tags = new Map<string, string[]>();
  for (const row of db
    .prepare('SELECT claim_id AS claimId, tag FROM claim_tags ORDER BY claim_id, tag')
    .iterate() as IterableIterator<{
    claimId: string;
    tag: string;
  }>) {
    const list = tags.get(row.claimId);
    if (list) list.push(row.tag);
    else tags.set(row.claimId, [row.tag]);
  }
  const rows = db
    .prepare(
      `SELECT id, statement, stage, country, entity, facility_status AS facilityStatus, metric, value, value_low AS valueLow,
              value_high AS valueHigh, unit, year, credibility, credibility_reason AS credibilityReason,
              confidence_note AS confidenceNote, notes, created_at AS createdAt, updated_at AS updatedAt
         FROM claims ORDER BY id`,
    )
    .all() as ClaimRow[];
  return rows.map(({ createdAt, updatedAt, ...claim }) => ({
    ...claim,
    tags: tags.get(claim.id) ?? [],
    citations: citations.get(claim.id) ?? [],
    createdAt,
    updatedAt,
  }));
}

/** The whole workspace as a WorkspaceFile object (see workspace-format.ts); sorted, so stable. */
export function workspaceToFile(db: Database, exportedAt = new Date()): WorkspaceFile {
  const stamps = (table: 'sources') =>
    new Map(
      (
        db.prepare(`SELECT id, created_at AS createdAt, updated_at AS updatedAt FROM ${table}`).all() as {
          id: string;
          createdAt: string;
          updatedAt: string;
        }[]
      ).map((row) => [row.id, { createdAt: row.createdAt, updatedAt: row.updatedAt }]),
    );
  const sourceStamps = stamps('sources');
  const sourceIds = db.prepare('SELECT id FROM sources ORDER BY id').pluck().all() as string[];
  const archives = db
    .prepare(
      `SELECT source_id AS sourceId, kind, file_name AS fileName, media_type AS mediaType, sha256, added_at AS addedAt, content
         FROM source_archives ORDER BY source_id`,
    )
    .all() as (Omit<WorkspaceFile['archives'][number], 'base64'> & { content: Buffer })[];
  return {
    format: WORKSPACE_FORMAT,
    version: WORKSPACE_FORMAT_VERSION,
    exportedAt: exportedAt.toISOString(),
    sources: sourceIds.map((id) => ({ ...sourceSnapshot(db, id)!, ...sourceStamps.get(id)! })),
    archives: archives.map(({ content, ...archive }) => ({ ...archive, base64: content.toString('base64') })),
    claims: allClaims(db),
    preferences: db
      .prepare(
        'SELECT group_key AS groupKey, claim_id AS claimId, reason, set_at AS setAt FROM conflict_preferences ORDER BY group_key',
      )
      .all() as WorkspaceFile['preferences'],
    recipes: listRecipes(db),
    countrySides: db
      .prepare('SELECT label AS country, side FROM country_sides ORDER BY name')
      .all() as WorkspaceFile['countrySides'],
    ...scoringToFile(db),
  };
}

/** The workspace JSON text, read in one transaction so the file is a consistent snapshot. */
export function exportWorkspaceJson(db: Database, exportedAt = new Date()): string {
  const file = db.transaction(() => workspaceToFile(db, exportedAt))();
  return `${JSON.stringify(file, null, 2)}\n`;
}
