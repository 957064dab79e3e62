import type { Database } from 'better-sqlite3';
import starterAsset from '../../assets/starter/starter-workspace.json';
import { parseInput } from '../validation';
import { setMeta } from '../workspace/meta';
import { starterWorkspaceSchema, type StarterWorkspace } from './schema';

/**
 * The embedded starter dataset, bundled into the app at build time so a new workspace never
 * depends on files outside the package: 52 public sources and 80 claims on the rare-earth supply
 * chain, conflicts kept on purpose.
 */
export function starterWorkspace(): StarterWorkspace {
  return parseInput(starterWorkspaceSchema, starterAsset, 'starter workspace');
}

/** Inserts the starter dataset; the caller owns the transaction, so a failure leaves nothing behind. */
export function loadStarterData(db: Database, data: StarterWorkspace = starterWorkspace()): void {
  const insertSource = db.prepare(
    `INSERT INTO sources (id, title, publisher, publisher_type, origin_country, state_affiliated, published,
                          accessed, url, retrieved_via, reliability, reliability_reason)
     VALUES (@id, @title, @publisher, @publisherType, @originCountry, @stateAffiliated, @published,
             @accessed, @url, @retrievedVia, @reliability, @reliabilityReason)`,
  );
  const insertDerivation = db.prepare('INSERT INTO source_derivations (source_id, derived_from_id) VALUES (?, ?)');
  const insertClaim = db.prepare(
    `INSERT INTO claims (id, statement, stage, country, entity, facility_status, metric, value, value_low,
                         value_high, unit, year, credibility, credibility_reason, confidence_note)
     VALUES (@id, @statement, @stage, @country, @entity, @facilityStatus, @metric, @value, @valueLow,
             @valueHigh, @unit, @year, @credibility, @credibilityReason, @confidenceNote)`,
  );
  const insertCitation = db.prepare(
    `INSERT INTO claim_citations (claim_id, source_id, excerpt, locator, stance)
     VALUES (@claimId, @sourceId, @excerpt, @locator, @stance)`,
  );
  for (const { derivedFrom: _derivedFrom, ...source } of data.sources) insertSource.run(source);
  for (const source of data.sources) for (const origin of source.derivedFrom) insertDerivation.run(source.id, origin);
  for (const { citations, ...claim } of data.claims) {
    insertClaim.run(claim);
    for (const citation of citations) insertCitation.run({ claimId: claim.id, ...citation });
  }
  setMeta(db, 'starter_grading', data.grading);
  setMeta(db, 'starter_compiled', data.compiled);
}
