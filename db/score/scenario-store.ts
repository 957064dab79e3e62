import type { Database } from 'better-sqlite3';
import { appendAudit } from '../audit/log';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { resolveAssessmentId } from './assessment-store';
import { newScoreId } from './ids';
import { saveScenarioInput, type SaveScenarioInput } from './inputs';
import type { Scenario, ScenarioOverrides } from './types';

/**
 * Scenarios: named overrides kept beside an assessment ("Lynas Texas online by 2027", "April
 * controls lifted"). They are only ever read by the engine and laid over the base inputs; nothing
 * here writes to claims or to the assessment itself. A name is unique within its assessment, ignoring case.
 */
export interface StoredScenario extends Scenario {
  assessmentId: string;
  createdAt: string;
}

interface ScenarioRow {
  id: string;
  assessment_id: string;
  name: string;
  description: string | null;
  overrides: string;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, assessment_id, name, description, overrides, created_at, updated_at';

function toScenario(row: ScenarioRow): StoredScenario {
  return {
    id: row.id,
    assessmentId: row.assessment_id,
    name: row.name,
    description: row.description,
    overrides: JSON.parse(row.overrides) as ScenarioOverrides,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function listScenarios(db: Database, assessmentId?: string): StoredScenario[] {
  const id = resolveAssessmentId(db, assessmentId);
  const rows = db.prepare(`SELECT ${COLUMNS} FROM scenarios WHERE assessment_id = ? ORDER BY name`).all(id) as ScenarioRow[];
  return rows.map(toScenario);
}

function findScenario(db: Database, idOrName: string, assessmentId?: string): StoredScenario | undefined {
  const byId = db.prepare(`SELECT ${COLUMNS} FROM scenarios WHERE id = ?`).get(idOrName) as ScenarioRow | undefined;
  if (byId) return toScenario(byId);
  const byName = db
    .prepare(`SELECT ${COLUMNS} FROM scenarios WHERE assessment_id = ? AND name = ?`)
    .get(resolveAssessmentId(db, assessmentId), idOrName.trim()) as ScenarioRow | undefined;
  return byName && toScenario(byName);
}

/** A scenario by its id, or by its name within the assessment (the default assessment when none is given). */
export function loadScenario(db: Database, idOrName: string, assessmentId?: string): StoredScenario {
  const scenario = findScenario(db, idOrName, assessmentId);
  if (!scenario) throw new UserError(`No scenario "${idOrName}".`, 'scenario');
  return scenario;
}

const auditView = ({ createdAt: _createdAt, updatedAt: _updatedAt, ...scenario }: StoredScenario) => scenario;

/** Creates a scenario (no id) or replaces one's name, description and overrides. */
export function saveScenario(db: Database, input: SaveScenarioInput): StoredScenario {
  const valid = parseInput(saveScenarioInput, input, 'saveScenario');
  return db.transaction(() => {
    const before = valid.id === undefined ? undefined : findScenario(db, valid.id);
    if (valid.id !== undefined && (!before || before.id !== valid.id))
      throw new UserError(`saveScenario: id: no scenario with id "${valid.id}"`, 'id');
    // A scenario stays with its assessment: moving it would silently change what it overrides.
    if (before && valid.assessmentId !== undefined && valid.assessmentId !== before.assessmentId)
      throw new UserError(
        'saveScenario: assessmentId: a scenario cannot move to another assessment; save a copy instead',
        'assessmentId',
      );
    const assessmentId = before?.assessmentId ?? resolveAssessmentId(db, valid.assessmentId);
    const clash = db
      .prepare('SELECT id FROM scenarios WHERE assessment_id = ? AND name = ? AND id IS NOT ?')
      .pluck()
      .get(assessmentId, valid.name, valid.id ?? null);
    if (clash)
      throw new UserError(`saveScenario: name: a scenario named "${valid.name}" already exists in this assessment`, 'name');

    const row = {
      id: valid.id ?? newScoreId('scn'),
      assessmentId,
      name: valid.name,
      description: valid.description,
      overrides: JSON.stringify(valid.overrides),
    };
    if (before)
      db.prepare(
        `UPDATE scenarios SET name = @name, description = @description, overrides = @overrides,
                updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = @id`,
      ).run(row);
    else
      db.prepare(
        `INSERT INTO scenarios (id, assessment_id, name, description, overrides)
         VALUES (@id, @assessmentId, @name, @description, @overrides)`,
      ).run(row);
    const after = loadScenario(db, row.id);
    appendAudit(db, {
      action: before ? 'update' : 'create',
      entityType: 'scenario',
      entityId: row.id,
      ...(before ? { before: auditView(before) } : {}),
      after: auditView(after),
    });
    return after;
  })();
}

/** Deletes a scenario by id or name; snapshots taken under it keep their own copy of what it was. */
export function deleteScenario(db: Database, idOrName: string, assessmentId?: string): StoredScenario {
  return db.transaction(() => {
    const before = findScenario(db, idOrName, assessmentId);
    if (!before) throw new UserError(`deleteScenario: id: no scenario "${idOrName}"`, 'id');
    db.prepare('DELETE FROM scenarios WHERE id = ?').run(before.id);
    appendAudit(db, { action: 'delete', entityType: 'scenario', entityId: before.id, before: auditView(before) });
    return before;
  })();
}
