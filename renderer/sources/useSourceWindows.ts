import type { OperationInput } from '../../db/api';
import { bridge } from '../bridge';
import { useRowWindows, type RowWindows } from '../common/useRowWindows';
import type { SourceListRow } from '../types';

type SourceQuery = NonNullable<OperationInput<'listSources'>>;
export type SourceFilters = Omit<SourceQuery, 'offset' | 'limit'>;
export type SourceWindows = RowWindows<SourceListRow>;

const fetchSources = (query: SourceQuery) => bridge().listSources(query);

/** The sources table, a window of rows at a time (50,000 sources scroll like 50). */
export function useSourceWindows(filters: SourceFilters, revision: number): SourceWindows {
  return useRowWindows(filters, revision, fetchSources);
}
