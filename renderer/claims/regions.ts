/**
 * Which side of the gap a claim's region falls on, for the colour marker beside it: China in
 * vermilion, ex-China in blue, aggregates ("World") grey because they belong to neither side.
 * The region's name is always written next to the marker, so colour is never the only cue.
 */
export type RegionSide = 'china' | 'ex-china' | 'aggregate';

const chinaNames = new Set(['china', "people's republic of china", 'prc', 'mainland china']);
const aggregateNames = new Set(['world', 'global', 'world total', 'total']);

export function regionSide(region: string): RegionSide {
  const name = region.trim().toLowerCase();
  if (chinaNames.has(name)) return 'china';
  if (aggregateNames.has(name)) return 'aggregate';
  return 'ex-china';
}
