import { format } from 'd3';
import type { CountryFigure, GapResult } from '../../db/model/types';

/** Shared words and number formats for the charts, so the screen, an export and a test read alike. */
export const stageOrder = ['mining', 'separation', 'refining', 'metals', 'magnets'] as const;

export const stageNames: Record<string, string> = {
  mining: 'Mining',
  separation: 'Separation',
  refining: 'Refining',
  metals: 'Metals',
  magnets: 'Magnets',
};

export const stageName = (stage: string) => stageNames[stage] ?? stage;

const grouped = format(',.0f');
const shortTick = format('~s');

/** A tonnage with its unit beside it: "11,200 t/yr". */
export const formatAmount = (value: number, unit: string) => `${grouped(value)} ${unit}`;
/** An axis tick: short ("15k") once the axis reaches 10,000, so every tick on one axis reads alike. */
export const formatTick = (value: number, axisMax = value) => (Math.abs(axisMax) >= 10_000 ? shortTick(value) : grouped(value));
export const formatShare = (share: number) => `${Math.round(share * 100)}%`;

export interface EvidenceSummary {
  grades: string[];
  independentOrigins: number;
  claimIds: string[];
  weak: boolean;
}

/** What backs a set of country figures: the grades, the most independent origins, the claims. */
export function summarise(figures: readonly CountryFigure[]): EvidenceSummary {
  const grades = [...new Set(figures.flatMap((figure) => figure.grades))].sort();
  const claimIds = [...new Set(figures.flatMap((figure) => figure.claimIds))];
  const independentOrigins = figures.reduce((most, figure) => Math.max(most, figure.independentOrigins), 0);
  return { grades, independentOrigins, claimIds, weak: figures.some((figure) => figure.weak) };
}

export function sideEvidence(result: GapResult, side: 'china' | 'ex-china'): EvidenceSummary {
  const summary = summarise(result.countries.filter((figure) => figure.side === side));
  return { ...summary, weak: side === 'china' ? result.weak.china : result.weak.exChina };
}

export function describeEvidence(summary: EvidenceSummary): string {
  const grades = summary.grades.length > 0 ? `grades ${summary.grades.join(', ')}` : 'no graded claims';
  const origins = `${summary.independentOrigins} independent ${summary.independentOrigins === 1 ? 'origin' : 'origins'}`;
  const claims = `${summary.claimIds.length} ${summary.claimIds.length === 1 ? 'claim' : 'claims'}`;
  return `${grades} · ${origins} · ${claims}${summary.weak ? ' · weak evidence (state-media only or contested)' : ''}`;
}

/** One tooltip line per facility counted at an earlier year's figure: the rule is in the method note. */
export function carriedForwardLines(figures: readonly Pick<CountryFigure, 'carriedForward'>[], unit: string): string[] {
  return figures.flatMap((figure) =>
    figure.carriedForward.map(
      (carried) =>
        `${carried.facility}: ${formatAmount(carried.value, unit)} carried forward from ${carried.fromYear}, claim ${carried.claimId}`,
    ),
  );
}

export const metricNames: Record<string, string> = {
  capacity_t_per_yr: 'Capacity',
  production_t: 'Production',
};
