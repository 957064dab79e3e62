/**
 * The benchmark's synthetic workspace: a deterministic generator (fixed seed), so every run at a given
 * size measures the same claims. Rows are written straight into the tables, then the derived tables
 * (claim_evidence with its conflict groups, the claim_search FTS index) are refreshed the way the app's
 * write paths refresh them.
 */
import type { Database } from 'better-sqlite3';
import { refreshEvidence } from '../../db/evidence/refresh';
import { reindexClaims } from '../../db/evidence/search-index';
import { createWorkspace } from '../../db/workspace/create';
import type { Workspace } from '../../db/workspace/open';

export const SEED = 20261126;

/** A linear congruential generator: small, fast and the same on every machine. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export const vocabulary = Array.from(
  { length: 3000 },
  (_, i) => `w${i.toString(36)}${['ore', 'oxide', 'metal', 'plant', 'quota', 'line'][i % 6]}`,
);
export const realWords = [
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
export const stages = ['mining', 'separation', 'refining', 'metals', 'magnets'] as const;
export const countries = [
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
] as const;
export const FIRST_YEAR = 2011;
export const YEARS = 15;
const publisherTypes = [
  'news',
  'company',
  'government',
  'state_media',
  'industry_analyst',
  'state_owned_company',
  'academic',
  'intergovernmental',
  'news',
  'state_media',
  'company',
  'other',
] as const;
const statuses = ['operating', 'operating', 'operating', 'operating', 'under_construction', 'planned', 'idle'] as const;

/** Words of a skewed (Zipf-like) vocabulary: low indexes are common, as in real prose. */
export function wordSource(next: () => number): () => string {
  return () =>
    next() < 0.3 ? realWords[Math.floor(next() * realWords.length)]! : vocabulary[Math.floor(vocabulary.length * next() ** 3)]!;
}

export interface SyntheticClaim {
  id: string;
  statement: string;
  stage: string;
  country: string;
  entity: string | null;
  facilityStatus: string | null;
  metric: string;
  value: number | null;
  unit: string | null;
  year: number | null;
  credibility: number;
}

/**
 * The claims, one at a time (a million rows never sit in memory at once). 10% are qualitative; the
 * rest are capacity (60%) or production (40%) figures in t or kt, over 5 stages × 30 countries × 15
 * years; half of those are about a named facility with a status. Country figures repeat for the same
 * country, stage, metric and year, and a third of the repeats disagree by more than 5%: conflict groups.
 */
export function* syntheticClaims(count: number, seed = SEED): Generator<SyntheticClaim> {
  const next = random(seed);
  const word = wordSource(next);
  for (let i = 0; i < count; i++) {
    const words: string[] = [];
    let length = 0;
    while (length < 115) {
      const w = word();
      words.push(w);
      length += w.length + 1;
    }
    const stage = stages[i % 5]!;
    const countryIndex = Math.floor(next() ** 2 * countries.length);
    const country = countries[countryIndex]!;
    const year = FIRST_YEAR + (Math.floor(i / 5) % YEARS);
    const credibility = 1 + Math.floor(next() * 6);
    if (i % 10 === 9) {
      yield {
        id: `c${i}`,
        statement: words.join(' '),
        stage,
        country,
        entity: null,
        facilityStatus: null,
        metric: 'qualitative',
        value: null,
        unit: null,
        year,
        credibility,
      };
      continue;
    }
    const metric = next() < 0.6 ? 'capacity_t_per_yr' : 'production_t';
    // China holds most of every stage; the others taper off with their index.
    const base = (countryIndex === 0 ? 60000 : 12000 / (1 + countryIndex)) * (1 + (year - FIRST_YEAR) * 0.04);
    const facility = next() < 0.5;
    const entity = facility ? `${country} ${stage} plant ${1 + Math.floor(next() * 8)}` : null;
    const disagree = next() < 0.33;
    let value = Math.round((facility ? base / 8 : base) * (disagree ? 0.7 + next() * 0.6 : 1));
    let unit = 't';
    if (next() < 0.1) {
      value = value / 1000;
      unit = 'kt';
    }
    yield {
      id: `c${i}`,
      statement: words.join(' '),
      stage,
      country,
      entity,
      facilityStatus: facility ? statuses[Math.floor(next() * statuses.length)]! : null,
      metric,
      value,
      unit,
      year,
      credibility,
    };
  }
}

export interface SyntheticTimings {
  /** Rows written straight into sources, derivations, claims and citations. */
  insertMs: number;
  /** The claim_search FTS index rebuilt over every claim. */
  searchIndexMs: number;
  /** claim_evidence (origins, state-media flags, conflict groups) refreshed for every claim. */
  evidenceMs: number;
}

export function sourceCountFor(claims: number): number {
  return Math.max(1, Math.floor(claims / 20));
}

