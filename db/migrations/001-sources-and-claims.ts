import type { Migration } from './migration';

/**
 * The evidence base as DESIGN.md describes it: sources (with derived-from links so relayed
 * reporting is not counted as independent), claims, and the citations between them.
 * Evidence status (corroborated, single-source, state-media only, contested) is computed from
 * these rows, never stored.
 */
export const sourcesAndClaims: Migration = {
  version: 1,
  name: 'sources and claims',
  up(db) {
    db.exec(`
      CREATE TABLE workspace_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- seq: a stable integer key (VACUUM may renumber implicit rowids) for search indexes and caches.
      CREATE TABLE sources (
        seq                INTEGER PRIMARY KEY,
        id                 TEXT NOT NULL UNIQUE,
        title              TEXT NOT NULL CHECK (length(trim(title)) > 0),
        publisher          TEXT,
        publisher_type     TEXT NOT NULL CHECK (publisher_type IN ('government', 'intergovernmental',
                             'company', 'state_media', 'state_owned_company', 'news', 'industry_analyst',
                             'academic', 'other')),
        origin_country     TEXT,
        state_affiliated   TEXT NOT NULL DEFAULT 'unknown' CHECK (state_affiliated IN ('yes', 'no', 'unknown')),
        published          TEXT CHECK (published GLOB '[0-9][0-9][0-9][0-9]*'),
        accessed           TEXT CHECK (accessed GLOB '[0-9][0-9][0-9][0-9]*'),
        url                TEXT,
        retrieved_via      TEXT,
        reliability        TEXT NOT NULL DEFAULT 'F' CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
        reliability_reason TEXT,
        notes              TEXT,
        created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      ) STRICT;

      -- A news piece relaying a company release or a state-media item is not an independent origin.
      CREATE TABLE source_derivations (
        source_id       TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        derived_from_id TEXT NOT NULL REFERENCES sources(id) ON DELETE RESTRICT,
        PRIMARY KEY (source_id, derived_from_id),
        CHECK (source_id <> derived_from_id)
      ) STRICT;

      CREATE TABLE claims (
        seq                INTEGER PRIMARY KEY,
        id                 TEXT NOT NULL UNIQUE,
        statement          TEXT NOT NULL CHECK (length(trim(statement)) > 0),
        stage              TEXT CHECK (stage IN ('mining', 'separation', 'refining', 'metals', 'magnets', 'policy')),
        -- A country, or an aggregate such as "World" or "European Union" (never summed with countries).
        country            TEXT,
        entity             TEXT,
        facility_status    TEXT CHECK (facility_status IN ('operating', 'under_construction', 'planned', 'idle')),
        metric             TEXT NOT NULL DEFAULT 'qualitative' CHECK (metric IN ('capacity_t_per_yr',
                             'production_t', 'share_pct', 'yield_pct', 'quota_t', 'exports_t',
                             'scheduled_commissioning_year', 'price_usd_per_kg', 'qualitative')),
        value              REAL,
        value_low          REAL,
        value_high         REAL,
        unit               TEXT,
        year               INTEGER CHECK (year BETWEEN 1900 AND 2200),
        credibility        INTEGER NOT NULL DEFAULT 6 CHECK (credibility BETWEEN 1 AND 6),
        credibility_reason TEXT,
        confidence_note    TEXT,
        notes              TEXT,
        created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        CHECK (value_low IS NULL OR value_high IS NULL OR value_low <= value_high)
      ) STRICT;

      CREATE INDEX claims_by_stage_country_year ON claims (stage, country, year);

      CREATE TABLE claim_citations (
        claim_id  TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE RESTRICT,
        excerpt   TEXT,
        locator   TEXT,
        stance    TEXT NOT NULL DEFAULT 'supports' CHECK (stance IN ('supports', 'contradicts')),
        PRIMARY KEY (claim_id, source_id)
      ) STRICT;

      CREATE INDEX claim_citations_by_source ON claim_citations (source_id);
    `);
  },
};
