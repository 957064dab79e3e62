import type { Reliability } from '../evidence/vocabulary';
import { facilityStatusLabels } from '../evidence/vocabulary';
import type { Candidate } from './candidates';
import type { Band, GapResult, InclusionRules } from './types';

/**
 * The rules that decide which claims count and which one of several counts for the same subject:
 * shared by the gap for one year, the figures carried forward from earlier years, and the pipeline.
 */
/** The rules never look at the year, so they also judge claims that have none (the pipeline's undated plans). */
type Undated<T> = Omit<T, 'year'>;

export const reliabilityOrder: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F'];

/** Why the inclusion rules leave a claim out, or null when it counts. */
export function excludedBy(rules: InclusionRules, claim: Undated<Candidate>): string | null {
  if (!claim.bestReliability || reliabilityOrder.indexOf(claim.bestReliability) > reliabilityOrder.indexOf(rules.minReliability))
    return `its best source is graded ${claim.bestReliability ?? 'nothing'}, below the minimum ${rules.minReliability}`;
  if (claim.credibility > rules.minCredibility)
    return `credibility ${claim.credibility} is below the minimum ${rules.minCredibility}`;
  if (rules.excludeStateMediaOnly && claim.stateMediaOnly) return 'it rests only on state media, which these rules exclude';
  if (claim.facilityStatus && !rules.statuses.includes(claim.facilityStatus))
    return `facility status "${facilityStatusLabels[claim.facilityStatus]}" does not count under these rules`;
  if (!claim.country) return 'it names no country, so it cannot be placed on either side';
  return null;
}

/** The conflict rule: the analyst's preferred claim, else the best-graded source, then the newest. */
export function byPreference(a: Undated<Candidate>, b: Undated<Candidate>): number {
  if (a.preferred !== b.preferred) return a.preferred ? -1 : 1;
  const grade = reliabilityOrder.indexOf(a.bestReliability ?? 'F') - reliabilityOrder.indexOf(b.bestReliability ?? 'F');
  if (grade !== 0) return grade;
  if (a.credibility !== b.credibility) return a.credibility - b.credibility;
  const newer = (b.newestPublished ?? '').localeCompare(a.newestPublished ?? '');
  return newer !== 0 ? newer : a.id.localeCompare(b.id);
}

export interface Counted {
  winner: Candidate;
  members: Candidate[];
  band: Band;
  /** Set when the figure is an operating facility's capacity from an earlier year (see carry-forward.ts). */
  carriedFrom?: number;
}

/** One subject (a facility, or a country's own figure) counts once; the spread of its claims is its band. */
export function countOnce(claims: { claim: Candidate; factor: number }[], excluded: GapResult['excluded']): Map<string, Counted> {
  const groups = new Map<string, { claim: Candidate; factor: number }[]>();
  for (const item of claims) {
    const key = item.claim.subjectKey ?? item.claim.id;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  const counted = new Map<string, Counted>();
  for (const [key, items] of groups) {
    const sorted = [...items].sort((a, b) => byPreference(a.claim, b.claim));
    const winner = sorted[0]!;
    for (const other of sorted.slice(1)) {
      excluded.push({
        claimId: other.claim.id,
        reason: `${winner.claim.id} is counted for the same ${winner.claim.entity ? 'facility' : 'country'} and year (${
          winner.claim.preferred ? "the analyst's preferred claim" : 'best-graded source, then newest'
        }); the difference widens the band`,
      });
    }
    const lows = items.map(({ claim, factor }) => (claim.valueLow ?? claim.value) * factor);
    const highs = items.map(({ claim, factor }) => (claim.valueHigh ?? claim.value) * factor);
    counted.set(key, {
      winner: winner.claim,
      members: items.map((i) => i.claim),
      band: {
        value: winner.claim.value * winner.factor,
        low: Math.min(...lows, winner.claim.value * winner.factor),
        high: Math.max(...highs, winner.claim.value * winner.factor),
      },
    });
  }
  return counted;
}
