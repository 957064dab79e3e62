import type { Database } from 'better-sqlite3';
import type { Metric, Stage } from '../evidence/vocabulary';
import { yearsWithData } from './candidates';
import { computeGap } from './gap';
import { chainStages } from './inputs';
import type { GapResult, InclusionRules } from './types';

/**
 * A year made only of figures carried forward from earlier years repeats those years: it is no
 * evidence about that year, so neither the trend nor the latest-year overview draws it.
 */
export function hasOwnFigures(result: GapResult): boolean {
  const carried = new Set(result.countries.flatMap((c) => c.carriedForward.map((f) => f.claimId)));
  return result.claimIds.some((id) => !carried.has(id));
}

/** One stage's gap for every year with counted figures for China and ex-China, oldest first: the gap-over-time chart. */
export function computeGapSeries(db: Database, stage: Stage, metric: Metric, rules?: Partial<InclusionRules>): GapResult[] {
  return (
    yearsWithData(db, stage, metric)
      .map((year) => computeGap(db, { stage, metric, year, ...(rules ? { rules } : {}) }))
      // Only years with figures on both sides: a missing side would read as a swing in the gap.
      .filter((result) => result.chinaShare !== null && hasOwnFigures(result))
  );
}

/**
 * Every stage side by side for one metric: at the given year, or at each stage's latest year in
 * which both China and ex-China have counted figures. A stage with figures on one side only is
 * left out and named in `omitted`, so a missing figure never reads as a share of 0% or 100%.
 */
export function computeStageOverview(db: Database, metric: Metric, year?: number, rules?: Partial<InclusionRules>) {
  const stages: GapResult[] = [];
  const omitted: { stage: Stage; reason: string }[] = [];
  for (const stage of chainStages) {
    const years = year === undefined ? [...yearsWithData(db, stage, metric)].reverse() : [year];
    // Latest year first, stopping at the first that qualifies: at a million claims each year is a
    // gap of its own to compute, and the overview needs one per stage.
    let chosen: GapResult | undefined;
    let anyCounted = false;
    for (const candidate of years) {
      const result = computeGap(db, { stage, metric, year: candidate, ...(rules ? { rules } : {}) });
      if (result.countries.length === 0) continue;
      anyCounted = true;
      if (result.chinaShare !== null && (year !== undefined || hasOwnFigures(result))) {
        chosen = result;
        break;
      }
    }
    if (chosen) stages.push(chosen);
    else
      omitted.push({
        stage,
        reason: anyCounted
          ? year === undefined
            ? 'no year with counted figures for both China and ex-China'
            : `no counted figures for both China and ex-China in ${year}`
          : `no figures counted${year === undefined ? '' : ` for ${year}`}`,
      });
  }
  return { metric, year: year ?? null, stages, omitted };
}
