import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrations/migration';

/**
 * Runs the migrations newer than the workspace, each in its own transaction together with the
 * user_version bump, so a failing step leaves the workspace at the last version that fully applied.
 */
export function runMigrations(db: Database, migrations: readonly Migration[]): number {
  let version = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= version) continue;
    if (migration.version !== version + 1) {
      throw new Error(`migration ${migration.version} (${migration.name}) does not follow version ${version}`);
    }
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    version = migration.version;
  }
  return version;
}
