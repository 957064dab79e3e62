import type { Database } from 'better-sqlite3';
import { appendAudit } from '../audit/log';
import { UserError } from '../errors';
import { defaultRules, type InclusionRules } from '../model/types';
import { parseInput } from '../validation';
import { newScoreId } from './ids';
import {
  countryGovernanceInput,
  countryKeyInput,
  judgedScoreInput,
  judgedScoreKeyInput,
  saveAssessmentInput,
  stageSupplyInput,
  type CountryGovernanceInput,
  type JudgedScoreInput,
  type SaveAssessmentInput,
  type StageSupplyInput,
} from './inputs';
import { DEFAULT_PRESET, presetMatching, presetWeights } from './presets';
import type { Assessment, CountryGovernance, JudgedFactor, JudgedScore, ScoreStage, StageSupplyInputs, Weights } from './types';

/**
 * Reading and writing an assessment: its method, weights and rules, the analyst's judged scores
 * with the claims behind them, the country governance table and the per-stage supply inputs.
 * Every write checks its input first (so a direct caller gets the same message as the app), runs
 * in one transaction with its audit record, and dates the assessment as changed. Changes to an
 * assessment's parts are audited as updates of the assessment, so its history tells the whole story.
 */
export interface AssessmentSummary {
  id: string;
  name: string;
  author: string | null;
  method: Assessment['method'];
  presetName: string | null;
  isDefault: boolean;
  judgedScores: number;
  scenarios: number;
  snapshots: number;
  createdAt: string;
  updatedAt: string;
}

interface AssessmentRow {
  id: string;
  name: string;
  author: string | null;
  method: Assessment['method'];
  weights: string;
  preset_name: string | null;
  rules: string;
  metric: Assessment['metric'];
  horizon_year: number;
  updated_at: string;
}

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/** The assessment a caller means: the one named, else the workspace's default. Refuses an unknown id by name. */
export function resolveAssessmentId(db: Database, id?: string): string {
  if (id === undefined) {
    const fallback = db.prepare('SELECT id FROM assessments WHERE is_default = 1').pluck().get() as string | undefined;
    if (!fallback) throw new UserError('This workspace has no default assessment.', 'assessmentId');
    return fallback;
  }
  if (!db.prepare('SELECT 1 FROM assessments WHERE id = ?').get(id))
    throw new UserError(`No assessment with id "${id}".`, 'assessmentId');
  return id;
}

function judgedScoresOf(db: Database, assessmentId: string): JudgedScore[] {
  const rows = db
    .prepare(
      `SELECT stage, factor, score, rationale FROM judged_scores WHERE assessment_id = ?
        ORDER BY CASE stage WHEN 'mining' THEN 1 WHEN 'separation' THEN 2 WHEN 'refining' THEN 3 WHEN 'metals' THEN 4 ELSE 5 END,
                 CASE factor WHEN 'export_controls' THEN 1 WHEN 'know_how' THEN 2 WHEN 'state_coordination' THEN 3 ELSE 4 END`,
    )
    .all(assessmentId) as Omit<JudgedScore, 'claimIds'>[];
  const links = db.prepare(
    'SELECT claim_id FROM judged_score_claims WHERE assessment_id = ? AND stage = ? AND factor = ? ORDER BY position',
  );
  return rows.map((row) => ({ ...row, claimIds: links.pluck().all(assessmentId, row.stage, row.factor) as string[] }));
}

function judgedScoreOf(db: Database, assessmentId: string, stage: ScoreStage, factor: JudgedFactor): JudgedScore | null {
  return judgedScoresOf(db, assessmentId).find((row) => row.stage === stage && row.factor === factor) ?? null;
}

function governanceOf(db: Database, assessmentId: string): CountryGovernance[] {
  return db
    .prepare(
      `SELECT country, governance, trade_factor AS tradeFactor, note FROM country_governance
        WHERE assessment_id = ? ORDER BY country`,
    )
    .all(assessmentId) as CountryGovernance[];
}

