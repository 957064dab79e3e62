import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { entityId } from '../export/workspace-format';
import { defaultRules } from '../model/types';
import { rulesInput } from '../model/inputs';
import { writeAssessmentContent } from '../score/assessment-content';
import {
  assessmentMetricInput,
  countryNameInput,
  governanceInput,
  judgedFactorInput,
  methodInput,
  scenarioOverridesInput,
  scoreInput,
  stageInput,
  tradeFactorInput,
  unitShareInput,
  weightsInput,
} from '../score/inputs';
import { presetMatching } from '../score/presets';
import { plainMessages } from '../validation';
import type { ImportProblem } from './apply-recipe';

/**
 * Risk scoring's part of a workspace JSON import: assessments, their scenarios and snapshots. Ids
 * are kept and a clash is refused by name, as for claims, with one exception. Every workspace's
 * default assessment is born with the same id (migration 4's "asm-base"), so the file's default
 * assessment cannot be refused for it: it fills the workspace's default when that one is still as
 * the migration made it (nothing scored, set or snapshotted), and otherwise comes in beside it
 * under a new id, and a new name if its name is taken. Scenarios and snapshots follow it.
 */
const timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'must be a UTC timestamp like 2025-01-31T12:00:00.000Z');
const text = (max: number) => z.string().trim().min(1, 'cannot be empty').max(max, `must be at most ${max} characters`);
const note = z.string().max(4000).nullable().default(null);

const assessmentSchema = z.strictObject({
  id: entityId,
  name: text(200),
  isDefault: z.boolean().default(false),
  author: z.string().max(200).nullable().default(null),
  method: methodInput,
  weights: weightsInput,
  // Recomputed from the weights: a preset renamed or changed since the export must not be claimed.
  presetName: z.string().max(200).nullable().optional(),
  rules: rulesInput,
  metric: assessmentMetricInput,
  horizonYear: z.number().int().min(2000).max(2100),
  judged: z
    .array(
      z.strictObject({
        stage: stageInput,
        factor: judgedFactorInput,
        score: scoreInput,
        rationale: text(4000),
        claimIds: z.array(entityId).max(50).default([]),
      }),
    )
    .default([]),
  governance: z
    .array(
      z.strictObject({ country: countryNameInput, governance: governanceInput, tradeFactor: tradeFactorInput.default(1), note }),
    )
    .default([]),
  stageInputs: z
    .array(z.strictObject({ stage: stageInput, recyclingRate: unitShareInput, substitutionIndex: unitShareInput, note }))
    .default([]),
  createdAt: timestamp.optional(),
  updatedAt: timestamp.optional(),
});

const scenarioSchema = z.strictObject({
  id: entityId,
  assessmentId: entityId,
  name: text(200),
  description: z.string().max(4000).nullable().default(null),
  overrides: scenarioOverridesInput,
  createdAt: timestamp.optional(),
  updatedAt: timestamp.optional(),
});

const snapshotSchema = z.strictObject({
  id: entityId,
  assessmentId: entityId,
  takenAt: timestamp,
  author: z.string().max(200).nullable().default(null),
  note,
  method: methodInput,
  weights: weightsInput,
  inputs: z.unknown().refine((value) => value !== undefined, 'is required'),
  results: z.unknown().refine((value) => value !== undefined, 'is required'),
});

type PlannedAssessment = z.output<typeof assessmentSchema> & {
  /** The id it gets here: its own, the workspace default's (when it fills it), or a new one. */
  targetId: string;
  /** It fills the workspace's default assessment rather than coming in beside it. */
  fills: boolean;
};

export interface ScoringPlan {
  assessments: PlannedAssessment[];
  scenarios: z.output<typeof scenarioSchema>[];
  snapshots: z.output<typeof snapshotSchema>[];
}

export const emptyScoringPlan = (): ScoringPlan => ({ assessments: [], scenarios: [], snapshots: [] });

function problem(column: string, message: string): ImportProblem {
  return { row: 0, column, message };
}

