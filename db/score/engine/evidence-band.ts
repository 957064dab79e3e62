import type { Database } from 'better-sqlite3';
import type { Reliability } from '../../evidence/vocabulary';

/**
 * The band on a judged factor, from the evidence of the claims the analyst linked to it. A score
 * that rests on an official statistic is held tighter than one resting on a trade-press report,
 * and a score resting on nothing, or on state media alone, is the widest:
 *
 * - half-width by the best source reliability among the linked claims' supporting sources:
 *   A or B ±5, C ±10, D ±15, E, F or no linked claim ±25;
 * - 5 more when any linked claim rests only on state media or is contested;
 * - the band is clamped to 0–100.
 */
export const judgedBandRule =
  'Band from the linked claims: best source graded A or B ±5, C ±10, D ±15, E, F or no linked claim ±25; 5 wider when any linked claim rests only on state media or is contested; clamped to 0–100.';

const halfWidthByGrade: Record<Reliability, number> = { A: 5, B: 5, C: 10, D: 15, E: 25, F: 25 };
const NO_EVIDENCE = 25;
const WEAK_EXTRA = 5;

export interface LinkedClaimEvidence {
  id: string;
  bestReliability: Reliability | null;
  credibility: number;
  stateMediaOnly: boolean;
  contested: boolean;
}

/** The evidence of the linked claims that still exist, in the order given; ids with no claim are left out. */
export function loadLinkedEvidence(db: Database, claimIds: readonly string[]): LinkedClaimEvidence[] {
  if (claimIds.length === 0) return [];
  const statement = db.prepare(
    `SELECT c.id, c.credibility, e.state_media_only AS stateMediaOnly,
            (e.contradicted = 1 OR e.conflict_group IS NOT NULL) AS contested,
            (SELECT min(s.reliability) FROM claim_citations cc JOIN sources s ON s.id = cc.source_id
              WHERE cc.claim_id = c.id AND cc.stance = 'supports') AS bestReliability
       FROM claims c JOIN claim_evidence e ON e.claim_seq = c.seq WHERE c.id = ?`,
  );
  const found: LinkedClaimEvidence[] = [];
  for (const id of claimIds) {
    const row = statement.get(id) as
      | { id: string; credibility: number; stateMediaOnly: number; contested: number; bestReliability: Reliability | null }
      | undefined;
    if (row)
      found.push({
        id: row.id,
        credibility: row.credibility,
        bestReliability: row.bestReliability,
        stateMediaOnly: row.stateMediaOnly === 1,
        contested: row.contested === 1,
      });
  }
  return found;
}

export interface EvidenceBand {
  low: number;
  high: number;
  halfWidth: number;
  /** The grade that set the width, or null with no linked claim. */
  bestReliability: Reliability | null;
  weak: boolean;
  /** The band's reason in words, for the factor's basis. */
  reason: string;
}

const clamp = (value: number) => Math.min(100, Math.max(0, value));

export function evidenceBand(score: number, evidence: readonly LinkedClaimEvidence[]): EvidenceBand {
  const grades = evidence.map((e) => e.bestReliability).filter((g): g is Reliability => g !== null);
  const best = grades.length > 0 ? [...grades].sort()[0]! : null;
  const weak = evidence.some((e) => e.stateMediaOnly || e.contested);
  const halfWidth = (best ? halfWidthByGrade[best] : NO_EVIDENCE) + (weak ? WEAK_EXTRA : 0);
  const reason =
    evidence.length === 0
      ? `no linked claim: ±${halfWidth}`
      : `best source ${best ?? 'ungraded'} among ${evidence.length} linked claim${evidence.length === 1 ? '' : 's'}${
          weak ? ', some resting only on state media or contested' : ''
        }: ±${halfWidth}`;
  return { low: clamp(score - halfWidth), high: clamp(score + halfWidth), halfWidth, bestReliability: best, weak, reason };
}