function stageInputsOf(db: Database, assessmentId: string): StageSupplyInputs[] {
  return db
    .prepare(
      `SELECT stage, recycling_rate AS recyclingRate, substitution_index AS substitutionIndex, note FROM stage_supply_inputs
        WHERE assessment_id = ?
        ORDER BY CASE stage WHEN 'mining' THEN 1 WHEN 'separation' THEN 2 WHEN 'refining' THEN 3 WHEN 'metals' THEN 4 ELSE 5 END`,
    )
    .all(assessmentId) as StageSupplyInputs[];
}

/** An assessment with everything the engine scores from; the default assessment when no id is given. */
export function loadAssessment(db: Database, id?: string): Assessment {
  const assessmentId = resolveAssessmentId(db, id);
  const row = db
    .prepare(
      'SELECT id, name, author, method, weights, preset_name, rules, metric, horizon_year, updated_at FROM assessments WHERE id = ?',
    )
    .get(assessmentId) as AssessmentRow;
  return {
    id: row.id,
    name: row.name,
    author: row.author,
    method: row.method,
    weights: JSON.parse(row.weights) as Weights,
    presetName: row.preset_name,
    // Stored whole, but read over the defaults so a rule added later has its default, not undefined.
    rules: { ...defaultRules, ...(JSON.parse(row.rules) as Partial<InclusionRules>) },
    metric: row.metric,
    horizonYear: row.horizon_year,
    judged: judgedScoresOf(db, assessmentId),
    governance: governanceOf(db, assessmentId),
    stageInputs: stageInputsOf(db, assessmentId),
    updatedAt: row.updated_at,
  };
}

export function listAssessments(db: Database): AssessmentSummary[] {
  const rows = db
    .prepare(
      `SELECT id, name, author, method, preset_name AS presetName, is_default AS isDefault, created_at AS createdAt,
              updated_at AS updatedAt,
              (SELECT count(*) FROM judged_scores j WHERE j.assessment_id = a.id) AS judgedScores,
              (SELECT count(*) FROM scenarios s WHERE s.assessment_id = a.id) AS scenarios,
              (SELECT count(*) FROM snapshots p WHERE p.assessment_id = a.id) AS snapshots
         FROM assessments a ORDER BY is_default DESC, name`,
    )
    .all() as (Omit<AssessmentSummary, 'isDefault'> & { isDefault: number })[];
  return rows.map((row) => ({ ...row, isDefault: row.isDefault === 1 }));
}

/** The stored settings of an assessment, for audit records (its parts are audited as they change). */
function settingsOf(assessment: Assessment) {
  const { judged: _judged, governance: _governance, stageInputs: _stageInputs, updatedAt: _updatedAt, ...settings } = assessment;
  return settings;
}

function touch(db: Database, assessmentId: string): void {
  db.prepare(`UPDATE assessments SET updated_at = ${NOW} WHERE id = ?`).run(assessmentId);
}

/**
 * Creates an assessment (no id) or changes one. The weights are the ones given, else the named
 * preset's; a weighting that equals a preset carries its name, an edited one carries none.
 */
