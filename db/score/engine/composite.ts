import type { FactorName, Weights } from '../types';

/**
 * The weighted composite: Σ weight × score over the factors that have a score. A factor with no
 * score (no figure in the evidence, no judged score yet) drops out and the remaining weights are
 * scaled up to sum to 1 again, so a stage is scored on what is known and says what is not; with no
 * scored factor (or only zero weights left) there is no composite. The band is Σ w·low … Σ w·high
 * under the same weights.
 */
export interface FactorScore {
  name: FactorName;
  score: number | null;
  low: number | null;
  high: number | null;
}

export interface Composite {
  score: number | null;
  low: number | null;
  high: number | null;
  /** The weight each factor carried after scaling; 0 for a factor with no score. */
  effective: Record<FactorName, number>;
  /** The sum of the weights of the scored factors, before scaling (1 when nothing is missing). */
  scoredWeight: number;
}

export function composite(factors: readonly FactorScore[], weights: Weights): Composite {
  const scored = factors.filter((f) => f.score !== null);
  const scoredWeight = scored.reduce((t, f) => t + weights[f.name], 0);
  const effective = Object.fromEntries(
    factors.map((f) => [f.name, f.score !== null && scoredWeight > 0 ? weights[f.name] / scoredWeight : 0]),
  ) as Record<FactorName, number>;
  if (scored.length === 0 || scoredWeight <= 0) return { score: null, low: null, high: null, effective, scoredWeight };
  const sum = (pick: (f: FactorScore) => number) => scored.reduce((t, f) => t + effective[f.name] * pick(f), 0);
  return {
    score: sum((f) => f.score!),
    low: sum((f) => f.low ?? f.score!),
    high: sum((f) => f.high ?? f.score!),
    effective,
    scoredWeight,
  };
}