/** Sources (every publisher type, grades A–F, derived-from chains of two and three) and the claims citing them. */
export function fillSyntheticWorkspace(db: Database, claimCount: number, seed = SEED): SyntheticTimings {
  const next = random(seed + 1);
  const word = wordSource(next);
  const sourceCount = sourceCountFor(claimCount);
  let started = performance.now();
  db.transaction(() => {
    const addSource = db.prepare(
      `INSERT INTO sources (id, title, publisher, publisher_type, state_affiliated, published, reliability)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < sourceCount; i++) {
      const type = publisherTypes[i % publisherTypes.length]!;
      addSource.run(
        `s${i}`,
        `${word()} ${word()} report ${i}`,
        `Publisher ${i % 97}`,
        type,
        type === 'state_media' || type === 'state_owned_company' ? 'yes' : i % 3 === 0 ? 'unknown' : 'no',
        String(FIRST_YEAR + (i % YEARS)),
        'ABCDEF'[Math.floor(next() ** 1.5 * 6)]!,
      );
    }
    // Chains: s(10k+2) relays s(10k+1), which relays s(10k): one origin behind three sources.
    const derive = db.prepare('INSERT INTO source_derivations (source_id, derived_from_id) VALUES (?, ?)');
    for (let i = 0; i + 2 < sourceCount; i += 10) {
      derive.run(`s${i + 1}`, `s${i}`);
      derive.run(`s${i + 2}`, `s${i + 1}`);
    }
    const addClaim = db.prepare(
      `INSERT INTO claims (id, statement, stage, country, entity, facility_status, metric, value, unit, year, credibility)
       VALUES (@id, @statement, @stage, @country, @entity, @facilityStatus, @metric, @value, @unit, @year, @credibility)`,
    );
    const cite = db.prepare('INSERT INTO claim_citations (claim_id, source_id, excerpt, locator, stance) VALUES (?, ?, ?, ?, ?)');
    for (const claim of syntheticClaims(claimCount, seed)) {
      addClaim.run(claim);
      const first = Math.floor(next() * sourceCount);
      cite.run(
        claim.id,
        `s${first}`,
        next() < 0.3 ? `${word()} ${word()} ${word()}` : null,
        `p. ${1 + Math.floor(next() * 40)}`,
        'supports',
      );
      const more = next();
      if (sourceCount > 1 && more < 0.35) {
        const second = (first + 1 + Math.floor(next() * (sourceCount - 1))) % sourceCount;
        cite.run(claim.id, `s${second}`, null, null, more < 0.05 ? 'contradicts' : 'supports');
      }
    }
  })();
  const insertMs = performance.now() - started;
  started = performance.now();
  db.transaction(() => reindexClaims(db, 'all'))();
  const searchIndexMs = performance.now() - started;
  started = performance.now();
  db.transaction(() => refreshEvidence(db, 'all'))();
  const evidenceMs = performance.now() - started;
  return { insertMs, searchIndexMs, evidenceMs };
}

/** A new workspace file (the app's create path: migrations, the default assessment asm-base) filled with N claims. */
export function createSyntheticWorkspace(
  file: string,
  claimCount: number,
  seed = SEED,
): { workspace: Workspace; timings: SyntheticTimings } {
  const workspace = createWorkspace(file, { starter: false, name: `Benchmark ${claimCount}` });
  const timings = fillSyntheticWorkspace(workspace.db, claimCount, seed);
  workspace.db.pragma('wal_checkpoint(TRUNCATE)');
  return { workspace, timings };
}

/** The same claims as a CSV file for the app's import, with the recipe that maps its columns. */
export const importHeader = ['Statement', 'Stage', 'Country', 'Entity', 'Status', 'Metric', 'Value', 'Unit', 'Year'];
/** Recipes have no credibility column, so the imported claims all get this constant (the raw reference too). */
export const IMPORT_CREDIBILITY = 3;

/** The rows a recipe can import: numeric claims only (a recipe skips a row whose value cell is missing). */
export function* importableClaims(count: number, seed = SEED): Generator<SyntheticClaim> {
  let given = 0;
  for (const claim of syntheticClaims(Number.MAX_SAFE_INTEGER, seed)) {
    if (given >= count) return;
    if (claim.value === null) continue;
    given++;
    yield { ...claim, credibility: IMPORT_CREDIBILITY };
  }
}

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function importLine(claim: SyntheticClaim): string {
  return [
    claim.statement,
    claim.stage,
    claim.country,
    claim.entity,
    claim.facilityStatus,
    claim.metric,
    claim.value,
    claim.unit,
    claim.year,
  ]
    .map(csvCell)
    .join(',');
}

export const importRecipe = {
  source: {
    title: 'Benchmark import',
    publisher: 'Synthetic',
    publisherType: 'industry_analyst',
    published: '2025',
    reliability: 'C',
  },
  columns: {
    statement: 'Statement',
    stage: 'Stage',
    country: 'Country',
    entity: 'Entity',
    status: 'Status',
    metric: 'Metric',
    value: 'Value',
    unit: 'Unit',
    year: 'Year',
  },
  constants: { credibility: IMPORT_CREDIBILITY },
  missing: [''],
};
