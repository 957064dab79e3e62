import type { InclusionRules } from '../../db/model/types';
import { metricNames } from '../charts/format';
import type { GapMetric } from './gap-api';

/** The model's defaults (db/model/types.ts), repeated because the renderer imports only types from db/. */
export const defaultRules: InclusionRules = {
  minReliability: 'F',
  minCredibility: 6,
  excludeStateMediaOnly: false,
  statuses: ['operating'],
};

export type StatusScope = 'operating' | 'construction' | 'pipeline';

export const statusScopes: { scope: StatusScope; label: string; statuses: InclusionRules['statuses'] }[] = [
  { scope: 'operating', label: 'Operating', statuses: ['operating'] },
  { scope: 'construction', label: 'Operating + under construction', statuses: ['operating', 'under_construction'] },
  {
    scope: 'pipeline',
    label: 'Operating + under construction + planned (pipeline)',
    statuses: ['operating', 'under_construction', 'planned'],
  },
];

/** The pipeline chart shows every status that is or may become capacity, each drawn apart; the other rules apply as set. */
export const withPipelineStatuses = (rules: InclusionRules): InclusionRules => ({
  ...rules,
  statuses: ['operating', 'under_construction', 'planned'],
});

export function scopeOf(rules: InclusionRules): StatusScope {
  if (rules.statuses.includes('planned')) return 'pipeline';
  if (rules.statuses.includes('under_construction')) return 'construction';
  return 'operating';
}

/** The rules in words, for the subtitle inside every chart (and so inside every export). */
export function describeRules(metric: GapMetric, unit: string, year: number | null | 'all', rules: InclusionRules): string {
  const scope = statusScopes.find((s) => s.scope === scopeOf(rules))?.label ?? 'Operating';
  return [
    `${metricNames[metric] ?? metric} in ${unit}`,
    year === 'all' ? 'every year with data' : year === null ? 'latest year with data for each stage' : String(year),
    `sources graded A–${rules.minReliability}, claims credibility 1–${rules.minCredibility}`,
    rules.excludeStateMediaOnly ? 'state-media-only claims excluded' : 'state-media-only claims included',
    `facilities: ${scope.toLowerCase()}`,
  ].join(' · ');
}

export const unitOf = (metric: GapMetric) => (metric === 'capacity_t_per_yr' ? 't/yr' : 't');
