import type { Database } from 'better-sqlite3';
import { appendAudit } from '../audit/log';
import { UserError } from '../errors';
import { listClaimsByIds } from './claim-query';
import { spreadOf } from './conflicts';
import { metricLabels, stageLabels, type Metric, type Stage } from './vocabulary';
import type { ConflictGroup } from './views';

/** The conflict groups of the workspace, side by side, and the analyst's preferred claim in each. */
function describeSubject(key: string, country: string | null, entity: string | null): string {
  const [stage, metric, year] = key.split('|') as [Stage | 'any', Metric, string];
  return [entity ?? country ?? '—', stage === 'any' ? 'any stage' : stageLabels[stage], metricLabels[metric], year].join(' · ');
}

export function listConflictGroups(db: Database, only?: string): ConflictGroup[] {
  const members = db
    .prepare(
      `SELECT e.conflict_group AS key, c.id FROM claim_evidence e JOIN claims c ON c.seq = e.claim_seq
        WHERE e.conflict_group IS NOT NULL ${only ? 'AND e.conflict_group = @only' : ''}
        ORDER BY e.conflict_group, c.value`,
    )
    .all(only ? { only } : {}) as { key: string; id: string }[];
  const byKey = new Map<string, string[]>();
  for (const { key, id } of members) byKey.set(key, [...(byKey.get(key) ?? []), id]);
  const preference = db.prepare('SELECT claim_id AS claimId, reason FROM conflict_preferences WHERE group_key = ?');
  return [...byKey].map(([key, ids]) => {
    const claims = listClaimsByIds(db, ids);
    const preferred = preference.get(key) as { claimId: string; reason: string } | undefined;
    const first = claims[0]!;
    return {
      key,
      subject: describeSubject(key, first.country, first.entity),
      spread: spreadOf(claims.map((c) => c.value ?? 0)),
      preferredClaimId: preferred?.claimId ?? null,
      preferredReason: preferred?.reason ?? null,
      claims,
    };
  });
}

export function setPreferredClaim(db: Database, groupKey: string, claimId: string, reason: string): void {
  db.transaction(() => {
    const inGroup = db
      .prepare('SELECT 1 FROM claim_evidence e JOIN claims c ON c.seq = e.claim_seq WHERE c.id = ? AND e.conflict_group = ?')
      .get(claimId, groupKey);
    if (!inGroup) throw new UserError(`Claim "${claimId}" is not in the conflict group "${groupKey}".`, 'claimId');
    const before = db.prepare('SELECT claim_id AS claimId, reason FROM conflict_preferences WHERE group_key = ?').get(groupKey);
    db.prepare(
      `INSERT INTO conflict_preferences (group_key, claim_id, reason) VALUES (?, ?, ?)
       ON CONFLICT (group_key) DO UPDATE SET claim_id = excluded.claim_id, reason = excluded.reason,
         set_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    ).run(groupKey, claimId, reason);
    appendAudit(db, { action: 'prefer', entityType: 'conflict_group', entityId: groupKey, before, after: { claimId, reason } });
    appendAudit(db, { action: 'prefer', entityType: 'claim', entityId: claimId, after: { groupKey, reason } });
  })();
}

export function clearPreferredClaim(db: Database, groupKey: string): void {
  db.transaction(() => {
    const before = db.prepare('SELECT claim_id AS claimId, reason FROM conflict_preferences WHERE group_key = ?').get(groupKey);
    if (!before) throw new UserError('No claim is preferred in this conflict group.', 'groupKey');
    db.prepare('DELETE FROM conflict_preferences WHERE group_key = ?').run(groupKey);
    appendAudit(db, { action: 'unprefer', entityType: 'conflict_group', entityId: groupKey, before });
  })();
}
