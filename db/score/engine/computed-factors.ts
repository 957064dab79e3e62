import { factorLabels, type ComputedFactor, type FactorResult } from '../types';
import { percent, tonnes } from './format';
import { acrossBand, hhiOf } from './shares';
import { metricWords, type StageFigures } from './stage-figures';

/**
 * The three factors computed from the capacity model, each 0–100 with higher meaning more supply
 * risk, each with the claims behind it and its band from the capacity figures' bands:
 *
 * - china_share: China's share × 100 in the latest year with figures on both sides; band: the
 *   model's share band (China's low end against ex-China's high end, and the other way round);
 * - concentration: HHI ÷ 100 over every counted country in that year; band: HHI recomputed with
 *   China at its low end and every other country at its high end, and the other way round;
 * - pipeline_coverage: the ex-China shortfall, 100 × (1 − min(1, ex-China capacity operating or
 *   under construction by the horizon year ÷ China's capacity)); band: ex-China's high end against
 *   China's low end, and the other way round.
 */
export type FactorWithoutWeight = Omit<FactorResult, 'weight'>;

export const computedBandRules: Record<ComputedFactor, string> = {
  china_share:
    "The capacity model's share band: China's figure at the low end of its band against ex-China's high end, and the other way round.",
  concentration:
    'HHI recomputed with China at the low end of its band and every other country at its high end, and the other way round; the band spans the lowest and highest.',
  pipeline_coverage:
    "Ex-China's high end against China's low end gives the low shortfall, ex-China's low end against China's high end the high one.",
};

const absent = (name: ComputedFactor, basis: string): FactorWithoutWeight => ({
  name,
  kind: 'computed',
  label: factorLabels[name],
  score: null,
  low: null,
  high: null,
  claimIds: [],
  basis,
  rationale: null,
  bandRule: computedBandRules[name],
});

const noShare = (figures: StageFigures) =>
  `no year with counted ${metricWords[figures.metric]} figures for both China and ex-China`;
const fallbackNote = (figures: StageFigures) =>
  figures.metricFallback
    ? ` (${metricWords[figures.metric]}: the assessment's ${figures.metric === 'production_t' ? 'capacity' : 'production'} has no year with both sides)`
    : '';
const hypotheticalNote = (figures: StageFigures) => {
  const names = figures.gap?.countries.flatMap((c) => (c.hypothetical ?? []).map((h) => h.name)) ?? [];
  return names.length > 0 ? `; includes scenario facilities ${names.map((n) => `"${n}"`).join(', ')}, not claims` : '';
};

export function chinaShareFactor(figures: StageFigures): FactorWithoutWeight {
  const gap = figures.gap;
  if (!gap || gap.chinaShare === null || !gap.chinaShareBand) return absent('china_share', noShare(figures));
  const unit = gap.unit;
  return {
    ...absent('china_share', ''),
    score: gap.chinaShare * 100,
    low: gap.chinaShareBand.low * 100,
    high: gap.chinaShareBand.high * 100,
    claimIds: gap.claimIds,
    basis: `China's share of ${metricWords[figures.metric]} ${gap.year}${fallbackNote(figures)}: ${percent(gap.chinaShare)} (band ${percent(
      gap.chinaShareBand.low,
    )}–${percent(gap.chinaShareBand.high)}), China ${tonnes(gap.china.value, unit)} against ex-China ${tonnes(
      gap.exChina.value,
      unit,
    )}${hypotheticalNote(figures)}.`,
  };
}

export function concentrationFactor(figures: StageFigures): FactorWithoutWeight {
  const gap = figures.gap;
  if (!gap || gap.chinaShare === null) return absent('concentration', noShare(figures));
  const hhi = acrossBand(gap.countries, hhiOf);
  return {
    ...absent('concentration', ''),
    score: hhi.value / 100,
    low: hhi.low / 100,
    high: hhi.high / 100,
    claimIds: gap.claimIds,
    basis: `HHI of ${metricWords[figures.metric]} ${gap.year}${fallbackNote(figures)} over ${gap.countries.length} countr${
      gap.countries.length === 1 ? 'y' : 'ies'
    }: ${Math.round(hhi.value).toLocaleString('en-US')} of 10,000 (band ${Math.round(hhi.low).toLocaleString('en-US')}–${Math.round(
      hhi.high,
    ).toLocaleString('en-US')}), scored as HHI ÷ 100${hypotheticalNote(figures)}.`,
  };
}

export function pipelineFactor(figures: StageFigures, horizonYear: number): FactorWithoutWeight {
  const pipeline = figures.pipeline;
  if (!pipeline || pipeline.facilities.length === 0)
    return absent('pipeline_coverage', 'no ex-China facility capacity claims to build a pipeline from');
  if (!pipeline.china) return absent('pipeline_coverage', 'no China capacity figure to measure the ex-China pipeline against');
  const steps = pipeline.cumulative.filter((step) => step.year <= horizonYear);
  const step = steps[steps.length - 1];
  const ex = step
    ? {
        value: step.operating.value + step.underConstruction.value,
        low: step.operating.low + step.underConstruction.low,
        high: step.operating.high + step.underConstruction.high,
      }
    : { value: 0, low: 0, high: 0 };
  const china = pipeline.china;
  const shortfall = (exChina: number, chinaFigure: number) =>
    chinaFigure > 0 ? 100 * (1 - Math.min(1, Math.max(0, exChina) / chinaFigure)) : 0;
  const scenarioNames = pipeline.facilities.filter((f) => f.hypothetical && step?.facilityIds.includes(f.id)).map((f) => f.name);
  return {
    ...absent('pipeline_coverage', ''),
    score: shortfall(ex.value, china.value),
    low: shortfall(ex.high, china.low),
    high: shortfall(ex.low, china.high),
    claimIds: [...new Set([...(step?.claimIds ?? []), ...china.claimIds])],
    basis: `Ex-China capacity operating or under construction by ${horizonYear}: ${tonnes(ex.value)} against China's ${tonnes(
      china.value,
    )} (${china.year}, held flat) covers ${percent(china.value > 0 ? Math.min(1, ex.value / china.value) : 1)}; the shortfall is the score${
      scenarioNames.length > 0
        ? `; includes scenario facilities ${scenarioNames.map((n) => `"${n}"`).join(', ')}, not claims`
        : ''
    }.`,
  };
}
