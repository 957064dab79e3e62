import type { Database } from 'better-sqlite3';
import type { HypotheticalFigure } from '../../model/types';
import type { Assessment, Scenario, ScoreStage } from '../types';
import { stageFigures, type StageFigures } from './stage-figures';

/**
 * One scoring run: the assessment as a scenario leaves it (never written back), the scenario's
 * hypothetical facilities, and the capacity model's figures per stage, computed once and shared by
 * both methods and the sensitivity.
 */
export interface ScoringContext {
  db: Database;
  /** The base assessment with the scenario's overrides applied. */
  assessment: Assessment;
  scenario: Pick<Scenario, 'id' | 'name'> | null;
  hypothetical: readonly HypotheticalFigure[];
  /** Judged scores a scenario replaced, by "stage/factor": the base score, or null when the base had none. */
  overriddenJudged: ReadonlyMap<string, number | null>;
  figures(stage: ScoreStage): StageFigures;
}

export const judgedKey = (stage: string, factor: string) => `${stage}/${factor}`;

export function scoringContext(
  db: Database,
  assessment: Assessment,
  options: {
    scenario?: Pick<Scenario, 'id' | 'name'> | null;
    hypothetical?: readonly HypotheticalFigure[];
    overriddenJudged?: ReadonlyMap<string, number | null>;
  } = {},
): ScoringContext {
  const hypothetical = options.hypothetical ?? [];
  const cache = new Map<ScoreStage, StageFigures>();
  return {
    db,
    assessment,
    scenario: options.scenario ?? null,
    hypothetical,
    overriddenJudged: options.overriddenJudged ?? new Map(),
    figures(stage) {
      let figures = cache.get(stage);
      if (!figures) {
        figures = stageFigures({ db, rules: assessment.rules, metric: assessment.metric, hypothetical }, stage);
        cache.set(stage, figures);
      }
      return figures;
    },
  };
}