export function saveAssessment(db: Database, input: SaveAssessmentInput): Assessment {
  const valid = parseInput(saveAssessmentInput, input, 'saveAssessment');
  return db.transaction(() => {
    const before = valid.id === undefined ? undefined : loadAssessment(db, valid.id);
    const name = valid.name ?? before?.name;
    if (!name) throw new UserError('saveAssessment: name: name the assessment', 'name');
    const clash = db
      .prepare('SELECT id FROM assessments WHERE name = ? AND id IS NOT ?')
      .pluck()
      .get(name, valid.id ?? null);
    if (clash) throw new UserError(`saveAssessment: name: an assessment named "${name}" already exists`, 'name');

    let weights: Weights;
    if (valid.presetName && valid.weights) {
      if (presetMatching(valid.weights) !== valid.presetName)
        throw new UserError(
          `saveAssessment: presetName: the weights given are not the "${valid.presetName}" preset's; send one or the other`,
          'presetName',
        );
      weights = valid.weights;
    } else if (valid.presetName) weights = presetWeights(valid.presetName);
    else weights = valid.weights ?? before?.weights ?? presetWeights(DEFAULT_PRESET);

    const row = {
      id: valid.id ?? newScoreId('asm'),
      name,
      author: valid.author === undefined ? (before?.author ?? null) : valid.author,
      method: valid.method ?? before?.method ?? 'weighted',
      weights: JSON.stringify(weights),
      presetName: presetMatching(weights),
      rules: JSON.stringify({ ...(before?.rules ?? defaultRules), ...valid.rules }),
      metric: valid.metric ?? before?.metric ?? 'capacity_t_per_yr',
      horizonYear: valid.horizonYear ?? before?.horizonYear ?? 2030,
    };
    if (before)
      db.prepare(
        `UPDATE assessments SET name = @name, author = @author, method = @method, weights = @weights, preset_name = @presetName,
                rules = @rules, metric = @metric, horizon_year = @horizonYear, updated_at = ${NOW} WHERE id = @id`,
      ).run(row);
    else
      db.prepare(
        `INSERT INTO assessments (id, name, author, method, weights, preset_name, rules, metric, horizon_year)
         VALUES (@id, @name, @author, @method, @weights, @presetName, @rules, @metric, @horizonYear)`,
      ).run(row);
    const after = loadAssessment(db, row.id);
    appendAudit(db, {
      action: before ? 'update' : 'create',
      entityType: 'assessment',
      entityId: row.id,
      ...(before ? { before: settingsOf(before) } : {}),
      after: settingsOf(after),
    });
    return after;
  })();
}

/** Sets (or replaces) one judged score with its rationale and the claims it rests on. */
export function setJudgedScore(db: Database, input: JudgedScoreInput): JudgedScore {
  const valid = parseInput(judgedScoreInput, input, 'setJudgedScore');
  return db.transaction(() => {
    const assessmentId = resolveAssessmentId(db, valid.assessmentId);
    const claimExists = db.prepare('SELECT 1 FROM claims WHERE id = ?');
    for (const [index, claimId] of valid.claimIds.entries())
      if (!claimExists.get(claimId))
        throw new UserError(`setJudgedScore: claimIds.${index}: no claim with id "${claimId}"`, `claimIds.${index}`);

    const key = { assessmentId, stage: valid.stage, factor: valid.factor };
    const before = judgedScoreOf(db, assessmentId, valid.stage, valid.factor);
    db.prepare(
      `INSERT INTO judged_scores (assessment_id, stage, factor, score, rationale) VALUES (@assessmentId, @stage, @factor, @score, @rationale)
       ON CONFLICT (assessment_id, stage, factor) DO UPDATE SET score = excluded.score, rationale = excluded.rationale, updated_at = ${NOW}`,
    ).run({ ...key, score: valid.score, rationale: valid.rationale });
    db.prepare('DELETE FROM judged_score_claims WHERE assessment_id = @assessmentId AND stage = @stage AND factor = @factor').run(
      key,
    );
    const link = db.prepare(
      'INSERT INTO judged_score_claims (assessment_id, stage, factor, claim_id, position) VALUES (@assessmentId, @stage, @factor, @claimId, @position)',
    );
    for (const [position, claimId] of valid.claimIds.entries()) link.run({ ...key, claimId, position });
    touch(db, assessmentId);
    const after = judgedScoreOf(db, assessmentId, valid.stage, valid.factor)!;
    appendAudit(db, {
      action: 'update',
      entityType: 'assessment',
      entityId: assessmentId,
      before: { judged: before },
      after: { judged: after },
    });
    return after;
  })();
}

/** Removes a judged score: the factor then has no figure, and the engine names it as missing. */
export function clearJudgedScore(db: Database, input: { assessmentId?: string; stage: string; factor: string }): void {
  const valid = parseInput(judgedScoreKeyInput, input, 'clearJudgedScore');
  db.transaction(() => {
    const assessmentId = resolveAssessmentId(db, valid.assessmentId);
    const before = judgedScoreOf(db, assessmentId, valid.stage, valid.factor);
    if (!before) throw new UserError(`clearJudgedScore: ${valid.stage} has no judged score for ${valid.factor}`, 'factor');
    db.prepare('DELETE FROM judged_scores WHERE assessment_id = ? AND stage = ? AND factor = ?').run(
      assessmentId,
      valid.stage,
      valid.factor,
    );
    touch(db, assessmentId);
    appendAudit(db, {
      action: 'update',
      entityType: 'assessment',
      entityId: assessmentId,
      before: { judged: before },
      after: { judged: { stage: valid.stage, factor: valid.factor, cleared: true } },
    });
  })();
}

