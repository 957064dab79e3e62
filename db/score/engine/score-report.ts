import type { Database } from 'better-sqlite3';
import { chainStages } from '../../model/inputs';
import type { Assessment, Scenario, ScoreMethod, ScoreReport, ScoreStage } from '../types';
import { applyScenario } from './apply-scenario';
import { scoringContext, type ScoringContext } from './context';
import { supplyRisk } from './eu-supply-risk';
import { weightedStageScore } from './weighted';

/**
 * Scores every stage of the chain under one method: the assessment, with a scenario's overrides
 * applied in memory when one is given. Reads the workspace; writes nothing.
 */
export function contextFor(db: Database, assessment: Assessment, scenario: Scenario | null = null): ScoringContext {
  const applied = applyScenario(assessment, scenario);
  return scoringContext(db, applied.assessment, {
    scenario: scenario ? { id: scenario.id, name: scenario.name } : null,
    hypothetical: applied.hypothetical,
    overriddenJudged: applied.overriddenJudged,
  });
}

export function stageScore(context: ScoringContext, stage: ScoreStage, method: ScoreMethod) {
  return method === 'eu-sr' ? supplyRisk(context, stage) : weightedStageScore(context, stage);
}

export function reportFor(context: ScoringContext, method: ScoreMethod, baseAssessmentId: string): ScoreReport {
  return {
    assessmentId: baseAssessmentId,
    scenario: context.scenario,
    method,
    stages: chainStages.map((stage) => stageScore(context, stage, method)),
  };
}

export function scoreAssessment(
  db: Database,
  assessment: Assessment,
  options: { scenario?: Scenario | null; method?: ScoreMethod } = {},
): ScoreReport {
  const context = contextFor(db, assessment, options.scenario ?? null);
  return reportFor(context, options.method ?? assessment.method, assessment.id);
}
