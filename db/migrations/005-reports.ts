import type { Migration } from './migration';

/**
 * Saved reports: a title page, a marking banner and an ordered list of items (charts with their
 * filters, score cards, claims tables, conflict comparisons, narrative). Only the recipe is stored:
 * a report is drawn from the workspace each time, so it follows the data when the data changes.
 */
export const reports: Migration = {
  version: 5,
  name: 'reports',
  up(db) {
    db.exec(`
      CREATE TABLE reports (
        seq          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE CHECK (length(trim(id)) > 0),
        name         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
        title        TEXT NOT NULL,
        author       TEXT,
        organisation TEXT,
        report_date  TEXT,
        -- NULL: the "as of" date is computed from the sources the report rests on.
        as_of        TEXT,
        marking      TEXT NOT NULL DEFAULT '',
        page_size    TEXT NOT NULL DEFAULT 'A4' CHECK (page_size IN ('A4', 'Letter')),
        items        TEXT NOT NULL CHECK (json_valid(items)),
        created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      ) STRICT;
    `);
  },
};
