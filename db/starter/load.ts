import type { Database } from 'better-sqlite3';
import starterAsset from '../../assets/starter/starter-workspace.json';
import { appendAudit } from '../audit/log';
import { contentDigest } from '../audit/verify-rows';
import { claimSnapshotReader, insertClaimRows } from '../evidence/claim-writes';
import { refreshEvidence } from '../evidence/refresh';
import { reindexClaims } from '../evidence/search-index';
import { insertSourceRow, sourceSnapshotReader } from '../evidence/source-writes';
import { parseInput } from '../validation';
import { setMeta } from '../workspace/meta';
import { loadStarterAssessment } from './load-assessment';
import { starterWorkspaceSchema, type StarterWorkspace } from './schema';

/**
 * The embedded starter dataset, bundled into the app at build time so a new workspace never
 * depends on files outside the package: 52 public sources and 80 claims on the rare-earth supply
 * chain, conflicts kept on purpose. Loading it also fills the workspace's default assessment from
 * the hand-written starter assessment (see load-assessment.ts).
 */
export function starterWorkspace(): StarterWorkspace {
  return parseInput(starterWorkspaceSchema, starterAsset, 'starter workspace');
}

/** Inserts the starter dataset; the caller owns the transaction, so a failure leaves nothing behind. */
export function loadStarterData(db: Database, data: StarterWorkspace = starterWorkspace()): void {
  for (const source of data.sources) insertSourceRow(db, { ...source, notes: null });
  const link = db.prepare('INSERT INTO source_derivations (source_id, derived_from_id) VALUES (?, ?)');
  for (const source of data.sources) for (const origin of source.derivedFrom) link.run(source.id, origin);
  insertClaimRows(
    db,
    data.claims.map((claim) => ({ ...claim, tags: [], notes: null })),
  );
  refreshEvidence(db, 'all');
  reindexClaims(db, 'all');
  setMeta(db, 'starter_grading', data.grading);
  setMeta(db, 'starter_compiled', data.compiled);
  const assessment = loadStarterAssessment(db);
  // Each row's content digest, so `verify` can tell a starter claim edited outside Chokepoint.
  const claim = claimSnapshotReader(db);
  const source = sourceSnapshotReader(db);
  const contentSha256 = {
    claims: Object.fromEntries(data.claims.map(({ id }) => [id, contentDigest(claim(id)!)])),
    sources: Object.fromEntries(data.sources.map(({ id }) => [id, contentDigest(source(id)!)])),
  };
  appendAudit(db, {
    action: 'import',
    entityType: 'import',
    entityId: 'starter-dataset',
    after: {
      what: 'starter dataset',
      compiled: data.compiled,
      sources: data.sources.length,
      claims: data.claims.length,
      assessment,
      contentSha256,
    },
  });
}
