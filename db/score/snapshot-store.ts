import type { Database } from 'better-sqlite3';
import { appendAudit } from '../audit/log';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { resolveAssessmentId } from './assessment-store';
import { newScoreId } from './ids';
import { snapshotInput, type SnapshotInput } from './inputs';
import type { ScoreMethod, Weights } from './types';

/**
 * Snapshots: an assessment as it was scored on a day (who, which method and weights, the inputs and
 * the results), kept for the trend and the diff. The engine decides what `inputs` and `results`
 * hold; here they are JSON written once. The table's trigger refuses any later change, so a trend
 * drawn today shows what was actually scored then.
 */
export interface SnapshotSummary {
  id: string;
  assessmentId: string;
  takenAt: string;
  author: string | null;
  note: string | null;
  method: ScoreMethod;
  weights: Weights;
  /** Listed with the summary because the trend chart needs every snapshot's results, not its inputs. */
  results: unknown;
}

export interface Snapshot extends SnapshotSummary {
  inputs: unknown;
}

interface SnapshotRow {
  id: string;
  assessment_id: string;
  taken_at: string;
  author: string | null;
  note: string | null;
  method: ScoreMethod;
  weights: string;
  results: string;
  inputs?: string;
}

const SUMMARY_COLUMNS = 'id, assessment_id, taken_at, author, note, method, weights, results';

function toSummary(row: SnapshotRow): SnapshotSummary {
  return {
    id: row.id,
    assessmentId: row.assessment_id,
    takenAt: row.taken_at,
    author: row.author,
    note: row.note,
    method: row.method,
    weights: JSON.parse(row.weights) as Weights,
    results: JSON.parse(row.results) as unknown,
  };
}

/** Writes a snapshot dated now; the caller (the engine) has already computed its results. */
export function insertSnapshot(db: Database, input: SnapshotInput): Snapshot {
  const valid = parseInput(snapshotInput, input, 'insertSnapshot');
  return db.transaction(() => {
    const assessmentId = resolveAssessmentId(db, valid.assessmentId);
    const row = {
      id: newScoreId('snp'),
      assessmentId,
      takenAt: new Date().toISOString(),
      author: valid.author,
      note: valid.note,
      method: valid.method,
      weights: JSON.stringify(valid.weights),
      inputs: JSON.stringify(valid.inputs),
      results: JSON.stringify(valid.results),
    };
    db.prepare(
      `INSERT INTO snapshots (id, assessment_id, taken_at, author, note, method, weights, inputs, results)
       VALUES (@id, @assessmentId, @takenAt, @author, @note, @method, @weights, @inputs, @results)`,
    ).run(row);
    // The record names the snapshot; its content is in the row itself, which can never change.
    appendAudit(db, {
      action: 'create',
      entityType: 'snapshot',
      entityId: row.id,
      after: {
        assessmentId,
        takenAt: row.takenAt,
        author: row.author,
        note: row.note,
        method: row.method,
        weights: valid.weights,
      },
    });
    return loadSnapshot(db, row.id);
  })();
}

/** An assessment's snapshots, oldest first (the trend's order), without their inputs. */
export function listSnapshots(db: Database, assessmentId?: string): SnapshotSummary[] {
  const id = resolveAssessmentId(db, assessmentId);
  const rows = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM snapshots WHERE assessment_id = ? ORDER BY taken_at, seq`)
    .all(id) as SnapshotRow[];
  return rows.map(toSummary);
}

export function loadSnapshot(db: Database, id: string): Snapshot {
  const row = db.prepare(`SELECT ${SUMMARY_COLUMNS}, inputs FROM snapshots WHERE id = ?`).get(id) as SnapshotRow | undefined;
  if (!row) throw new UserError(`No snapshot with id "${id}".`, 'id');
  return { ...toSummary(row), inputs: JSON.parse(row.inputs!) as unknown };
}
