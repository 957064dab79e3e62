import type { Migration } from './migration';
import { sourcesAndClaims } from './001-sources-and-claims';

/** Every migration that has shipped, in order. The last one's version is the current schema. */
export const migrations: readonly Migration[] = [sourcesAndClaims];

export const CURRENT_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
