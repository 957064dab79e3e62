import type { Database } from 'better-sqlite3';
import { UserError } from '../errors';
import type { Migration } from '../migrations/migration';

/**
 * Runs every migration newer than the workspace in ONE transaction, each step bumping user_version
 * as it goes: an upgrade is all or nothing. A failure at step 5 of 1→7 rolls steps 2–4 back too, so
 * the workspace stays exactly at the version it was opened at, never at some in-between schema that
 * no Chokepoint ever shipped a file at and whose data the failed step may have half-converted.
 *
 * A migration therefore must not use statements SQLite refuses inside a transaction (VACUUM,
 * PRAGMA journal_mode, or PRAGMA foreign_keys, which is silently ignored there). None of 1–7 does.
 */
export function runMigrations(db: Database, migrations: readonly Migration[]): number {
  const from = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((migration) => migration.version > from);
  let expected = from + 1;
  for (const migration of pending) {
    if (migration.version !== expected) {
      throw new Error(`migration ${migration.version} (${migration.name}) does not follow version ${expected - 1}`);
    }
    expected++;
  }
  if (pending.length === 0) return from;

  const to = pending[pending.length - 1]!.version;
  let current: Migration | undefined;
  try {
    db.transaction(() => {
      for (const migration of pending) {
        current = migration;
        migration.up(db);
        db.pragma(`user_version = ${migration.version}`);
      }
    })();
  } catch (error) {
    const step = current ? `migration ${current.version} (${current.name})` : 'the upgrade';
    // A UserError so every front end shows the sentence as it is; the cause keeps the stack for a bug report.
    const failure = new UserError(
      `Upgrading the workspace from schema ${from} to ${to} failed in ${step}: ${(error as Error).message}. ` +
        `Every step was rolled back: the workspace is still at schema ${from}, unchanged.`,
      'workspace',
    );
    throw Object.assign(failure, { cause: error });
  }
  return to;
}
