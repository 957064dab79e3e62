import { factorLabels, factorNames, type ScoreStage, type StageScore, type Weights } from '../types';
import { composite, type FactorScore } from './composite';
import { points } from './format';

/**
 * The tornado for one stage of the weighted method: how far each input moves the composite.
 *
 * - A factor bar: the composite with that factor at the low end of its band and at the high end,
 *   every other factor at its score.
 * - A weight bar: the composite with that factor's weight at half and at one and a half times its
 *   value, every weight then scaled to sum to 1 again (so the others give way in proportion).
 *
 * Factors with no score have no band and carry no weight in the composite, so they have no bar.
 * Bars are sorted by swing, the widest first.
 */
export interface SensitivityBar {
  name: string;
  kind: 'factor' | 'weight';
  /** The composite at the input's low end (factor at its band's low end, weight × 0.5). */
  low: number;
  /** The composite at the input's high end (factor at its band's high end, weight × 1.5). */
  high: number;
  lowLabel: string;
  highLabel: string;
}

export interface Sensitivity {
  stage: ScoreStage;
  /** The composite with every input at its base value; null when the stage has no composite. */
  base: number | null;
  bars: SensitivityBar[];
  methodText: string;
}

export const WEIGHT_SWING = 0.5;

function scaled(weights: Weights, factor: keyof Weights, by: number): Weights {
  const changed = { ...weights, [factor]: weights[factor] * by };
  const total = factorNames.reduce((t, f) => t + changed[f], 0);
  return Object.fromEntries(factorNames.map((f) => [f, total > 0 ? changed[f] / total : 0])) as Weights;
}

export function sensitivity(stageScore: StageScore, weights: Weights): Sensitivity {
  const factors: FactorScore[] = stageScore.factors.map((f) => ({ name: f.name, score: f.score, low: f.low, high: f.high }));
  const at = (changed: FactorScore[], w: Weights) => composite(changed, w).score!;
  const bars: SensitivityBar[] = [];
  if (stageScore.score !== null) {
    for (const factor of factors.filter((f) => f.score !== null)) {
      const label = factorLabels[factor.name];
      const low = factor.low ?? factor.score!;
      const high = factor.high ?? factor.score!;
      const withValue = (value: number) => factors.map((f) => (f.name === factor.name ? { ...f, score: value } : f));
      bars.push({
        name: factor.name,
        kind: 'factor',
        low: at(withValue(low), weights),
        high: at(withValue(high), weights),
        lowLabel: `${label} at ${points(low)}`,
        highLabel: `${label} at ${points(high)}`,
      });
    }
    for (const factor of factors.filter((f) => f.score !== null && weights[f.name] > 0)) {
      const label = factorLabels[factor.name];
      bars.push({
        name: factor.name,
        kind: 'weight',
        low: at(factors, scaled(weights, factor.name, 1 - WEIGHT_SWING)),
        high: at(factors, scaled(weights, factor.name, 1 + WEIGHT_SWING)),
        lowLabel: `${label} weight ${(weights[factor.name] * (1 - WEIGHT_SWING)).toFixed(3)}`,
        highLabel: `${label} weight ${(weights[factor.name] * (1 + WEIGHT_SWING)).toFixed(3)}`,
      });
    }
  }
  bars.sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low) || a.name.localeCompare(b.name));
  return {
    stage: stageScore.stage,
    base: stageScore.score,
    bars,
    methodText:
      'Each factor bar is the composite with that factor at the low and the high end of its band, the others at their scores; each weight bar is the composite with that weight halved and raised by half, all weights then scaled to sum to 1. Factors with no score have no bar. Widest swing first.',
  };
}
