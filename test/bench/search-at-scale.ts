/**
 * Measures the claims view's search and filtered paging on a large synthetic workspace, against the
 * same query on a bare FTS5 table in the same run (so machine noise cancels out). Not a unit test:
 *
 *   npx tsx test/bench/search-at-scale.ts [--claims 1000000] [--keep FILE]
 *   npx tsx test/bench/search-at-scale.ts --reuse FILE      (measure a workspace kept earlier)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { executeOperation } from '../../db/api';
import { refreshEvidence } from '../../db/evidence/refresh';
import { reindexClaims } from '../../db/evidence/search-index';
import { createWorkspace } from '../../db/workspace/create';
import { openWorkspace } from '../../db/workspace/open';

const { values } = parseArgs({
  options: { claims: { type: 'string', default: '1000000' }, keep: { type: 'string' }, reuse: { type: 'string' } },
});
const claimCount = Number(values.claims);

/** A deterministic generator, so every run measures the same workspace. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const next = random(20261126);
const vocabulary = Array.from(
  { length: 3000 },
  (_, i) => `w${i.toString(36)}${['ore', 'oxide', 'metal', 'plant', 'quota', 'line'][i % 6]}`,
);
const realWords = [
  'separation',
  'capacity',
  'neodymium',
  'praseodymium',
  'magnet',
  'refinery',
  'Baotou',
  'Lynas',
  'Mountain',
  'Pass',
  'quota',
  'export',
  'control',
  'dysprosium',
  'terbium',
  'solvent',
  'extraction',
];
// Zipf-like: low indexes are common, as in real prose.
const word = () =>
  next() < 0.3 ? realWords[Math.floor(next() * realWords.length)]! : vocabulary[Math.floor(vocabulary.length * next() ** 3)]!;
const statement = () => {
  const words: string[] = [];
  while (words.join(' ').length < 115) words.push(word());
  return words.join(' ');
};
const stages = ['mining', 'separation', 'refining', 'metals', 'magnets'];
const countries = [
  'China',
  'Australia',
  'United States',
  'Malaysia',
  'Burma (Myanmar)',
  'France',
  'Estonia',
  'Japan',
  'Vietnam',
  'Brazil',
  'India',
  'Canada',
  'Nigeria',
  'Laos',
  'Thailand',
  'Russia',
  'Madagascar',
  'Tanzania',
  'South Africa',
  'Greenland',
  'Kazakhstan',
  'Germany',
  'United Kingdom',
  'Norway',
  'Sweden',
  'Chile',
  'Peru',
  'Mongolia',
  'Indonesia',
  'Philippines',
];

const folder = mkdtempSync(join(tmpdir(), 'chokepoint-bench-'));
const file = values.reuse ?? values.keep ?? join(folder, 'bench.sqlite');
const workspace = values.reuse ? openWorkspace(file) : createWorkspace(file, { starter: false });
const db = workspace.db;

let started = performance.now();
const sourceCount = Math.max(1, Math.floor(claimCount / 20));
const generate = !values.reuse;
if (generate)
  db.transaction(() => {
    const addSource = db.prepare('INSERT INTO sources (id, title, publisher_type, reliability) VALUES (?, ?, ?, ?)');
    for (let i = 0; i < sourceCount; i++)
      addSource.run(
        `s${i}`,
        `${word()} ${word()} report ${i}`,
        ['news', 'company', 'government', 'state_media'][i % 4]!,
        'BCDF'[i % 4]!,
      );
    const derive = db.prepare('INSERT INTO source_derivations (source_id, derived_from_id) VALUES (?, ?)');
    for (let i = 1; i < sourceCount; i += 7) derive.run(`s${i}`, `s${i - 1}`);
    const addClaim = db.prepare(
      'INSERT INTO claims (id, statement, stage, country, metric, value, year, credibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const cite = db.prepare('INSERT INTO claim_citations (claim_id, source_id, excerpt) VALUES (?, ?, ?)');
    for (let i = 0; i < claimCount; i++) {
      addClaim.run(
        `c${i}`,
        statement(),
        stages[i % 5]!,
        countries[Math.floor(next() ** 2 * 30)]!,
        'capacity_t_per_yr',
        Math.round(next() * 50000),
        2010 + (i % 15),
        1 + (i % 6),
      );
      cite.run(`c${i}`, `s${Math.floor(next() * sourceCount)}`, null);
    }
  })();
const insertMs = performance.now() - started;
started = performance.now();
if (generate) db.transaction(() => reindexClaims(db, 'all'))();
const indexMs = performance.now() - started;
started = performance.now();
if (generate) db.transaction(() => refreshEvidence(db, 'all'))();
const evidenceMs = performance.now() - started;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
function time(run: () => void): number {
  const t = performance.now();
  run();
  return performance.now() - t;
}

const queries: string[] = [];
for (let i = 0; i < 200; i++) {
  const kind = i % 4;
  if (kind === 0) queries.push(word());
  else if (kind === 1) queries.push(`${word()} ${word()}`);
  else if (kind === 2) queries.push(`"${realWords[i % realWords.length]} ${word()}"`);
  else queries.push(word().slice(0, 3 + (i % 3)));
}
const appSearch = queries.map((search) =>
  time(() => {
    const result = executeOperation({ workspace }, 'listClaims', { search, sort: 'relevance', limit: 100 });
    if (!result.ok) throw new Error(result.error.message);
  }),
);
const rawSearch = queries.map((search) =>
  time(() => {
    db.prepare('SELECT rowid FROM claim_search WHERE claim_search MATCH ? ORDER BY rank LIMIT 100').all(
      search.startsWith('"')
        ? search
        : search
            .split(' ')
            .map((w) => `"${w}"`)
            .join(' ') + (search.includes(' ') ? '' : '*'),
    );
  }),
);
const filtered = Array.from({ length: 50 }, (_, i) =>
  time(() => {
    const filters = [
      { stage: 'magnets' },
      { side: 'china' },
      { evidence: 'state_media_only' },
      { stage: 'mining', yearFrom: 2020, sort: 'value', direction: 'desc' },
      { country: 'Australia', sort: 'year' },
    ][i % 5];
    const result = executeOperation({ workspace }, 'listClaims', { ...filters, offset: (i * 137) % 5000, limit: 100 });
    if (!result.ok) throw new Error(result.error.message);
  }),
);

const report = {
  claims: db.prepare('SELECT count(*) FROM claims').pluck().get() as number,
  insertMs: Math.round(insertMs),
  searchIndexMs: Math.round(indexMs),
  evidenceMs: Math.round(evidenceMs),
  searchP50Ms: +percentile(appSearch, 50).toFixed(1),
  searchP95Ms: +percentile(appSearch, 95).toFixed(1),
  rawFtsP50Ms: +percentile(rawSearch, 50).toFixed(1),
  rawFtsP95Ms: +percentile(rawSearch, 95).toFixed(1),
  filteredPageP50Ms: +percentile(filtered, 50).toFixed(1),
  filteredPageP95Ms: +percentile(filtered, 95).toFixed(1),
};
console.table(report);
console.log(JSON.stringify(report));
workspace.close();
if (!values.keep && !values.reuse) rmSync(folder, { recursive: true, force: true });
