import type { Database } from 'better-sqlite3';
import { readCache } from '../workspace/read-cache';

/**
 * Answers of the claims view's expensive reads (how many claims match a filter, the ordered keys of
 * a search or a sorted selection), kept while the workspace is unchanged (db/workspace/read-cache.ts).
 * Scrolling a table asks for page after page of the same filter; without this every page recounted
 * every match. At most 48 answers and 4,000,000 claim keys (8 bytes each: 32 MB) per connection.
 */
const claimReads = readCache({ maxWeight: 4_000_000, maxEntries: 48 });

export function cachedRead<T>(db: Database, key: string, compute: () => T, weigh?: (value: T) => number): T {
  return claimReads.read(db, key, compute, weigh);
}
