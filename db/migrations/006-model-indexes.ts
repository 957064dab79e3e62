import type { Migration } from './migration';

/**
 * The capacity model reads claims by stage, metric and year (one gap) and by stage and metric (a
 * series, the pipeline, the years with data). The index by stage, country and year served none of
 * these without visiting every claim of the stage, and the claims of one stage and year lie all over
 * the table, so each was a page read of its own. This index holds every column the model reads from
 * claims, in claim order within a stage, metric and year: a gap reads it as one contiguous range.
 *
 * Whether a claim is the analyst's preferred one in its conflict group was a scan of every
 * preference per candidate claim; the second index makes it a lookup.
 */
export const modelIndexes: Migration = {
  version: 6,
  name: 'model indexes',
  up(db) {
    db.exec(`
      CREATE INDEX claims_for_model ON claims
        (stage, metric, year, seq, country, entity, facility_status, value, value_low, value_high, unit, credibility, id)
        WHERE value IS NOT NULL;
      CREATE INDEX conflict_preferences_by_claim ON conflict_preferences (claim_id);
    `);
  },
};
