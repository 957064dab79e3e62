import type { Database } from 'better-sqlite3';
import { readCache } from '../workspace/read-cache';

/**
 * The model's figures are a pure function of the workspace's rows and the question asked, so a
 * figure computed once is kept until anything in the workspace changes (db/workspace/read-cache.ts
 * says how a change is seen). The budget is roughly the number of claim ids and exclusions the
 * answers list: a whole series of five stages by fifteen years at a million claims fits in it
 * (about 100 MB), so the gap view, the scores and the pipeline's China line share their years.
 * Answers are frozen: several callers hold the same one.
 */
const modelFigures = readCache({ maxWeight: 1_000_000, freeze: true });

/** The remembered answer to `key` while the workspace is unchanged, else `compute()`'s (then remembered). */
export function remembered<T>(db: Database, key: string, compute: () => T, weigh?: (value: T) => number): T {
  return modelFigures.read(db, key, compute, weigh);
}

/** Drops everything remembered for this connection: the benchmark's way to time a first look. */
export function forgetModelFigures(db: Database): void {
  modelFigures.forget(db);
}
