import { countryKey } from '../../evidence/countries';
import { stageLabels } from '../../evidence/vocabulary';
import type { ScoreStage, SupplyRiskResult } from '../types';
import type { ScoringContext } from './context';
import { round } from './format';
import { acrossBand, bandEnds, sharesAt, type CountryShare } from './shares';
import { metricWords } from './stage-figures';

/**
 * The EU supply-risk method, after the structure of the EU criticality assessment (European
 * Commission / JRC, "Methodology for establishing the EU list of critical raw materials", 2017):
 *
 *   SR = [HHI_WGI,t(global supply) × IR/2 + HHI_WGI,t(EU sourcing) × (1 − IR/2)] × (1 − EoL_RIR) × SI_SR
 *   HHI_WGI,t = Σ_c (S_c)² × WGI_c × t_c
 *
 * with S_c a country's share of supply (a fraction), WGI_c its scaled World Governance Indicator
 * (0–10, higher = weaker governance), t_c the trade-adjustment factor (≥ 1 where export
 * restrictions apply), EoL_RIR the end-of-life recycling input rate and SI_SR the substitution index
 * for supply risk. A raw material with SR ≥ 1 (and economic importance ≥ 2.8) is critical.
 *
 * Simplified here: global supply only (there is no EU-sourcing term and no import-reliance split,
 * so IR drops out), per stage of the chain rather than per material, with the shares from the
 * capacity model's figures for the stage, and the threshold SR ≥ 1 alone (economic importance is
 * not assessed). Governance and trade factors are the analyst's country table; a country missing
 * from it counts at the stated defaults below and is named in `missing`.
 */
export const DEFAULT_GOVERNANCE = 5;
export const DEFAULT_TRADE_FACTOR = 1;
/** With no stage inputs: no recycling and no substitute, the most cautious reading. */
export const DEFAULT_RECYCLING_RATE = 0;
export const DEFAULT_SUBSTITUTION_INDEX = 1;

const fixed = (value: number, digits = 2) => value.toFixed(digits);

export function supplyRisk(context: ScoringContext, stage: ScoreStage): SupplyRiskResult {
  const { assessment } = context;
  const figures = context.figures(stage);
  const missing: string[] = [];
  const inputs = assessment.stageInputs.find((s) => s.stage === stage);
  if (!inputs)
    missing.push(
      `${stage}: no recycling rate or substitution index entered; ${DEFAULT_RECYCLING_RATE} and ${DEFAULT_SUBSTITUTION_INDEX} used (no recycling, no substitute)`,
    );
  const recyclingRate = inputs?.recyclingRate ?? DEFAULT_RECYCLING_RATE;
  const substitutionIndex = inputs?.substitutionIndex ?? DEFAULT_SUBSTITUTION_INDEX;
  const governanceByKey = new Map(assessment.governance.map((g) => [countryKey(g.country), g]));

  const gap = figures.gap;
  const simplified =
    'Simplified from the EU criticality methodology (JRC 2017): global supply only, with no EU-sourcing term and no import-reliance split; per stage, with shares from the capacity model; the SR ≥ 1 threshold alone, without economic importance.';
  const base = {
    stage,
    method: 'eu-sr' as const,
    threshold: 1 as const,
    recyclingRate,
    substitutionIndex,
  };
  if (!gap || gap.chinaShare === null) {
    return {
      ...base,
      score: null,
      low: null,
      high: null,
      critical: false,
      hhiWgiT: null,
      countries: [],
      formula: 'SR = HHI_WGI,t × (1 − EoL-RIR) × SI: no shares to compute it from.',
      methodText: `${stageLabels[stage]}: no year with counted figures for both China and ex-China, so there are no country shares and no supply risk. ${simplified}`,
      claimIds: [],
      missing: [`shares: no year with counted ${metricWords[figures.metric]} figures for both China and ex-China`, ...missing],
    };
  }

  const governanceOf = (country: string) => {
    const entry = governanceByKey.get(countryKey(country));
    return {
      governance: entry?.governance ?? DEFAULT_GOVERNANCE,
      tradeFactor: entry?.tradeFactor ?? DEFAULT_TRADE_FACTOR,
      known: entry !== undefined,
    };
  };
  const scale = (1 - recyclingRate) * substitutionIndex;
  const hhiWgiT = (shares: CountryShare[]) =>
    shares.reduce((t, s) => {
      const g = governanceOf(s.country);
      return t + s.share ** 2 * g.governance * g.tradeFactor;
    }, 0);

  for (const country of gap.countries) {
    if (!governanceOf(country.country).known)
      missing.push(
        `${country.country}: not in the country table; governance ${DEFAULT_GOVERNANCE} (mid-scale) and trade factor ${DEFAULT_TRADE_FACTOR} used`,
      );
  }
  const index = acrossBand(gap.countries, hhiWgiT);
  const score = index.value * scale;
  const ends = bandEnds.map((end) => sharesAt(gap.countries, end));
  const countries = gap.countries.map((figure, i) => {
    const g = governanceOf(figure.country);
    const [value, ...atEnds] = ends.map((shares) => shares[i]!.share ** 2 * g.governance * g.tradeFactor * scale);
    return {
      country: figure.country,
      share: ends[0]![i]!.share,
      governance: g.governance,
      tradeFactor: g.tradeFactor,
      contribution: value!,
      low: Math.min(value!, ...atEnds),
      high: Math.max(value!, ...atEnds),
      claimIds: figure.claimIds,
    };
  });
  const terms = countries
    .map((c) => `${fixed(c.share, 3)}² × ${fixed(c.governance, 1)} × ${fixed(c.tradeFactor, 2)}`)
    .join(' + ');
  const critical = score >= 1;
  return {
    ...base,
    score,
    low: index.low * scale,
    high: index.high * scale,
    critical,
    hhiWgiT: index.value,
    countries,
    formula: `SR = HHI_WGI,t × (1 − EoL-RIR) × SI = (${terms}) × (1 − ${fixed(recyclingRate, 3)}) × ${fixed(substitutionIndex, 2)} = ${fixed(
      index.value,
      3,
    )} × ${fixed(1 - recyclingRate, 3)} × ${fixed(substitutionIndex, 2)} = ${fixed(score, 3)} ${critical ? '≥ 1: critical' : '< 1: below the threshold'}`,
    methodText: `${stageLabels[stage]}: supply risk SR = HHI_WGI,t × (1 − end-of-life recycling input rate) × substitution index, where HHI_WGI,t = Σ (country share)² × governance (0–10, higher = weaker) × trade factor, over the shares of ${
      metricWords[figures.metric]
    } ${gap.year}${figures.metricFallback ? ` (the assessment's other metric has no year with both sides)` : ''}. SR ≥ 1 crosses the EU threshold. The band recomputes SR with China's figure at the low end of its band and every other country at its high end, and the other way round (${round(
      index.low * scale,
    )}–${round(index.high * scale)}). ${simplified}${context.scenario ? ` Under scenario "${context.scenario.name}"; base claims are unchanged.` : ''}`,
    claimIds: gap.claimIds,
    missing,
  };
}
