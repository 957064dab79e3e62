/**
 * The database half of the benchmark: import against raw inserts, search, table paging, the capacity
 * model, scoring and opening, each through the app's own operation table (db/api.ts) where the app has
 * one, with the nearest raw SQLite query timed in the same run so machine noise cancels out.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { executeOperation } from '../../db/api';
import { forgetModelFigures } from '../../db/model/model-cache';
import type { OperationName } from '../../db/operation-names';
import { importCommand } from '../../db/cli/transfer';
import { MAX_IMPORT_CHARS } from '../../db/import/run-import';
import { createWorkspace } from '../../db/workspace/create';
import { openWorkspace, type Workspace } from '../../db/workspace/open';
import { applyConnectionPragmas } from '../../db/workspace/pragmas';
import {
  importableClaims,
  importHeader,
  importLine,
  importRecipe,
  random,
  realWords,
  SEED,
  stages,
  FIRST_YEAR,
  YEARS,
  wordSource,
  type SyntheticClaim,
} from './synthetic-workspace';

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function time(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

function call(workspace: Workspace, name: OperationName, input: unknown): unknown {
  const result = executeOperation({ workspace }, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

export interface ImportFigures {
  /** Rows imported in one go: N, or the largest chunk the import takes when N does not fit. */
  importRows: number;
  /** Why importRows is less than N, when it is. */
  importNote?: string;
  rawInsertPerSec: number;
  importPerSec: number;
  importRatio: number;
  importMs: number;
  rawInsertMs: number;
}

/**
 * The same rows twice: plain prepared inserts into a bare table in one transaction (the physical
 * reference), and the app's CSV import through a recipe the way the CLI's `import` runs it (read the
 * file, open the workspace with its checks, parse, validate, insert, claim_evidence, FTS, audit).
 */
export function measureImport(folder: string, claims: number): ImportFigures {
  const header = importHeader.join(',');
  const lines: string[] = [];
  const rows: SyntheticClaim[] = [];
  let chars = header.length + 1;
  let importNote: string | undefined;
  for (const claim of importableClaims(claims)) {
    const line = importLine(claim);
    // Leave room for the BOM-free header and a margin: the limit counts characters of the whole file.
    if (chars + line.length + 1 > MAX_IMPORT_CHARS - 1024) {
      importNote = `the import takes at most ${MAX_IMPORT_CHARS / 1024 / 1024} MB of CSV (MAX_IMPORT_CHARS); measured its largest chunk, ${lines.length} rows`;
      break;
    }
    lines.push(line);
    rows.push(claim);
    chars += line.length + 1;
  }
  const csvFile = join(folder, 'import.csv');
  const recipeFile = join(folder, 'import.recipe.json');
  writeFileSync(csvFile, `${header}\n${lines.join('\n')}\n`);
  lines.length = 0;
  writeFileSync(recipeFile, JSON.stringify(importRecipe));

  const raw = new Database(join(folder, 'raw.sqlite'));
  applyConnectionPragmas(raw);
  raw.exec(`CREATE TABLE bare (id TEXT, statement TEXT, stage TEXT, country TEXT, entity TEXT, facility_status TEXT,
                               metric TEXT, value REAL, unit TEXT, year INTEGER, credibility INTEGER)`);
  const insert = raw.prepare(
    `INSERT INTO bare VALUES (@id, @statement, @stage, @country, @entity, @facilityStatus, @metric, @value, @unit, @year, @credibility)`,
  );
  const rawInsertMs = time(() => raw.transaction(() => rows.forEach((row) => insert.run(row)))());
  raw.close();
  const importRows = rows.length;
  rows.length = 0;

  const workspaceFile = join(folder, 'import-target.sqlite');
  createWorkspace(workspaceFile, { starter: false, name: 'Import target' }).close();
  const output: string[] = [];
  const importMs = time(() =>
    importCommand({ file: csvFile, recipe: recipeFile, json: true }, (line) => output.push(line), workspaceFile),
  );
  const reported = JSON.parse(output.at(-1) ?? '{}') as { imported?: number; errors?: unknown[] };
  if (reported.imported !== importRows)
    throw new Error(
      `the import wrote ${reported.imported} of ${importRows} rows: ${JSON.stringify(reported.errors?.slice(0, 3))}`,
    );
  const rawInsertPerSec = importRows / (rawInsertMs / 1000);
  const importPerSec = importRows / (importMs / 1000);
  return {
    importRows,
    ...(importNote ? { importNote } : {}),
    rawInsertPerSec,
    importPerSec,
    importRatio: importPerSec / rawInsertPerSec,
    importMs,
    rawInsertMs,
  };
}

