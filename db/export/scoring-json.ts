import type { Database } from 'better-sqlite3';
import { loadAssessment } from '../score/assessment-store';
import { listScenarios } from '../score/scenario-store';
import { loadSnapshot } from '../score/snapshot-store';
import type { WorkspaceFile } from './workspace-format';

/**
 * Risk scoring's part of the workspace JSON: every assessment with its judged scores (and the
 * claims they cite), country table and stage inputs, its scenarios, and its snapshots whole, so a
 * trend survives the trip. Sorted by id like the rest of the file, so exports stay byte-stable.
 */
export function scoringToFile(db: Database): Pick<WorkspaceFile, 'assessments' | 'scenarios' | 'snapshots'> {
  const rows = db.prepare('SELECT id, is_default AS isDefault, created_at AS createdAt FROM assessments ORDER BY id').all() as {
    id: string;
    isDefault: number;
    createdAt: string;
  }[];
  const snapshotIds = db.prepare('SELECT id FROM snapshots ORDER BY id').pluck().all() as string[];
  return {
    assessments: rows.map(({ id, isDefault, createdAt }) => {
      const { updatedAt, ...assessment } = loadAssessment(db, id);
      return { ...assessment, isDefault: isDefault === 1, createdAt, updatedAt };
    }),
    scenarios: rows.flatMap(({ id }) => listScenarios(db, id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    snapshots: snapshotIds.map((id) => loadSnapshot(db, id)),
  };
}
