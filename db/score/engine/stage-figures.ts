import type { Database } from 'better-sqlite3';
import { yearsWithData } from '../../model/candidates';
import { computeGap } from '../../model/gap';
import { computePipeline, type PipelineStage } from '../../model/pipeline';
import { hasOwnFigures } from '../../model/series';
import type { GapResult, HypotheticalFigure, InclusionRules } from '../../model/types';
import type { Assessment, ScoreStage } from '../types';

/**
 * What the capacity model says about one stage for scoring: the gap in the latest year with counted
 * figures for both China and ex-China (the year a share can be computed at all), and the ex-China
 * pipeline by the assessment's horizon year. Both scoring methods and the sensitivity read the same
 * figures, so they are computed once per stage and scenario.
 *
 * The metric is the assessment's; when it has no year with both sides for this stage, the other
 * mass metric (capacity ↔ production) is used and `metricFallback` says so: a stage whose
 * capacity is not published but whose production is still has a measurable concentration.
 */
export type ScoreMetric = Assessment['metric'];

export interface StageFigures {
  stage: ScoreStage;
  /** The gap in the latest year with both sides, or null when no year has them under either metric. */
  gap: GapResult | null;
  metric: ScoreMetric;
  metricFallback: boolean;
  /** The ex-China pipeline counting operating and under-construction facilities (capacity only). */
  pipeline: PipelineStage | null;
}

export const metricWords: Record<ScoreMetric, string> = { capacity_t_per_yr: 'capacity', production_t: 'production' };

export interface FiguresContext {
  db: Database;
  rules: InclusionRules;
  metric: ScoreMetric;
  hypothetical: readonly HypotheticalFigure[];
}

function latestGap(context: FiguresContext, stage: ScoreStage, metric: ScoreMetric): GapResult | null {
  for (const year of [...yearsWithData(context.db, stage, metric)].reverse()) {
    const gap = computeGap(context.db, { stage, metric, year, rules: context.rules, hypothetical: context.hypothetical });
    if (gap.chinaShare !== null && hasOwnFigures(gap)) return gap;
  }
  return null;
}

export function stageFigures(context: FiguresContext, stage: ScoreStage): StageFigures {
  const other: ScoreMetric = context.metric === 'capacity_t_per_yr' ? 'production_t' : 'capacity_t_per_yr';
  const own = latestGap(context, stage, context.metric);
  const fallback = own ? null : latestGap(context, stage, other);
  const pipeline = computePipeline(context.db, {
    stage,
    metric: 'capacity_t_per_yr',
    rules: { ...context.rules, statuses: ['operating', 'under_construction'] },
    hypothetical: context.hypothetical,
  }).stages[0];
  return {
    stage,
    gap: own ?? fallback,
    metric: own || !fallback ? context.metric : other,
    metricFallback: !own && fallback !== null,
    pipeline: pipeline ?? null,
  };
}
