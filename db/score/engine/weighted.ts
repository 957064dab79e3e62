import { stageLabels } from '../../evidence/vocabulary';
import { computedFactors, factorLabels, judgedFactors, type FactorResult, type ScoreStage, type StageScore } from '../types';
import { composite } from './composite';
import { chinaShareFactor, concentrationFactor, pipelineFactor, type FactorWithoutWeight } from './computed-factors';
import type { ScoringContext } from './context';
import { judgedFactor } from './judged-factors';

/**
 * The weighted-factor method for one stage: three factors computed from the capacity model and
 * four judged by the analyst, each 0–100 with a band, combined by the assessment's weights (see
 * composite.ts for the rule on a factor with no score). The method is repeated in words beside the
 * number, with this stage's own missing factors named.
 */
export function stageFactors(context: ScoringContext, stage: ScoreStage): FactorWithoutWeight[] {
  const figures = context.figures(stage);
  const computed: Record<(typeof computedFactors)[number], FactorWithoutWeight> = {
    china_share: chinaShareFactor(figures),
    concentration: concentrationFactor(figures),
    pipeline_coverage: pipelineFactor(figures, context.assessment.horizonYear),
  };
  return [...computedFactors.map((f) => computed[f]), ...judgedFactors.map((f) => judgedFactor(context, stage, f))];
}

function methodText(context: ScoringContext, stage: ScoreStage, missing: FactorWithoutWeight[], scoredWeight: number): string {
  const { assessment } = context;
  const weights = assessment.presetName ? `the "${assessment.presetName}" weights` : "the assessment's own weights";
  const text = [
    `${stageLabels[stage]}: the weighted sum of seven factors scored 0–100 (higher = more supply risk) under ${weights}: Σ weight × score.`,
    "China's share, concentration (HHI ÷ 100) and the ex-China pipeline shortfall come from the capacity model; export controls, know-how, state coordination and lack of substitutes are the analyst's judgement with linked claims.",
    "The band is the same sum over each factor's low and high ends: the capacity figures' bands for computed factors, the grades of the linked claims for judged ones.",
  ];
  if (missing.length === 7) text.push('No factor has a score, so there is no composite.');
  else if (missing.length > 0)
    text.push(
      `${missing.map((f) => factorLabels[f.name]).join(', ')} ${missing.length === 1 ? 'has' : 'have'} no score; the other weights (${scoredWeight.toFixed(
        3,
      )} together) were scaled up to sum to 1.`,
    );
  if (context.scenario) text.push(`Under scenario "${context.scenario.name}"; base claims are unchanged.`);
  return text.join(' ');
}

export function weightedStageScore(context: ScoringContext, stage: ScoreStage): StageScore {
  const factors = stageFactors(context, stage);
  const result = composite(factors, context.assessment.weights);
  const missing = factors.filter((f) => f.score === null);
  const withWeights: FactorResult[] = factors.map((f) => ({ ...f, weight: result.effective[f.name] }));
  return {
    stage,
    method: 'weighted',
    score: result.score,
    low: result.low,
    high: result.high,
    factors: withWeights,
    methodText: methodText(context, stage, missing, result.scoredWeight),
    missing: missing.map((f) => `${f.name}: ${f.basis}`),
  };
}
