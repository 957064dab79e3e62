import type { Database } from 'better-sqlite3';

/**
 * Which side of the gap a claim's country falls on, by the workspace's bloc mapping (the
 * country_sides table, which the analyst edits in the Countries view). "China" means mainland China
 * under its usual names; aggregates ("World", "European Union") belong to neither side and are never
 * summed with countries. A name the mapping does not hold is ex-China.
 */
export const countrySides = ['china', 'ex-china', 'aggregate'] as const;
export type CountrySide = (typeof countrySides)[number];

export const DEFAULT_SIDE: CountrySide = 'ex-china';

/** A country name → side, keyed as countryKey gives it. */
export type BlocMapping = ReadonlyMap<string, CountrySide>;

/** The mapping's key for a name: "PRC", " prc " and "Prc" are one name. */
export function countryKey(country: string): string {
  return country.trim().toLowerCase();
}

/**
 * Loaded once per refresh rather than looked up per claim: a refresh may run over every claim.
 * Migration 2 refreshes evidence before migration 3 creates the mapping; with no table yet every
 * country reads ex-China, and migration 3 then recomputes every side from its seed.
 */
export function loadBlocMapping(db: Database): BlocMapping {
  const mapped = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'country_sides'").get();
  if (!mapped) return new Map();
  const rows = db.prepare('SELECT name, side FROM country_sides').all() as { name: string; side: CountrySide }[];
  return new Map(rows.map((row) => [row.name, row.side]));
}

export function countrySide(country: string | null, mapping: BlocMapping): CountrySide | null {
  if (!country) return null;
  return mapping.get(countryKey(country)) ?? DEFAULT_SIDE;
}
