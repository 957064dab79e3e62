import { refreshEvidence } from '../evidence/refresh';
import { reindexClaims } from '../evidence/search-index';
import type { Migration } from './migration';

/**
 * The evidence base around sources and claims: tags, archived copies, the analyst's preferred claim
 * per conflict group, the computed evidence status of every claim (kept current by the write paths
 * so filters stay indexed at a million claims), full-text search, saved import recipes, and the
 * append-only, hash-chained audit log.
 */
export const evidenceBase: Migration = {
  version: 2,
  name: 'evidence base',
  up(db) {
    db.exec(`
      CREATE TABLE claim_tags (
        claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        tag      TEXT NOT NULL CHECK (length(trim(tag)) > 0),
        PRIMARY KEY (claim_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX claim_tags_by_tag ON claim_tags (tag, claim_id);

      -- A copy of what the analyst read, kept inside the workspace so it can be checked offline.
      CREATE TABLE source_archives (
        source_id  TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
        kind       TEXT NOT NULL CHECK (kind IN ('text', 'file')),
        file_name  TEXT,
        media_type TEXT NOT NULL,
        content    BLOB NOT NULL,
        sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
        size       INTEGER NOT NULL,
        added_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      ) STRICT;

      CREATE TABLE conflict_preferences (
        group_key TEXT PRIMARY KEY,
        claim_id  TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        reason    TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        set_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      ) STRICT;

      -- Derived from claims, citations and sources; rebuilt for the claims a write touches, never typed in.
      CREATE TABLE claim_evidence (
        claim_seq           INTEGER PRIMARY KEY REFERENCES claims(seq) ON DELETE CASCADE,
        independent_origins INTEGER NOT NULL,
        state_media_only    INTEGER NOT NULL CHECK (state_media_only IN (0, 1)),
        contradicted        INTEGER NOT NULL CHECK (contradicted IN (0, 1)),
        subject_key         TEXT,
        conflict_group      TEXT,
        side                TEXT CHECK (side IN ('china', 'ex-china', 'aggregate'))
      ) STRICT;
      CREATE INDEX claim_evidence_by_subject ON claim_evidence (subject_key) WHERE subject_key IS NOT NULL;
      CREATE INDEX claim_evidence_by_side ON claim_evidence (side, claim_seq);
      CREATE INDEX claim_evidence_state_media_only ON claim_evidence (claim_seq) WHERE state_media_only = 1;
      CREATE INDEX claim_evidence_contested ON claim_evidence (claim_seq) WHERE contradicted = 1 OR conflict_group IS NOT NULL;

      -- The claims view's default order (stage in supply-chain order, then country, year) as an
      -- index, so the first page of a million claims needs no sort.
      ALTER TABLE claims ADD COLUMN stage_rank INTEGER GENERATED ALWAYS AS (
        CASE stage WHEN 'mining' THEN 1 WHEN 'separation' THEN 2 WHEN 'refining' THEN 3 WHEN 'metals' THEN 4
                   WHEN 'magnets' THEN 5 WHEN 'policy' THEN 6 ELSE 7 END) VIRTUAL;
      CREATE INDEX claims_in_stage_order ON claims (stage_rank, country, year, seq);
      CREATE INDEX claims_by_year ON claims (year, seq);
      CREATE INDEX claims_by_value ON claims (value, seq);
      CREATE INDEX claims_by_country ON claims (country COLLATE NOCASE, year, seq);
      CREATE INDEX claims_by_updated ON claims (updated_at, seq);
      CREATE INDEX claim_evidence_by_group ON claim_evidence (conflict_group) WHERE conflict_group IS NOT NULL;

      -- rowid = claims.seq. Kept by the write paths, which know every table a claim's text comes from.
      CREATE VIRTUAL TABLE claim_search USING fts5 (
        statement, excerpts, notes, sources,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '3'
      );

      CREATE TABLE import_recipes (
        name     TEXT PRIMARY KEY CHECK (length(trim(name)) > 0),
        recipe   TEXT NOT NULL CHECK (json_valid(recipe)),
        saved_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      ) STRICT;

      CREATE TABLE audit_log (
        seq         INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        actor       TEXT NOT NULL,
        action      TEXT NOT NULL,
        entity_type TEXT NOT NULL,
        entity_id   TEXT NOT NULL,
        before      TEXT,
        after       TEXT,
        prev_hash   TEXT NOT NULL,
        hash        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_by_entity ON audit_log (entity_type, entity_id, seq);
      CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
    // Claims written under schema 1 get their evidence status and search entries now.
    refreshEvidence(db, 'all');
    reindexClaims(db, 'all');
  },
};