/** 200 queries: single terms, two terms, quoted phrases and 3–5 character prefixes (as typed). */
export function searchQueries(count = 200): string[] {
  const word = wordSource(random(SEED + 2));
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    if (kind === 0) queries.push(word());
    else if (kind === 1) queries.push(`${word()} ${word()}`);
    else if (kind === 2) queries.push(`"${realWords[i % realWords.length]} ${word()}"`);
    else queries.push(word().slice(0, 3 + (i % 3)));
  }
  return queries;
}

/** The FTS5 expression the app would build, for the raw comparison. */
function rawMatch(search: string): string {
  if (search.startsWith('"')) return search;
  return (
    search
      .split(' ')
      .map((w) => `"${w}"`)
      .join(' ') + '*'
  );
}

export interface DatabaseFigures {
  searchP50Ms: number;
  searchP95Ms: number;
  rawFtsP50Ms: number;
  rawFtsP95Ms: number;
  tablePageP50Ms: number;
  tablePageP95Ms: number;
  /** The slowest filter combination and its p95, to say where the table's time goes. */
  tablePageSlowest: string;
  gapP50Ms: number;
  gapP95Ms: number;
  /** The same calls again, answered from what the model remembers. */
  gapRepeatP95Ms: number;
  gapSeriesMs: number;
  gapSeriesRepeatMs: number;
  scoreMs: number;
  scoreRepeatMs: number;
  stageOverviewMs: number;
  /** Gap figures are non-empty: stages with a China and an ex-China total in the last year. */
  gapStagesWithData: number;
}

const pageFilters: { label: string; query: Record<string, unknown> }[] = [
  { label: 'stage=magnets', query: { stage: 'magnets' } },
  { label: 'side=china sort=value desc', query: { side: 'china', sort: 'value', direction: 'desc' } },
  { label: 'evidence=state_media_only', query: { evidence: 'state_media_only' } },
  {
    label: 'stage=mining yearFrom=2020 sort=value desc',
    query: { stage: 'mining', yearFrom: 2020, sort: 'value', direction: 'desc' },
  },
  { label: 'country=Australia sort=year', query: { country: 'Australia', sort: 'year' } },
  { label: 'metric=production_t evidence=contested', query: { metric: 'production_t', evidence: 'contested' } },
  {
    label: 'stage=refining country=China metric=capacity',
    query: { stage: 'refining', country: 'China', metric: 'capacity_t_per_yr' },
  },
  { label: 'evidence=corroborated sort=credibility', query: { evidence: 'corroborated', sort: 'credibility' } },
  { label: 'no filter sort=updated desc', query: { sort: 'updated', direction: 'desc' } },
  { label: 'metric=capacity sort=country desc', query: { metric: 'capacity_t_per_yr', sort: 'country', direction: 'desc' } },
];

