import type { Database } from 'better-sqlite3';
import { countryKey, DEFAULT_SIDE, type CountrySide } from './countries';

/** One row of the Countries view: a name, the side it falls on, and how many claims use it. */
export interface CountryBloc {
  /** As the mapping spells it, else as the claims do. */
  country: string;
  /** The name trimmed and lower-cased: the mapping's key, and the country's id in the audit log. */
  key: string;
  side: CountrySide;
  /** 'explicit' when the mapping names it (the seed or the analyst), else ex-China by default. */
  mapping: 'explicit' | 'default';
  claims: number;
}

export interface CountrySpelling {
  country: string;
  claims: number;
}

/**
 * The countries written in claims, one row per spelling up to ASCII case, with their claim counts.
 * Grouped the way the claims_by_country index is ordered (NOCASE), so a million claims take one
 * index scan; spellings that still share a key (other whitespace or non-ASCII case) are merged by
 * the callers.
 */
export function countrySpellings(db: Database): CountrySpelling[] {
  return db
    .prepare(
      `SELECT country, count(*) AS claims FROM claims WHERE country IS NOT NULL AND country <> ''
        GROUP BY country COLLATE NOCASE`,
    )
    .all() as CountrySpelling[];
}

/** Every mapped name and every country claims use, alphabetically, so a row stays put when its side changes. */
export function listCountrySides(db: Database): CountryBloc[] {
  const rows = new Map<string, CountryBloc>();
  const mapped = db.prepare('SELECT name, label, side FROM country_sides').all() as {
    name: string;
    label: string;
    side: CountrySide;
  }[];
  for (const { name, label, side } of mapped) rows.set(name, { country: label, key: name, side, mapping: 'explicit', claims: 0 });
  for (const { country, claims } of countrySpellings(db)) {
    const key = countryKey(country);
    if (!key) continue; // a blank name cannot be mapped: such claims are ex-China
    const row = rows.get(key) ?? { country: country.trim(), key, side: DEFAULT_SIDE, mapping: 'default', claims: 0 };
    row.claims += claims;
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) => a.country.localeCompare(b.country, 'en', { sensitivity: 'base' }) || a.country.localeCompare(b.country),
  );
}
