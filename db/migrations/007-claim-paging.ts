import type { Migration } from './migration';

/**
 * The claims table's pages at a million claims. Sorting by credibility had no index, so every page
 * sorted every claim; a metric filter had none either, so counting it read every claim (the index
 * is in the table's default order, so a metric's claims are also paged without a sort); and
 * "corroborated" (two or more independent origins) was counted by reading all of claim_evidence.
 */
export const claimPaging: Migration = {
  version: 7,
  name: 'claim paging',
  up(db) {
    db.exec(`
      CREATE INDEX claims_by_credibility ON claims (credibility, seq);
      CREATE INDEX claims_by_metric ON claims (metric, stage_rank, country, year, seq);
      CREATE INDEX claim_evidence_corroborated ON claim_evidence (claim_seq) WHERE independent_origins >= 2;
    `);
  },
};