export function measureQueries(workspace: Workspace, claims: number, log: (line: string) => void = () => {}): DatabaseFigures {
  const db = workspace.db;
  const queries = searchQueries();
  // One warm-up pass of each kind, so the first query does not pay for reading the file.
  for (const search of queries.slice(0, 4)) call(workspace, 'listClaims', { search, sort: 'relevance', limit: 100 });
  const appSearch = queries.map((search) => time(() => call(workspace, 'listClaims', { search, sort: 'relevance', limit: 100 })));
  const rawSearch = queries.map((search) =>
    time(() =>
      db.prepare('SELECT rowid FROM claim_search WHERE claim_search MATCH ? ORDER BY rank LIMIT 100').all(rawMatch(search)),
    ),
  );

  log(`search p50 ${percentile(appSearch, 50).toFixed(1)} ms; table pages…`);
  const next = random(SEED + 3);
  const byFilter = new Map<string, number[]>();
  const pages: number[] = [];
  for (let i = 0; i < 100; i++) {
    const { label, query } = pageFilters[i % pageFilters.length]!;
    // Pages anywhere in the first tenth of the table (a scroll), most near the top.
    const offset = Math.floor(next() ** 2 * Math.max(1, claims / 10 / 100)) * 100;
    const ms = time(() => call(workspace, 'listClaims', { ...query, offset, limit: 100 }));
    pages.push(ms);
    byFilter.set(label, [...(byFilter.get(label) ?? []), ms]);
  }
  const [slowestLabel, slowestSamples] = [...byFilter].sort((a, b) => percentile(b[1], 95) - percentile(a[1], 95))[0]!;

  log(`table page p95 ${percentile(pages, 95).toFixed(1)} ms; gaps…`);
  // The model remembers its figures until the workspace changes (db/model/model-cache.ts). The
  // targets are held against a first look, with nothing remembered; the repeat shows the cache.
  const metrics = ['capacity_t_per_yr', 'production_t'] as const;
  const gapInputs = Array.from({ length: 50 }, (_, i) => ({
    stage: stages[i % 5]!,
    metric: metrics[Math.floor(i / 5) % 2]!,
    year: FIRST_YEAR + ((i * 7) % YEARS),
  }));
  const gapRepeats: number[] = [];
  const gaps = gapInputs.map((input) => {
    forgetModelFigures(db);
    const first = time(() => call(workspace, 'getGap', input));
    gapRepeats.push(time(() => call(workspace, 'getGap', input)));
    return first;
  });
  log(`gap p95 ${percentile(gaps, 95).toFixed(1)} ms (repeat ${percentile(gapRepeats, 95).toFixed(2)}); gap series…`);
  const allSeries = () => {
    for (const stage of stages) call(workspace, 'getGapSeries', { stage, metric: 'capacity_t_per_yr' });
  };
  forgetModelFigures(db);
  const gapSeriesMs = time(allSeries);
  const gapSeriesRepeatMs = time(allSeries);
  log(`gap series ${gapSeriesMs.toFixed(0)} ms (repeat ${gapSeriesRepeatMs.toFixed(1)}); scores…`);
  forgetModelFigures(db);
  const scoreMs = time(() => call(workspace, 'getScores', {}));
  const scoreRepeatMs = time(() => call(workspace, 'getScores', {}));
  let overview: { stages: { china: { value: number }; exChina: { value: number } }[] } = { stages: [] };
  const stageOverviewMs = time(() => {
    overview = call(workspace, 'getStageOverview', {
      metric: 'capacity_t_per_yr',
      year: FIRST_YEAR + YEARS - 1,
    }) as typeof overview;
  });
  return {
    searchP50Ms: percentile(appSearch, 50),
    searchP95Ms: percentile(appSearch, 95),
    rawFtsP50Ms: percentile(rawSearch, 50),
    rawFtsP95Ms: percentile(rawSearch, 95),
    tablePageP50Ms: percentile(pages, 50),
    tablePageP95Ms: percentile(pages, 95),
    tablePageSlowest: `${slowestLabel} (p95 ${percentile(slowestSamples, 95).toFixed(1)} ms)`,
    gapP50Ms: percentile(gaps, 50),
    gapP95Ms: percentile(gaps, 95),
    gapRepeatP95Ms: percentile(gapRepeats, 95),
    gapSeriesMs,
    gapSeriesRepeatMs,
    scoreMs,
    scoreRepeatMs,
    stageOverviewMs,
    gapStagesWithData: overview.stages.filter((s) => s.china.value > 0 && s.exChina.value > 0).length,
  };
}

/**
 * Opening the workspace file the way the app does (schema and application id checks, pragmas; the
 * page-by-page quick_check only when the file is small or the last session did not close it), and
 * the same file opened as after a crash, when quick_check reads every page.
 */
export function measureOpen(file: string): { openMs: number; openAfterCrashMs: number; workspace: Workspace } {
  const openAfterCrashMs = time(() => openWorkspace(file, { integrity: 'quick' }).close());
  let workspace: Workspace | undefined;
  const openMs = time(() => {
    workspace = openWorkspace(file);
  });
  return { openMs, openAfterCrashMs, workspace: workspace! };
}
