import type { OperationOutput } from '../../db/api';
import type { StageScore, SupplyRiskResult } from '../../db/score/types';

/** What the scoring operations answer, named once for the Scores view. */
export type ScoreReport = OperationOutput<'getScores'>;
export type AssessmentData = OperationOutput<'getAssessment'>;
export type SensitivityData = OperationOutput<'getSensitivity'>;
export type ComparisonData = OperationOutput<'compareScenarios'>;
export type ScenarioRow = OperationOutput<'listScenarios'>[number];
export type SnapshotRow = OperationOutput<'listSnapshots'>[number];
export type SnapshotDiff = OperationOutput<'diffSnapshots'>;

export const weightedStages = (report: ScoreReport | undefined): StageScore[] =>
  (report?.stages ?? []).filter((stage): stage is StageScore => stage.method === 'weighted');

export const supplyRiskStages = (report: ScoreReport | undefined): SupplyRiskResult[] =>
  (report?.stages ?? []).filter((stage): stage is SupplyRiskResult => stage.method === 'eu-sr');