function issues(error: z.ZodError, prefix: string, what: string): ImportProblem[] {
  return error.issues.map((issue) => {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
    const field = path.map(String).join('.');
    return problem([prefix, field].filter(Boolean).join('.'), `${what}${field ? `: ${field}` : ''}: ${message}`);
  });
}

/** The workspace's default assessment, and whether it is still as migration 4 made it. */
function workspaceDefault(db: Database): { id: string; untouched: boolean } | undefined {
  const row = db
    .prepare(
      `SELECT id, (created_at = updated_at
                   AND NOT EXISTS (SELECT 1 FROM judged_scores WHERE assessment_id = a.id)
                   AND NOT EXISTS (SELECT 1 FROM country_governance WHERE assessment_id = a.id)
                   AND NOT EXISTS (SELECT 1 FROM stage_supply_inputs WHERE assessment_id = a.id)
                   AND NOT EXISTS (SELECT 1 FROM scenarios WHERE assessment_id = a.id)
                   AND NOT EXISTS (SELECT 1 FROM snapshots WHERE assessment_id = a.id)) AS untouched
         FROM assessments a WHERE is_default = 1`,
    )
    .get() as { id: string; untouched: number } | undefined;
  return row && { id: row.id, untouched: row.untouched === 1 };
}

/** A name no assessment in the workspace or the plan has: "Starter assessment (imported)", "… (imported 2)". */
function freeName(name: string, taken: (name: string) => boolean): string {
  for (let n = 1; ; n++) {
    const candidate = `${name} (imported${n === 1 ? '' : ` ${n}`})`;
    if (!taken(candidate)) return candidate;
  }
}

/**
 * Checks the scoring part of a file against the workspace; `claimKnown` says whether a claim is in
 * the file or the workspace, so a judged score may cite claims the same import brings.
 */
