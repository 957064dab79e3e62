import type { Metric, Stage } from './vocabulary';

/**
 * Conflict groups: claims about the same subject — the entity, or the country when there is no
 * entity — at the same stage, metric and year, whose values differ by more than 5%. Conflicts are
 * kept, never merged: the analyst may mark one claim preferred, with a reason.
 */
export const CONFLICT_TOLERANCE = 0.05;

export const conflictRule =
  'Claims about the same entity (or country, when no entity is named), stage, metric and year form a conflict group ' +
  'when their values differ by more than 5%. Every claim in the group is marked contested; none is averaged away.';

export interface SubjectFields {
  stage: Stage | null;
  metric: Metric;
  year: number | null;
  entity: string | null;
  country: string | null;
  value: number | null;
}

/** The subject a figure is about, or null for claims that cannot conflict (no figure, no year, qualitative). */
export function subjectKey(claim: SubjectFields): string | null {
  const subject = (claim.entity ?? claim.country)?.trim().toLowerCase();
  if (!subject || claim.value === null || claim.year === null || claim.metric === 'qualitative') return null;
  return [claim.stage ?? 'any', claim.metric, claim.year, subject].join('|');
}

/** Largest over smallest, minus one; infinite when the values straddle or touch zero unequally. */
export function spreadOf(values: number[]): number {
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min === max) return 0;
  if (min <= 0) return Number.POSITIVE_INFINITY;
  return max / min - 1;
}

export function isConflict(values: number[]): boolean {
  return values.length > 1 && spreadOf(values) > CONFLICT_TOLERANCE + 1e-12;
}
