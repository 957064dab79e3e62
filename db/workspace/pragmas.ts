import type { Database } from 'better-sqlite3';

/** 'CHKP': marks an SQLite file as a Chokepoint workspace, so we never migrate someone else's database. */
export const CHOKEPOINT_APPLICATION_ID = 0x43484b50;

/**
 * Settings every read-write connection needs. WAL lets readers continue while a write commits;
 * synchronous=FULL makes each commit durable across power loss (NORMAL in WAL mode may lose the
 * last transactions), which matters more to an analyst than write speed.
 */
export function applyConnectionPragmas(db: Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -32768');
}
