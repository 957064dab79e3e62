import type { Database } from 'better-sqlite3';

/**
 * The model's figures are a pure function of the workspace's rows and the question asked, so a
 * figure computed once is kept until anything in the workspace changes. "Changes" is read from
 * SQLite itself, not from our write paths: `total_changes()` counts every row this connection has
 * written (an import, an edit, a rolled-back attempt alike), and `PRAGMA data_version` moves when
 * another connection (the CLI on the same file) commits. Either moving empties the cache, so a
 * remembered figure can never outlive the claims it was computed from.
 *
 * Results are held up to a total weight (roughly the number of claim ids and exclusions they list),
 * least recently used first out, so a million-claim workspace keeps a bounded amount in memory.
 */
const MAX_WEIGHT = 1_000_000;

interface Cache {
  version: string;
  weight: number;
  entries: Map<string, { value: unknown; weight: number }>;
}

const caches = new WeakMap<Database, Cache>();

function dataVersion(db: Database): string {
  const written = db.prepare('SELECT total_changes()').pluck().get() as number;
  const committedElsewhere = db.pragma('data_version', { simple: true }) as number;
  return `${committedElsewhere}:${written}`;
}

function cacheFor(db: Database): Cache {
  const version = dataVersion(db);
  let cache = caches.get(db);
  if (!cache || cache.version !== version) {
    cache = { version, weight: 0, entries: new Map() };
    caches.set(db, cache);
  }
  return cache;
}

/** Freezes what is handed out more than once: a caller that edited a shared result would corrupt every later answer. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * The remembered answer to `key` while the workspace is unchanged, else `compute()`'s (then
 * remembered). `weigh` says how much of the budget the answer takes.
 */
export function remembered<T>(db: Database, key: string, compute: () => T, weigh: (value: T) => number = () => 1): T {
  // Inside a transaction the answer may rest on writes a rollback will undo, which total_changes()
  // keeps counting: nothing computed there is remembered.
  if (db.inTransaction) return compute();
  const cache = cacheFor(db);
  const hit = cache.entries.get(key);
  if (hit) {
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return hit.value as T;
  }
  const value = deepFreeze(compute());
  // Computing may itself have written nothing, but a caller inside a write transaction may have:
  // only remember under the version the answer was computed at.
  if (cacheFor(db) !== cache) return value;
  const weight = Math.max(1, weigh(value));
  cache.entries.set(key, { value, weight });
  cache.weight += weight;
  for (const [oldest, entry] of cache.entries) {
    if (cache.weight <= MAX_WEIGHT || oldest === key) break;
    cache.entries.delete(oldest);
    cache.weight -= entry.weight;
  }
  return value;
}

/** Drops everything remembered for this connection: the benchmark's way to time a first look. */
export function forgetModelFigures(db: Database): void {
  caches.delete(db);
}
