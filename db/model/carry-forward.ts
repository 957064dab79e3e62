import type { Database } from 'better-sqlite3';
import type { Metric, Stage } from '../evidence/vocabulary';
import { loadLatestEarlierFacilityClaims } from './candidates';
import { countOnce, excludedBy, type Counted } from './counting-rules';
import type { InclusionRules } from './types';
import { toTonnes } from './units';

/**
 * Carry-forward: a plant that was running last year is still there this year unless a claim says
 * otherwise. Without this rule a year in which only some facilities were reported reads as a
 * collapse (separation 2024 had Baotou and Huamei, 2025 only Gansu). So, for capacity only:
 *
 * - a facility with no claim in the year keeps the figure that counted for it in its latest earlier
 *   year with claims (the same inclusion and conflict rules, the same band), when that figure's
 *   status is operating: planned, under-construction and idle figures never carry forward;
 * - any claim for the facility in the year, even one the rules leave out, stops the carry: the newer
 *   claim speaks for the facility;
 * - production is never carried forward: last year's output says nothing about this year's.
 *
 * A carried figure keeps its claim id and is marked with the year it comes from.
 */
export const carryForwardRule =
  'An operating facility with no capacity claim for a year keeps its latest earlier capacity, carried forward and marked with the year and claim it comes from; any claim for that year replaces it, and production is never carried forward.';

export function carriedForward(db: Database, stage: Stage, metric: Metric, year: number, rules: InclusionRules): Counted[] {
  if (metric !== 'capacity_t_per_yr') return [];
  const earlier = loadLatestEarlierFacilityClaims(db, stage, metric, year).filter(
    (claim) => claim.side !== 'aggregate' && excludedBy(rules, claim) === null,
  );
  // The losers of the conflict rule were reported in their own year; here they only widen the band.
  const counted = countOnce(toTonnes(earlier), []);
  return [...counted.values()]
    .filter((item) => item.winner.facilityStatus === 'operating')
    .map((item) => ({ ...item, carriedFrom: item.winner.year }));
}
