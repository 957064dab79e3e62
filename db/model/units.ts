import { UserError } from '../errors';

/**
 * Units as analysts write them ("t REO equivalent (mine production)", "kt", "Mt per year") reduced
 * to a mass in tonnes, so figures from different sources add up. What follows the mass unit (the
 * material: REO, NdPr oxide, metal) is kept for the method note, not used to refuse: a stage's
 * capacities are compared by mass. Anything that is not a mass (a share, a year, a price) is refused.
 */
const massUnits: { pattern: RegExp; factor: number }[] = [
  { pattern: /^(mt|million\s+(t|tonnes?|tons?))\b/i, factor: 1_000_000 },
  { pattern: /^(kt|thousand\s+(t|tonnes?|tons?))\b/i, factor: 1_000 },
  { pattern: /^(t|tonnes?|tons?|metric\s+tons?)\b/i, factor: 1 },
];

export interface MassUnit {
  factor: number;
  /** The unit as written, without the parenthesised remark: "t REO equivalent". */
  label: string;
}

export function parseMass(unit: string | null): MassUnit | null {
  if (unit === null || unit.trim() === '') return { factor: 1, label: 't' };
  const text = unit.trim();
  // "Mt" (megatonnes) must not be read case-insensitively as "mt"… which is the same unit, but "MT"
  // in some tables means metric tons: both start with M; treat an exact "MT" as metric tons.
  if (/^MT\b/.test(text)) return { factor: 1, label: text.replace(/\s*\(.*$/, '') };
  const match = massUnits.find(({ pattern }) => pattern.test(text));
  return match ? { factor: match.factor, label: text.replace(/\s*\(.*$/, '') } : null;
}

/** Converts every figure to tonnes, or refuses with a message that lists the units that do not add. */
export function toTonnes<T extends { unit: string | null }>(claims: readonly T[]): { claim: T; factor: number; label: string }[] {
  // A stage-year at a million claims has thousands of figures in a handful of units.
  const units = new Map<string | null, MassUnit | null>();
  const massOf = (unit: string | null): MassUnit | null => {
    const known = units.get(unit);
    if (known !== undefined) return known;
    const mass = parseMass(unit);
    units.set(unit, mass);
    return mass;
  };
  const parsed = claims.map((claim) => ({ claim, mass: massOf(claim.unit) }));
  const unlike = [...new Set(parsed.filter((p) => p.mass === null).map((p) => p.claim.unit!))];
  if (unlike.length > 0) {
    throw new UserError(
      `Cannot add unlike units: ${unlike.map((u) => `"${u}"`).join(', ')} ${unlike.length === 1 ? 'is' : 'are'} not a mass in t, kt or Mt.`,
      'unit',
    );
  }
  return parsed.map(({ claim, mass }) => ({ claim, factor: mass!.factor, label: mass!.label }));
}
