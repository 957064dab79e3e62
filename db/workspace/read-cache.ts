import type { Database } from 'better-sqlite3';

/**
 * Answers to expensive reads, kept per connection while the workspace is unchanged. "Unchanged" is
 * read from SQLite itself, not from our write paths: `total_changes()` counts every row this
 * connection has written (an import, an edit, a rolled-back attempt alike), and `PRAGMA
 * data_version` moves when another connection (the CLI on the same file) commits. Either moving
 * empties the cache before the next read, so an answer never outlives the rows it came from.
 *
 * Nothing is remembered inside an open transaction: the answer may rest on writes a rollback will
 * undo, and total_changes() keeps counting them. Each cache holds up to a total weight (what an
 * answer costs in memory, as its owner counts it) and a number of entries, least recently used out.
 */
export interface ReadCacheLimits {
  maxWeight: number;
  maxEntries?: number;
  /** Freeze answers handed out more than once, so a caller that edits one fails loudly instead of corrupting the next answer. */
  freeze?: boolean;
}

export interface ReadCache {
  read<T>(db: Database, key: string, compute: () => T, weigh?: (value: T) => number): T;
  /** Drops everything remembered for this connection (the benchmark's way to time a first look). */
  forget(db: Database): void;
}

interface Entries {
  version: string;
  weight: number;
  entries: Map<string, { value: unknown; weight: number }>;
}

function dataVersion(db: Database): string {
  const written = db.prepare('SELECT total_changes()').pluck().get() as number;
  const committedElsewhere = db.pragma('data_version', { simple: true }) as number;
  return `${committedElsewhere}:${written}`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export function readCache({ maxWeight, maxEntries = Number.POSITIVE_INFINITY, freeze = false }: ReadCacheLimits): ReadCache {
  const caches = new WeakMap<Database, Entries>();
  const current = (db: Database): Entries => {
    const version = dataVersion(db);
    let cache = caches.get(db);
    if (!cache || cache.version !== version) {
      cache = { version, weight: 0, entries: new Map() };
      caches.set(db, cache);
    }
    return cache;
  };
  return {
    read<T>(db: Database, key: string, compute: () => T, weigh: (value: T) => number = () => 1): T {
      if (db.inTransaction) return compute();
      const cache = current(db);
      const hit = cache.entries.get(key);
      if (hit) {
        // Map order is insertion order: moving a hit to the end makes the first entry the least recently used.
        cache.entries.delete(key);
        cache.entries.set(key, hit);
        return hit.value as T;
      }
      const value = freeze ? deepFreeze(compute()) : compute();
      const weight = Math.max(1, weigh(value));
      // A computation that nests other remembered reads still leaves the version as it was; if it
      // did not (something wrote), the answer is not kept under the older version.
      if (weight > maxWeight || current(db) !== cache) return value;
      cache.entries.set(key, { value, weight });
      cache.weight += weight;
      for (const [oldest, entry] of cache.entries) {
        if ((cache.weight <= maxWeight && cache.entries.size <= maxEntries) || oldest === key) break;
        cache.entries.delete(oldest);
        cache.weight -= entry.weight;
      }
      return value;
    },
    forget(db: Database): void {
      caches.delete(db);
    },
  };
}
