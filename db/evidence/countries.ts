/**
 * Which side of the gap a claim's country falls on. "China" means mainland China under its usual
 * names; aggregates ("World", "European Union") belong to neither side and are never summed with
 * countries. A bloc mapping the analyst can edit will replace these lists when the model needs it.
 */
export type CountrySide = 'china' | 'ex-china' | 'aggregate';

const chinaNames = new Set(['china', "people's republic of china", 'peoples republic of china', 'prc', 'mainland china']);
const aggregateNames = new Set(['world', 'world total', 'global', 'total', 'european union', 'eu', 'rest of world']);

export function countrySide(country: string | null): CountrySide | null {
  if (!country) return null;
  const name = country.trim().toLowerCase();
  if (chinaNames.has(name)) return 'china';
  if (aggregateNames.has(name)) return 'aggregate';
  return 'ex-china';
}
