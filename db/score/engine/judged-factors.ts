import { factorLabels, type JudgedFactor, type ScoreStage } from '../types';
import type { FactorWithoutWeight } from './computed-factors';
import { judgedKey, type ScoringContext } from './context';
import { evidenceBand, judgedBandRule, loadLinkedEvidence } from './evidence-band';
import { points } from './format';

/** A judged factor: the analyst's score and rationale, its band from the evidence of the claims linked to it. */
export function judgedFactor(context: ScoringContext, stage: ScoreStage, factor: JudgedFactor): FactorWithoutWeight {
  const judged = context.assessment.judged.find((j) => j.stage === stage && j.factor === factor);
  const base = { name: factor, kind: 'judged' as const, label: factorLabels[factor], bandRule: judgedBandRule };
  if (!judged)
    return { ...base, score: null, low: null, high: null, claimIds: [], basis: 'not yet judged for this stage', rationale: null };
  const evidence = loadLinkedEvidence(context.db, judged.claimIds);
  const band = evidenceBand(judged.score, evidence);
  const found = new Set(evidence.map((e) => e.id));
  const gone = judged.claimIds.filter((id) => !found.has(id));
  const key = judgedKey(stage, factor);
  const override = context.overriddenJudged.has(key)
    ? `; scenario "${context.scenario?.name ?? ''}" sets it${
        context.overriddenJudged.get(key) === null ? '' : ` (base ${points(context.overriddenJudged.get(key)!)})`
      }`
    : '';
  return {
    ...base,
    score: judged.score,
    low: band.low,
    high: band.high,
    claimIds: evidence.map((e) => e.id),
    basis: `Judged ${points(judged.score)} by the analyst${override}; ${band.reason}${
      gone.length > 0
        ? `; linked claim${gone.length === 1 ? '' : 's'} ${gone.join(', ')} no longer exist${gone.length === 1 ? 's' : ''}`
        : ''
    }.`,
    rationale: judged.rationale,
  };
}