export function planScoringImport(
  db: Database,
  file: { assessments: unknown[]; scenarios: unknown[]; snapshots: unknown[] },
  claimKnown: (id: string) => boolean,
  newId: () => string,
): { plan: ScoringPlan; errors: ImportProblem[] } {
  const plan = emptyScoringPlan();
  const errors: ImportProblem[] = [];
  const exists = (sql: string) => db.prepare(sql).pluck();
  const assessmentIdInWorkspace = exists('SELECT 1 FROM assessments WHERE id = ?');
  const assessmentNameInWorkspace = exists('SELECT 1 FROM assessments WHERE name = ? COLLATE NOCASE AND id IS NOT ?');
  const namesInPlan = new Set<string>();
  /** `except`: the workspace assessment the name may stay on (the default being filled). */
  const nameTaken = (name: string, except: string | null) =>
    namesInPlan.has(name.toLowerCase()) || Boolean(assessmentNameInWorkspace.get(name, except));
  const target = workspaceDefault(db);
  let defaultSeen = false;
  const fileIds = new Map<string, string>();

  file.assessments.forEach((raw, index) => {
    const at = `assessments.${index}`;
    const id = (raw as { id: string }).id;
    const valid = assessmentSchema.safeParse(raw, plainMessages);
    if (!valid.success) return errors.push(...issues(valid.error, at, `assessment "${id}"`));
    const assessment = valid.data;
    if (fileIds.has(id)) return errors.push(problem(`${at}.id`, `assessment "${id}" appears twice in the file`));
    if (assessment.isDefault && defaultSeen)
      return errors.push(problem(`${at}.isDefault`, `assessment "${id}" is a second default assessment in the file`));
    defaultSeen ||= assessment.isDefault;

    const what = `assessment "${id}"`;
    const judgedKeys = new Set<string>();
    assessment.judged.forEach((score, s) => {
      const key = `${score.stage}/${score.factor}`;
      if (judgedKeys.has(key)) errors.push(problem(`${at}.judged.${s}`, `${what} scores ${key} twice`));
      judgedKeys.add(key);
      score.claimIds.forEach((claimId, c) => {
        if (!claimKnown(claimId))
          errors.push(
            problem(
              `${at}.judged.${s}.claimIds.${c}`,
              `${what}: its ${key} score cites claim "${claimId}", which is neither in the file nor in the workspace`,
            ),
          );
      });
    });
    const countries = new Set<string>();
    assessment.governance.forEach((row, g) => {
      const key = row.country.toLowerCase();
      if (countries.has(key)) errors.push(problem(`${at}.governance.${g}.country`, `${what} lists "${row.country}" twice`));
      countries.add(key);
    });
    const stages = new Set<string>();
    assessment.stageInputs.forEach((row, g) => {
      if (stages.has(row.stage)) errors.push(problem(`${at}.stageInputs.${g}.stage`, `${what} sets ${row.stage} twice`));
      stages.add(row.stage);
    });

    let targetId = id;
    let fills = false;
    let name = assessment.name;
    if (assessment.isDefault) {
      fills = Boolean(target?.untouched);
      const except = fills ? target!.id : null;
      if (fills) targetId = target!.id;
      else if (assessmentIdInWorkspace.get(id)) targetId = newId();
      if (nameTaken(name, except)) name = freeName(name, (candidate) => nameTaken(candidate, except));
    } else if (assessmentIdInWorkspace.get(id)) {
      errors.push(problem(`${at}.id`, `${what} already exists in this workspace`));
    } else if (nameTaken(name, null)) {
      errors.push(problem(`${at}.name`, `an assessment named "${name}" already exists in this workspace`));
    }
    namesInPlan.add(name.toLowerCase());
    fileIds.set(id, targetId);
    plan.assessments.push({ ...assessment, name, targetId, fills });
  });

  // A scenario or snapshot follows its assessment to the id it gets here; one for an assessment
  // neither in the file nor in the workspace has nothing to belong to.
  const owner = (at: string, what: string, assessmentId: string): string | undefined => {
    const mapped = fileIds.get(assessmentId) ?? (assessmentIdInWorkspace.get(assessmentId) ? assessmentId : undefined);
    if (!mapped)
      errors.push(
        problem(
          `${at}.assessmentId`,
          `${what} belongs to assessment "${assessmentId}", which is neither in the file nor in the workspace`,
        ),
      );
    return mapped;
  };

  const scenarioIdInWorkspace = exists('SELECT 1 FROM scenarios WHERE id = ?');
  const scenarioNameInWorkspace = exists('SELECT 1 FROM scenarios WHERE assessment_id = ? AND name = ? COLLATE NOCASE');
  const scenarioIds = new Set<string>();
  const scenarioNames = new Set<string>();
  file.scenarios.forEach((raw, index) => {
    const at = `scenarios.${index}`;
    const id = (raw as { id: string }).id;
    const valid = scenarioSchema.safeParse(raw, plainMessages);
    if (!valid.success) return errors.push(...issues(valid.error, at, `scenario "${id}"`));
    const what = `scenario "${id}"`;
    if (scenarioIds.has(id)) errors.push(problem(`${at}.id`, `${what} appears twice in the file`));
    else if (scenarioIdInWorkspace.get(id)) errors.push(problem(`${at}.id`, `${what} already exists in this workspace`));
    scenarioIds.add(id);
    const assessmentId = owner(at, what, valid.data.assessmentId);
    if (!assessmentId) return;
    const nameKey = `${assessmentId}\n${valid.data.name.toLowerCase()}`;
    if (scenarioNames.has(nameKey) || scenarioNameInWorkspace.get(assessmentId, valid.data.name))
      errors.push(problem(`${at}.name`, `a scenario named "${valid.data.name}" already exists in its assessment`));
    scenarioNames.add(nameKey);
    plan.scenarios.push({ ...valid.data, assessmentId });
  });

  const snapshotIdInWorkspace = exists('SELECT 1 FROM snapshots WHERE id = ?');
  const snapshotIds = new Set<string>();
  file.snapshots.forEach((raw, index) => {
    const at = `snapshots.${index}`;
    const id = (raw as { id: string }).id;
    const valid = snapshotSchema.safeParse(raw, plainMessages);
    if (!valid.success) return errors.push(...issues(valid.error, at, `snapshot "${id}"`));
    const what = `snapshot "${id}"`;
    if (snapshotIds.has(id)) errors.push(problem(`${at}.id`, `${what} appears twice in the file`));
    else if (snapshotIdInWorkspace.get(id)) errors.push(problem(`${at}.id`, `${what} already exists in this workspace`));
    snapshotIds.add(id);
    const assessmentId = owner(at, what, valid.data.assessmentId);
    if (assessmentId) plan.snapshots.push({ ...valid.data, assessmentId });
  });
  return { plan, errors };
}

