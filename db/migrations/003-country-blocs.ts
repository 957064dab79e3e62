import type { Migration } from './migration';

/**
 * The China / ex-China bloc mapping becomes part of the workspace, so the analyst can edit it: a
 * country name (trimmed and lower-cased) → its side of the gap. A name not listed is ex-China.
 *
 * The seed and the recomputation below are frozen as shipped and import nothing from the evidence
 * code: a later change to how sides are read must not change what this step did to a workspace.
 */
type SeededSide = 'china' | 'aggregate';

// The names Chokepoint recognised before the mapping was editable. "China" means mainland China:
// Hong Kong, Macau and Taiwan are deliberately absent, so they stay ex-China until the analyst maps them.
const seed: readonly (readonly [label: string, side: SeededSide])[] = [
  ['China', 'china'],
  ["People's Republic of China", 'china'],
  ['Peoples Republic of China', 'china'],
  ['PRC', 'china'],
  ['Mainland China', 'china'],
  ['World', 'aggregate'],
  ['World total', 'aggregate'],
  ['Global', 'aggregate'],
  ['Total', 'aggregate'],
  ['European Union', 'aggregate'],
  ['EU', 'aggregate'],
  ['Rest of world', 'aggregate'],
];

const keyOf = (name: string) => name.trim().toLowerCase();

export const countryBlocs: Migration = {
  version: 3,
  name: 'country blocs',
  up(db) {
    db.exec(`
      -- label: the name as the analyst wrote it, for display; name: the key every spelling shares.
      CREATE TABLE country_sides (
        name  TEXT PRIMARY KEY CHECK (length(name) > 0 AND name = lower(trim(name))),
        label TEXT NOT NULL CHECK (length(trim(label)) > 0),
        side  TEXT NOT NULL CHECK (side IN ('china', 'ex-china', 'aggregate'))
      ) STRICT, WITHOUT ROWID;
    `);
    const insert = db.prepare('INSERT INTO country_sides (name, label, side) VALUES (?, ?, ?)');
    for (const [label, side] of seed) insert.run(keyOf(label), label, side);

    // Every claim's side from the seed: the same as schema 2 gave, and right for a workspace that
    // came through migration 2 in this run, before this table existed. Spellings equal but for
    // ASCII case share a key, so one per NOCASE class, updated through the NOCASE country index.
    const sides = new Map<string, SeededSide>(seed.map(([label, side]) => [keyOf(label), side]));
    const spellings = db
      .prepare("SELECT country FROM claims WHERE country IS NOT NULL AND country <> '' GROUP BY country COLLATE NOCASE")
      .pluck()
      .all() as string[];
    const setSide = db.prepare(
      'UPDATE claim_evidence SET side = ? WHERE claim_seq IN (SELECT seq FROM claims WHERE country = ? COLLATE NOCASE)',
    );
    for (const country of spellings) setSide.run(sides.get(keyOf(country)) ?? 'ex-china', country);
  },
};
