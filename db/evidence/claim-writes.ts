import type { Database } from 'better-sqlite3';
import { appendAudit } from '../audit/log';
import { UserError } from '../errors';
import { newId } from './ids';
import type { ClaimInput } from './inputs';
import { refreshEvidence } from './refresh';
import { reindexClaims, unindexClaims } from './search-index';

/**
 * Creating, editing and deleting claims. Each write is one transaction that also keeps the
 * evidence status and the search index current and appends its audit record, so no reader ever
 * sees a claim without its status or a change without its trace.
 */
/**
 * The statements a claim's dependent rows need, prepared once per write rather than per claim:
 * an import of a million claims would otherwise spend most of its time compiling SQL.
 */
function dependentRowWriter(db: Database) {
  const sourceExists = db.prepare('SELECT 1 FROM sources WHERE id = ?').pluck();
  const cite = db.prepare(
    'INSERT INTO claim_citations (claim_id, source_id, excerpt, locator, stance) VALUES (@claimId, @sourceId, @excerpt, @locator, @stance)',
  );
  const tag = db.prepare('INSERT INTO claim_tags (claim_id, tag) VALUES (?, ?)');
  /** A claim's citations and tags; the claim row must exist. Refuses a citation of a missing source by name. */
  return (claimId: string, citations: ClaimInput['citations'], tags: string[]): void => {
    for (const [index, citation] of citations.entries()) {
      if (!sourceExists.get(citation.sourceId))
        throw new UserError(`Claim cites source "${citation.sourceId}", which does not exist.`, `citations.${index}.sourceId`);
      cite.run({ claimId, ...citation });
    }
    for (const name of tags) tag.run(claimId, name);
  };
}

/** Inserts claims with their citations and tags; the caller refreshes evidence, the index and the audit log. */
export function insertClaimRows(db: Database, claims: readonly (ClaimInput & { id: string })[]): void {
  const insert = db.prepare(
    `INSERT INTO claims (id, statement, stage, country, entity, facility_status, metric, value, value_low, value_high,
                         unit, year, credibility, credibility_reason, confidence_note, notes)
     VALUES (@id, @statement, @stage, @country, @entity, @facilityStatus, @metric, @value, @valueLow, @valueHigh,
             @unit, @year, @credibility, @credibilityReason, @confidenceNote, @notes)`,
  );
  const writeDependents = dependentRowWriter(db);
  for (const { citations, tags, ...claim } of claims) {
    insert.run(claim);
    writeDependents(claim.id, citations, tags);
  }
}

/** The stored form of a claim, for audit records: what it was before and after a change. */
export type ClaimSnapshot = ClaimInput & { id: string };

/**
 * Reads claims as their audit records hold them, with the statements prepared once: a bulk edit or
 * `verify` reads tens of thousands, and preparing three statements per claim cost more than the read.
 */
export function claimSnapshotReader(db: Database): (id: string) => ClaimSnapshot | undefined {
  const row = db.prepare(
    `SELECT id, statement, stage, country, entity, facility_status AS facilityStatus, metric, value, value_low AS valueLow,
            value_high AS valueHigh, unit, year, credibility, credibility_reason AS credibilityReason,
            confidence_note AS confidenceNote, notes
       FROM claims WHERE id = ?`,
  );
  const citations = db.prepare(
    'SELECT source_id AS sourceId, excerpt, locator, stance FROM claim_citations WHERE claim_id = ? ORDER BY rowid',
  );
  const tags = db.prepare('SELECT tag FROM claim_tags WHERE claim_id = ? ORDER BY tag').pluck();
  return (id) => {
    const found = row.get(id) as (Omit<ClaimInput, 'citations' | 'tags'> & { id: string }) | undefined;
    if (!found) return undefined;
    return { ...found, tags: tags.all(id) as string[], citations: citations.all(id) as ClaimInput['citations'] };
  };
}

export function claimSnapshot(db: Database, id: string): ClaimSnapshot | undefined {
  return claimSnapshotReader(db)(id);
}

function requireClaim(db: Database, id: string) {
  const before = claimSnapshot(db, id);
  if (!before) throw new UserError(`No claim with id "${id}".`, 'id');
  return before;
}

export function createClaim(db: Database, input: ClaimInput, id = newId('clm')): string {
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM claims WHERE id = ?').get(id))
      throw new UserError(`A claim with id "${id}" already exists.`, 'id');
    insertClaimRows(db, [{ ...input, id }]);
    refreshEvidence(db, [id]);
    reindexClaims(db, [id]);
    appendAudit(db, { action: 'create', entityType: 'claim', entityId: id, after: claimSnapshot(db, id) });
  })();
  return id;
}

export function updateClaim(db: Database, id: string, input: ClaimInput): void {
  db.transaction(() => {
    const before = requireClaim(db, id);
    // Replace the claim's dependent rows wholesale: a form submits the whole claim.
    db.prepare('DELETE FROM claim_citations WHERE claim_id = ?').run(id);
    db.prepare('DELETE FROM claim_tags WHERE claim_id = ?').run(id);
    const { citations, tags, ...fields } = input;
    db.prepare(
      `UPDATE claims SET statement = @statement, stage = @stage, country = @country, entity = @entity,
              facility_status = @facilityStatus, metric = @metric, value = @value, value_low = @valueLow,
              value_high = @valueHigh, unit = @unit, year = @year, credibility = @credibility,
              credibility_reason = @credibilityReason, confidence_note = @confidenceNote, notes = @notes,
              updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        WHERE id = @id`,
    ).run({ ...fields, id });
    dependentRowWriter(db)(id, citations, tags);
    refreshEvidence(db, [id]);
    reindexClaims(db, [id]);
    appendAudit(db, { action: 'update', entityType: 'claim', entityId: id, before, after: claimSnapshot(db, id) });
  })();
}

export function deleteClaim(db: Database, id: string): void {
  db.transaction(() => {
    const before = requireClaim(db, id);
    const subject = db
      .prepare('SELECT e.subject_key FROM claim_evidence e JOIN claims c ON c.seq = e.claim_seq WHERE c.id = ?')
      .pluck()
      .get(id) as string | null | undefined;
    unindexClaims(db, [id]);
    db.prepare('DELETE FROM claims WHERE id = ?').run(id);
    // The rest of its conflict group may no longer conflict.
    if (subject) {
      const others = db
        .prepare('SELECT c.id FROM claim_evidence e JOIN claims c ON c.seq = e.claim_seq WHERE e.subject_key = ?')
        .pluck()
        .all(subject) as string[];
      refreshEvidence(db, others);
    }
    appendAudit(db, { action: 'delete', entityType: 'claim', entityId: id, before });
  })();
}