/** Writes a plan without errors, after the claims its judged scores cite; the caller holds the transaction. */
export function writeScoringPlan(db: Database, plan: ScoringPlan): void {
  const fill = db.prepare(
    `UPDATE assessments SET name = @name, author = @author, method = @method, weights = @weights, preset_name = @presetName,
            rules = @rules, metric = @metric, horizon_year = @horizonYear,
            created_at = coalesce(@createdAt, created_at), updated_at = coalesce(@updatedAt, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      WHERE id = @targetId`,
  );
  const insert = db.prepare(
    `INSERT INTO assessments (id, name, author, method, weights, preset_name, rules, metric, horizon_year, created_at, updated_at)
     VALUES (@targetId, @name, @author, @method, @weights, @presetName, @rules, @metric, @horizonYear,
             coalesce(@createdAt, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), coalesce(@updatedAt, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))`,
  );
  for (const assessment of plan.assessments) {
    const row = {
      targetId: assessment.targetId,
      name: assessment.name,
      author: assessment.author,
      method: assessment.method,
      weights: JSON.stringify(assessment.weights),
      presetName: presetMatching(assessment.weights),
      rules: JSON.stringify({ ...defaultRules, ...assessment.rules }),
      metric: assessment.metric,
      horizonYear: assessment.horizonYear,
      createdAt: assessment.createdAt ?? null,
      updatedAt: assessment.updatedAt ?? null,
    };
    (assessment.fills ? fill : insert).run(row);
    writeAssessmentContent(db, assessment.targetId, {
      judged: assessment.judged,
      governance: assessment.governance,
      stageInputs: assessment.stageInputs,
    });
  }
  const scenario = db.prepare(
    `INSERT INTO scenarios (id, assessment_id, name, description, overrides, created_at, updated_at)
     VALUES (@id, @assessmentId, @name, @description, @overrides,
             coalesce(@createdAt, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), coalesce(@updatedAt, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))`,
  );
  for (const s of plan.scenarios)
    scenario.run({
      ...s,
      overrides: JSON.stringify(s.overrides),
      createdAt: s.createdAt ?? null,
      updatedAt: s.updatedAt ?? null,
    });
  const snapshot = db.prepare(
    `INSERT INTO snapshots (id, assessment_id, taken_at, author, note, method, weights, inputs, results)
     VALUES (@id, @assessmentId, @takenAt, @author, @note, @method, @weights, @inputs, @results)`,
  );
  for (const s of plan.snapshots)
    snapshot.run({
      ...s,
      weights: JSON.stringify(s.weights),
      inputs: JSON.stringify(s.inputs),
      results: JSON.stringify(s.results),
    });
}

/** What the import's audit record says about scoring: which assessments came in, and where they went. */
export function scoringSummary(plan: ScoringPlan) {
  return {
    assessments: plan.assessments.map((a) => ({
      id: a.id,
      as: a.targetId,
      name: a.name,
      filledDefault: a.fills,
      judged: a.judged.length,
    })),
    scenarios: plan.scenarios.map((s) => s.id),
    snapshots: plan.snapshots.map((s) => s.id),
  };
}
