import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { UserError } from '../../errors';
import { chainStages } from '../../model/inputs';
import { loadAssessment } from '../assessment-store';
import { weightsInput } from '../inputs';
import { loadScenario } from '../scenario-store';
import { presetMatching } from '../presets';
import type { ScoreMethod, ScoreReport, ScoreStage, StageScore } from '../types';
import { contextFor, reportFor, stageScore } from './score-report';
import { sensitivity, type Sensitivity } from './sensitivity';
import { diffSnapshots, takeSnapshot } from './snapshots';

/**
 * The scoring operations as db/api.ts exposes them: their zod inputs (strict, each message naming
 * the field and, for a stage or method, the value that was wrong) and their handlers. Scoring only
 * reads; takeSnapshot writes one snapshot row and its audit record.
 */
const id = (what: string) =>
  z.string(`must be ${what}`).trim().min(1, `must be ${what}`).max(200, 'must be at most 200 characters');
/** The wrong value as the message quotes it: short, and never "undefined" or "[object Object]". */
const quoted = (input: unknown) =>
  typeof input === 'string'
    ? JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)
    : `a ${input === null ? 'null' : typeof input}`;
const stage = z.enum(chainStages, {
  error: (issue) =>
    issue.input === undefined
      ? `name a stage: one of ${chainStages.join(', ')}`
      : `${quoted(issue.input)} is not a stage; use one of ${chainStages.join(', ')}`,
});
const method = z.enum(['weighted', 'eu-sr'], {
  error: (issue) => `${quoted(issue.input)} is not a method; use weighted or eu-sr`,
});

export const getScoresInput = z
  .strictObject({
    assessmentId: id('an assessment id').optional(),
    scenarioId: id('a scenario id or name').optional(),
    method: method.optional(),
    /** Weights to score with instead of the assessment's (and a scenario's), without saving them. */
    weights: weightsInput.optional(),
  })
  .optional()
  .default({});

export const getSensitivityInput = z.strictObject({
  assessmentId: id('an assessment id').optional(),
  scenarioId: id('a scenario id or name').optional(),
  stage,
});

export const compareScenariosInput = z.strictObject({
  assessmentId: id('an assessment id').optional(),
  scenarioIds: z
    .array(id("a scenario id or name, or 'base'"), "must be a list of scenario ids or names ('base' for no scenario)")
    .min(1, "name at least one scenario ('base' for the assessment without one)")
    .max(8, 'compare at most 8 at once'),
  method: method.optional(),
});

export const takeSnapshotInput = z.strictObject({
  assessmentId: id('an assessment id').optional(),
  scenarioId: id('a scenario id or name').optional(),
  author: z.string('must be text').trim().max(200, 'must be at most 200 characters').optional(),
  note: z.string('must be text').trim().max(4000, 'must be at most 4000 characters').optional(),
});

export const diffSnapshotsInput = z.strictObject({ from: id('a snapshot id'), to: id('a snapshot id') });

/** A scenario named by a user: unknown names are refused with the field they came in. */
function scenarioFor(db: Database, operation: string, idOrName: string | undefined, assessmentId: string, field = 'scenarioId') {
  if (idOrName === undefined) return null;
  try {
    return loadScenario(db, idOrName, assessmentId);
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`${operation}: ${field}: ${error.message}`, field);
    throw error;
  }
}

export function getScores(db: Database, input: z.output<typeof getScoresInput>): ScoreReport {
  const assessment = loadAssessment(db, input.assessmentId);
  const scenario = scenarioFor(db, 'getScores', input.scenarioId, assessment.id);
  const context = contextFor(db, assessment, scenario);
  const weighted = input.weights
    ? { ...context, assessment: { ...context.assessment, weights: input.weights, presetName: presetMatching(input.weights) } }
    : context;
  return reportFor(weighted, input.method ?? assessment.method, assessment.id);
}

export function getSensitivity(db: Database, input: z.output<typeof getSensitivityInput>): Sensitivity {
  const assessment = loadAssessment(db, input.assessmentId);
  const scenario = scenarioFor(db, 'getSensitivity', input.scenarioId, assessment.id);
  const context = contextFor(db, assessment, scenario);
  return sensitivity(stageScore(context, input.stage, 'weighted') as StageScore, context.assessment.weights);
}

export interface ScenarioComparison {
  assessmentId: string;
  method: ScoreMethod;
  columns: { id: string; name: string }[];
  stages: {
    stage: ScoreStage;
    results: { id: string; score: number | null; low: number | null; high: number | null; critical: boolean | null }[];
  }[];
}

export function compareScenarios(db: Database, input: z.output<typeof compareScenariosInput>): ScenarioComparison {
  const assessment = loadAssessment(db, input.assessmentId);
  const method = input.method ?? assessment.method;
  const runs = input.scenarioIds.map((name, index) => {
    const scenario = name === 'base' ? null : scenarioFor(db, 'compareScenarios', name, assessment.id, `scenarioIds.${index}`);
    return {
      id: scenario?.id ?? 'base',
      name: scenario?.name ?? assessment.name,
      report: reportFor(contextFor(db, assessment, scenario), method, assessment.id),
    };
  });
  return {
    assessmentId: assessment.id,
    method,
    columns: runs.map((run) => ({ id: run.id, name: run.name })),
    stages: chainStages.map((stage) => ({
      stage,
      results: runs.map((run) => {
        const result = run.report.stages.find((s) => s.stage === stage)!;
        return {
          id: run.id,
          score: result.score,
          low: result.low,
          high: result.high,
          critical: result.method === 'eu-sr' ? result.critical : null,
        };
      }),
    })),
  };
}

export const snapshotOperations = {
  take: (db: Database, input: z.output<typeof takeSnapshotInput>) => takeSnapshot(db, input),
  diff: (db: Database, input: z.output<typeof diffSnapshotsInput>) => diffSnapshots(db, input.from, input.to),
};