function governanceRow(db: Database, assessmentId: string, country: string): CountryGovernance | null {
  return (
    (db
      .prepare(
        'SELECT country, governance, trade_factor AS tradeFactor, note FROM country_governance WHERE assessment_id = ? AND country = ?',
      )
      .get(assessmentId, country) as CountryGovernance | undefined) ?? null
  );
}

/** Sets a country's governance score and trade factor; the country is matched ignoring case. */
export function setCountryGovernance(db: Database, input: CountryGovernanceInput): CountryGovernance {
  const valid = parseInput(countryGovernanceInput, input, 'setCountryGovernance');
  return db.transaction(() => {
    const assessmentId = resolveAssessmentId(db, valid.assessmentId);
    const before = governanceRow(db, assessmentId, valid.country);
    // A differently-cased spelling replaces the row, so the table shows the name as last typed.
    db.prepare('DELETE FROM country_governance WHERE assessment_id = ? AND country = ?').run(assessmentId, valid.country);
    db.prepare(
      `INSERT INTO country_governance (assessment_id, country, governance, trade_factor, note)
       VALUES (@assessmentId, @country, @governance, @tradeFactor, @note)`,
    ).run({ ...valid, assessmentId });
    touch(db, assessmentId);
    const after = governanceRow(db, assessmentId, valid.country)!;
    appendAudit(db, {
      action: 'update',
      entityType: 'assessment',
      entityId: assessmentId,
      before: { governance: before },
      after: { governance: after },
    });
    return after;
  })();
}

export function removeCountryGovernance(db: Database, input: { assessmentId?: string; country: string }): void {
  const valid = parseInput(countryKeyInput, input, 'removeCountryGovernance');
  db.transaction(() => {
    const assessmentId = resolveAssessmentId(db, valid.assessmentId);
    const before = governanceRow(db, assessmentId, valid.country);
    if (!before)
      throw new UserError(`removeCountryGovernance: country: "${valid.country}" is not in the country table`, 'country');
    db.prepare('DELETE FROM country_governance WHERE assessment_id = ? AND country = ?').run(assessmentId, valid.country);
    touch(db, assessmentId);
    appendAudit(db, {
      action: 'update',
      entityType: 'assessment',
      entityId: assessmentId,
      before: { governance: before },
      after: { governance: { country: before.country, removed: true } },
    });
  })();
}

/** Sets a stage's end-of-life recycling rate and substitution index for the EU method. */
export function setStageSupplyInputs(db: Database, input: StageSupplyInput): StageSupplyInputs {
  const valid = parseInput(stageSupplyInput, input, 'setStageSupplyInputs');
  return db.transaction(() => {
    const assessmentId = resolveAssessmentId(db, valid.assessmentId);
    const before = stageInputsOf(db, assessmentId).find((row) => row.stage === valid.stage) ?? null;
    db.prepare(
      `INSERT INTO stage_supply_inputs (assessment_id, stage, recycling_rate, substitution_index, note)
       VALUES (@assessmentId, @stage, @recyclingRate, @substitutionIndex, @note)
       ON CONFLICT (assessment_id, stage) DO UPDATE SET recycling_rate = excluded.recycling_rate,
         substitution_index = excluded.substitution_index, note = excluded.note`,
    ).run({ ...valid, assessmentId });
    touch(db, assessmentId);
    const after = stageInputsOf(db, assessmentId).find((row) => row.stage === valid.stage)!;
    appendAudit(db, {
      action: 'update',
      entityType: 'assessment',
      entityId: assessmentId,
      before: { stageInputs: before },
      after: { stageInputs: after },
    });
    return after;
  })();
}
