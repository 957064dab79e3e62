import type { Database } from 'better-sqlite3';

/**
 * One forward-only step of the workspace schema. `version` is the PRAGMA user_version the workspace
 * has after `up` ran; versions are consecutive from 1. Never edit a migration that has shipped:
 * add the next one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
