import type { Database } from 'better-sqlite3';
import type { CountryGovernance, JudgedScore, StageSupplyInputs } from './types';

/**
 * Writes an assessment's judged scores, country table and stage inputs in bulk, replacing what it
 * had: the path of the starter assessment and of a workspace import, which validate the content
 * first and write one audit record for the whole of it (the store's one-record-per-change writes
 * would log dozens of entries for what the analyst sees as one step).
 */
export interface AssessmentContent {
  judged: readonly JudgedScore[];
  governance: readonly CountryGovernance[];
  stageInputs: readonly StageSupplyInputs[];
}

export function writeAssessmentContent(db: Database, assessmentId: string, content: AssessmentContent): void {
  for (const table of ['judged_scores', 'country_governance', 'stage_supply_inputs'])
    db.prepare(`DELETE FROM ${table} WHERE assessment_id = ?`).run(assessmentId);
  const score = db.prepare(
    'INSERT INTO judged_scores (assessment_id, stage, factor, score, rationale) VALUES (@assessmentId, @stage, @factor, @score, @rationale)',
  );
  const link = db.prepare(
    'INSERT INTO judged_score_claims (assessment_id, stage, factor, claim_id, position) VALUES (@assessmentId, @stage, @factor, @claimId, @position)',
  );
  for (const { stage, factor, score: value, rationale, claimIds } of content.judged) {
    score.run({ assessmentId, stage, factor, score: value, rationale });
    for (const [position, claimId] of [...new Set(claimIds)].entries())
      link.run({ assessmentId, stage, factor, claimId, position });
  }
  const governance = db.prepare(
    `INSERT INTO country_governance (assessment_id, country, governance, trade_factor, note)
     VALUES (@assessmentId, @country, @governance, @tradeFactor, @note)`,
  );
  for (const row of content.governance) governance.run({ ...row, assessmentId, note: row.note ?? null });
  const stageInputs = db.prepare(
    `INSERT INTO stage_supply_inputs (assessment_id, stage, recycling_rate, substitution_index, note)
     VALUES (@assessmentId, @stage, @recyclingRate, @substitutionIndex, @note)`,
  );
  for (const row of content.stageInputs) stageInputs.run({ ...row, assessmentId, note: row.note ?? null });
}
