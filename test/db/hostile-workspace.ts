import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { expect } from 'vitest';

/**
 * Shared by the hostile-input property tests: a fingerprint of everything a workspace holds, to
 * show a refused import wrote nothing, and the meaning of a "clear" message, asserted the same way
 * everywhere.
 */
export interface Fingerprint {
  claims: number;
  sources: number;
  audit: number;
  /** SHA-256 over every row of every table, in rowid order (search index and audit log included). */
  content: string;
}

export function fingerprint(db: Database): Fingerprint {
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const hash = createHash('sha256');
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  for (const table of tables) {
    hash.update(`\u0000${table}\u0000`);
    for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().iterate() as IterableIterator<unknown[]>) {
      for (const value of row) {
        if (Buffer.isBuffer(value)) hash.update(value);
        else hash.update(typeof value === 'string' ? value : String(value));
        hash.update('\u0001');
      }
      hash.update('\u0002');
    }
  }
  return { claims: count('claims'), sources: count('sources'), audit: count('audit_log'), content: hash.digest('hex') };
}

/**
 * What the analyst is shown must be a sentence they can act on: a non-empty string on one line,
 * with no stack trace, no "undefined", "NaN" or "[object Object]" standing in for a value, short
 * enough to read (a hostile value is never echoed back at length), and naming where the problem is:
 * `where` is a pattern for the row, column, field or file it must mention.
 */
export function expectClearMessage(message: unknown, where: RegExp, context = ''): void {
  const shown = `${context}${context ? ': ' : ''}${JSON.stringify(message)?.slice(0, 300)}`;
  expect(typeof message, shown).toBe('string');
  const text = message as string;
  expect(text.trim().length, shown).toBeGreaterThan(0);
  expect(text.length, shown).toBeLessThanOrEqual(600);
  expect(text, shown).not.toMatch(/\r|\n|\bat .+:\d+:\d+\)?/);
  // A value quoted from the file ("undefined" in a cell) is the analyst's own text, not a slip of ours.
  const ours = text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  expect(ours, shown).not.toMatch(/\bundefined\b|\bNaN\b|\[object Object\]/);
  expect(text, shown).toMatch(where);
}

/**
 * A property's number of runs, kept small for CI; HOSTILE_RUNS=20 (say) multiplies them all for a
 * longer hunt with new random inputs. Each failure prints its seed and a shrunk counterexample.
 */
export function runs(base: number): number {
  return Math.max(1, Math.round(base * Number(process.env.HOSTILE_RUNS ?? 1)));
}
