import { bridge } from '../bridge';
import { useRowWindows, type RowWindows } from '../common/useRowWindows';
import type { ClaimListRow, ClaimQuery } from '../types';

export type ClaimWindows = RowWindows<ClaimListRow>;
type Filters = Omit<ClaimQuery, 'offset' | 'limit'>;

const fetchClaims = (query: ClaimQuery) => bridge().listClaims(query);

/** The claims table, a window of rows at a time. */
export function useClaimWindows(filters: Filters, revision: number): ClaimWindows {
  return useRowWindows(filters, revision, fetchClaims);
}
