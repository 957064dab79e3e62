import type { ReportSlide } from './slides-types';

/**
 * The evidence behind an item in one sentence, worded once for every output (deck, presentation):
 * "2 of 14 figures rest on state media only; 1 contested", or, when nothing is weak, "14 figures,
 * none resting on state media only or contested"; '' for an item that rests on no claims.
 */
export function evidenceLine(flags: ReportSlide['flags']): string {
  const { claims, stateMediaOnly, contested } = flags;
  if (claims === 0) return '';
  const figures = (count: number) => `${count} of ${claims} ${claims === 1 ? 'figure' : 'figures'}`;
  if (stateMediaOnly === 0 && contested === 0)
    return `${claims} ${claims === 1 ? 'figure' : 'figures'}, none resting on state media only or contested`;
  const parts: string[] = [];
  if (stateMediaOnly > 0) parts.push(`${figures(stateMediaOnly)} ${stateMediaOnly === 1 ? 'rests' : 'rest'} on state media only`);
  if (contested > 0) parts.push(parts.length > 0 ? `${contested} contested` : `${figures(contested)} contested`);
  return parts.join('; ');
}

export const isWeak = (flags: ReportSlide['flags']) => flags.stateMediaOnly > 0 || flags.contested > 0;
