import { randomBytes } from 'node:crypto';

/** Readable, collision-safe ids for assessments, scenarios and snapshots: "asm-5f3a9c1e2b7d", "scn-…", "snp-…". */
export function newScoreId(prefix: 'asm' | 'scn' | 'snp'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}
