import type { Database } from 'better-sqlite3';
import { appendAudit } from '../audit/log';
import { UserError } from '../errors';
import { countrySpellings, type CountryBloc, type CountrySpelling } from './bloc-query';
import { countryKey, DEFAULT_SIDE, type CountrySide } from './countries';

/**
 * Changing the bloc mapping. Each change moves every claim of that country to its new side in the
 * same transaction (claim_evidence.side, which the capacity model reads), and is audited as an
 * update of the country, so its history says who moved it, when, and how many claims moved with it.
 * Conflict groups are keyed by the country's name, never its side, so a change leaves them as they are.
 */
interface Mapping {
  label: string;
  side: CountrySide;
}

function mappingOf(db: Database, name: string): Mapping | undefined {
  return db.prepare('SELECT label, side FROM country_sides WHERE name = ?').get(name) as Mapping | undefined;
}

/** How the claims spell this country (one spelling per ASCII-case class), with their claim counts. */
function spellingsOf(db: Database, name: string): CountrySpelling[] {
  return countrySpellings(db).filter(({ country }) => countryKey(country) === name);
}

const claimsOf = (spellings: CountrySpelling[]) => spellings.reduce((total, spelling) => total + spelling.claims, 0);

/** Puts every claim with these spellings on `side`. */
function moveClaims(db: Database, spellings: CountrySpelling[], side: CountrySide): void {
  const move = db.prepare(
    'UPDATE claim_evidence SET side = ? WHERE claim_seq IN (SELECT seq FROM claims WHERE country = ? COLLATE NOCASE)',
  );
  for (const { country } of spellings) move.run(side, country);
}

export function setCountrySide(db: Database, country: string, side: CountrySide): CountryBloc {
  const name = countryKey(country);
  return db.transaction(() => {
    const before = mappingOf(db, name);
    const label = before?.label ?? country.trim();
    const spellings = spellingsOf(db, name);
    const claims = claimsOf(spellings);
    // Already mapped to this side: nothing moves, so nothing is written or recorded.
    if (before?.side !== side) {
      db.prepare(
        'INSERT INTO country_sides (name, label, side) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET side = excluded.side',
      ).run(name, label, side);
      moveClaims(db, spellings, side);
      appendAudit(db, {
        action: 'update',
        entityType: 'country',
        entityId: name,
        before: { country: label, side: before?.side ?? DEFAULT_SIDE, mapping: before ? 'explicit' : 'default' },
        after: { country: label, side, mapping: 'explicit', claims },
      });
    }
    return { country: label, key: name, side, mapping: 'explicit' as const, claims };
  })();
}

/** Removes the analyst's (or the seed's) mapping: the name falls back to ex-China. */
export function resetCountrySide(db: Database, country: string): CountryBloc {
  const name = countryKey(country);
  return db.transaction(() => {
    const before = mappingOf(db, name);
    if (!before)
      throw new UserError(`"${country.trim()}" has no mapping of its own: it is already ex-China by default.`, 'country');
    db.prepare('DELETE FROM country_sides WHERE name = ?').run(name);
    const spellings = spellingsOf(db, name);
    moveClaims(db, spellings, DEFAULT_SIDE);
    const claims = claimsOf(spellings);
    appendAudit(db, {
      action: 'update',
      entityType: 'country',
      entityId: name,
      before: { country: before.label, side: before.side, mapping: 'explicit' },
      after: { country: before.label, side: DEFAULT_SIDE, mapping: 'default', claims },
    });
    return { country: before.label, key: name, side: DEFAULT_SIDE, mapping: 'default' as const, claims };
  })();
}
