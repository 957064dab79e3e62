import type { Migration } from './migration';

/**
 * Risk scoring's stored inputs: assessments (method, weights, the capacity model's rules), the
 * analyst's judged factor scores with the claims they rest on, the EU method's country governance
 * table and per-stage recycling and substitution, scenarios (named overrides that never touch
 * claims) and snapshots (an assessment and its results as they stood on a day, written once).
 *
 * Every workspace gets one default assessment, "Base assessment", so even an empty workspace can
 * score the computed factors. Its weights and rules are written out here rather than imported from
 * db/score/presets.ts: a later change to a preset must not change what this step did.
 */

// The "Balanced" preset as it shipped with schema 4, in factor order.
const balancedWeights = {
  china_share: 0.2,
  concentration: 0.15,
  pipeline_coverage: 0.15,
  export_controls: 0.125,
  know_how: 0.125,
  state_coordination: 0.125,
  substitutability: 0.125,
};
// The capacity model's default inclusion rules as they stood at schema 4.
const defaultRules = { minReliability: 'F', minCredibility: 6, excludeStateMediaOnly: false, statuses: ['operating'] };

export const riskAssessments: Migration = {
  version: 4,
  name: 'risk assessments',
  up(db) {
    db.exec(`
      -- is_default: the assessment a front end scores when it names none; exactly one per workspace.
      CREATE TABLE assessments (
        seq          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE CHECK (length(trim(id)) > 0),
        name         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
        is_default   INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
        author       TEXT,
        method       TEXT NOT NULL DEFAULT 'weighted' CHECK (method IN ('weighted', 'eu-sr')),
        weights      TEXT NOT NULL CHECK (json_valid(weights)),
        preset_name  TEXT,
        rules        TEXT NOT NULL CHECK (json_valid(rules)),
        metric       TEXT NOT NULL DEFAULT 'capacity_t_per_yr' CHECK (metric IN ('capacity_t_per_yr', 'production_t')),
        horizon_year INTEGER NOT NULL CHECK (horizon_year BETWEEN 1900 AND 2200),
        created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      ) STRICT;
      CREATE UNIQUE INDEX assessments_one_default ON assessments (is_default) WHERE is_default = 1;

      -- A score the analyst must defend: no judged score without a written rationale.
      CREATE TABLE judged_scores (
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        stage         TEXT NOT NULL CHECK (stage IN ('mining', 'separation', 'refining', 'metals', 'magnets')),
        factor        TEXT NOT NULL CHECK (factor IN ('export_controls', 'know_how', 'state_coordination', 'substitutability')),
        score         REAL NOT NULL CHECK (score BETWEEN 0 AND 100),
        rationale     TEXT NOT NULL CHECK (length(trim(rationale)) > 0),
        updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        PRIMARY KEY (assessment_id, stage, factor)
      ) STRICT, WITHOUT ROWID;

      -- Deleting a claim drops its link here but leaves the score and its rationale: the analyst's
      -- words stay, and the score simply shows one claim fewer behind it.
      CREATE TABLE judged_score_claims (
        assessment_id TEXT NOT NULL,
        stage         TEXT NOT NULL,
        factor        TEXT NOT NULL,
        claim_id      TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE ON UPDATE CASCADE,
        position      INTEGER NOT NULL,
        PRIMARY KEY (assessment_id, stage, factor, claim_id),
        FOREIGN KEY (assessment_id, stage, factor) REFERENCES judged_scores (assessment_id, stage, factor) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX judged_score_claims_by_claim ON judged_score_claims (claim_id);

      -- The EU supply-risk method's country table: governance 0–10 (higher = weaker), trade factor ≥ 1.
      CREATE TABLE country_governance (
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        country       TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(country)) > 0),
        governance    REAL NOT NULL CHECK (governance BETWEEN 0 AND 10),
        trade_factor  REAL NOT NULL DEFAULT 1 CHECK (trade_factor >= 1),
        note          TEXT,
        PRIMARY KEY (assessment_id, country)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE stage_supply_inputs (
        assessment_id      TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        stage              TEXT NOT NULL CHECK (stage IN ('mining', 'separation', 'refining', 'metals', 'magnets')),
        recycling_rate     REAL NOT NULL CHECK (recycling_rate BETWEEN 0 AND 1),
        substitution_index REAL NOT NULL CHECK (substitution_index BETWEEN 0 AND 1),
        note               TEXT,
        PRIMARY KEY (assessment_id, stage)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE scenarios (
        seq           INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE CHECK (length(trim(id)) > 0),
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        name          TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
        description   TEXT,
        overrides     TEXT NOT NULL CHECK (json_valid(overrides)),
        created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        UNIQUE (assessment_id, name)
      ) STRICT;

      -- A dated record of an assessment and its results, for the trend and the diff. What was
      -- scored on a day must stay what was scored: the triggers refuse any change after writing.
      -- An assessment with snapshots cannot be deleted (no cascade): that would rewrite its trend.
      CREATE TABLE snapshots (
        seq           INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE CHECK (length(trim(id)) > 0),
        assessment_id TEXT NOT NULL REFERENCES assessments(id),
        taken_at      TEXT NOT NULL,
        author        TEXT,
        note          TEXT,
        method        TEXT NOT NULL CHECK (method IN ('weighted', 'eu-sr')),
        weights       TEXT NOT NULL CHECK (json_valid(weights)),
        inputs        TEXT NOT NULL CHECK (json_valid(inputs)),
        results       TEXT NOT NULL CHECK (json_valid(results))
      ) STRICT;
      CREATE INDEX snapshots_by_assessment ON snapshots (assessment_id, taken_at, seq);
      CREATE TRIGGER snapshots_are_written_once BEFORE UPDATE ON snapshots
        BEGIN SELECT RAISE(ABORT, 'a snapshot is written once and never changed'); END;
    `);
    db.prepare(
      `INSERT INTO assessments (id, name, is_default, method, weights, preset_name, rules, metric, horizon_year)
       VALUES ('asm-base', 'Base assessment', 1, 'weighted', ?, 'Balanced', ?, 'capacity_t_per_yr', 2030)`,
    ).run(JSON.stringify(balancedWeights), JSON.stringify(defaultRules));
  },
};
