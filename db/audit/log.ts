import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { AuditRecord } from '../evidence/views';
import { currentActor } from './actor';

/**
 * The append-only audit trail. Each record's hash covers its content and the previous record's
 * hash, so editing, removing or reordering any record behind the app's back breaks the chain from
 * that record on, and `verify` names it. Triggers refuse UPDATE and DELETE on the table itself.
 */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditAction = 'create' | 'update' | 'delete' | 'import' | 'prefer' | 'unprefer' | 'attach' | 'detach';

export interface AuditEntry {
  action: AuditAction;
  entityType:
    | 'claim'
    | 'source'
    | 'archive'
    | 'conflict_group'
    | 'import'
    | 'recipe'
    | 'country'
    | 'assessment'
    | 'scenario'
    | 'snapshot'
    | 'report';
  entityId: string;
  before?: unknown;
  after?: unknown;
}

interface StoredRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

export function recordHash(record: Omit<StoredRecord, 'hash'>): string {
  const content = JSON.stringify([
    record.seq,
    record.at,
    record.actor,
    record.action,
    record.entity_type,
    record.entity_id,
    record.before,
    record.after,
  ]);
  return createHash('sha256').update(`${record.prev_hash}\n${content}`).digest('hex');
}

/**
 * An appender for many records in one transaction (a bulk edit): the statement is prepared and the
 * chain's last seq and hash read once. Only for use inside a single transaction in which nothing
 * else appends.
 */
export function auditAppender(db: Database, actor = currentActor()): (entry: AuditEntry) => void {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  let seq = last?.seq ?? 0;
  let previous = last?.hash ?? GENESIS_HASH;
  const insert = db.prepare(
    `INSERT INTO audit_log (seq, at, actor, action, entity_type, entity_id, before, after, prev_hash, hash)
     VALUES (@seq, @at, @actor, @action, @entity_type, @entity_id, @before, @after, @prev_hash, @hash)`,
  );
  return (entry) => {
    const record = {
      seq: ++seq,
      at: new Date().toISOString(),
      actor,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      prev_hash: previous,
    };
    previous = recordHash(record);
    insert.run({ ...record, hash: previous });
  };
}

/** Appends one record; call inside the transaction of the change it describes. */
export function appendAudit(db: Database, entry: AuditEntry, actor = currentActor()): void {
  auditAppender(db, actor)(entry);
}

function toRecord(row: StoredRecord): AuditRecord {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
  };
}

/** The history of one claim or source, newest first, including imports that created it. */
export function historyOf(db: Database, entityType: string, entityId: string): AuditRecord[] {
  const rows = db
    .prepare('SELECT * FROM audit_log WHERE entity_type = ? AND entity_id = ? ORDER BY seq DESC')
    .all(entityType, entityId) as StoredRecord[];
  return rows.map(toRecord);
}

export interface AuditVerification {
  records: number;
  /** The first record that does not match, in words; undefined when the chain is whole. */
  firstBroken?: string;
}

/** Walks the whole chain in order and names the first record whose hash or link does not match. */
export function verifyAuditChain(db: Database): AuditVerification {
  let previous = GENESIS_HASH;
  let expectedSeq = 1;
  let records = 0;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<StoredRecord>) {
    records++;
    const what = `audit record ${row.seq} (${row.action} ${row.entity_type} ${row.entity_id} at ${row.at})`;
    if (row.seq !== expectedSeq)
      return { records, firstBroken: `audit record ${expectedSeq} is missing (the next is ${row.seq}): it was removed` };
    if (row.prev_hash !== previous)
      return {
        records,
        firstBroken:
          expectedSeq === 1
            ? `${what} does not start the trail: records before it were removed, or it was changed`
            : `${what} does not link to record ${expectedSeq - 1} before it: a record was inserted, changed or removed there`,
      };
    if (recordHash(row) !== row.hash) return { records, firstBroken: `${what} does not match its hash: it was changed` };
    previous = row.hash;
    expectedSeq++;
  }
  return { records };
}
