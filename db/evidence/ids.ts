import { randomBytes } from 'node:crypto';

/** Readable, collision-safe ids for new rows: "clm-5f3a9c1e2b7d", "src-…". */
export function newId(prefix: 'clm' | 'src'): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}
