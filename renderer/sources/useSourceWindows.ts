import { useCallback, useEffect, useRef, useState } from 'react';
import type { OperationInput } from '../../db/api';
import { bridge } from '../bridge';
import { messageOf } from '../common/errors';
import type { SourceListRow } from '../types';

/** Rows fetched per call: one window of the table (listSources allows up to 500). */
export const windowSize = 100;
/** Windows kept in memory; the oldest-used go first, so scrolling 50,000 sources stays small. */
const maxWindows = 60;

type SourceQuery = NonNullable<OperationInput<'listSources'>>;
export type SourceFilters = Omit<SourceQuery, 'offset' | 'limit'>;

export interface SourceWindows {
  /** How many sources match, from the latest answer; undefined until the first arrives. */
  total: number | undefined;
  rowAt: (index: number) => SourceListRow | undefined;
  /** Asks for every window overlapping [first, last] that is not cached or on its way. */
  ensure: (first: number, last: number) => void;
  error: string | undefined;
  /** Whether the rows on screen are from before the latest filter or write. */
  stale: boolean;
}

/**
 * The sources table's windows, fetched with offset/limit as they scroll into view. The same pattern
 * as renderer/claims/useClaimWindows.ts (answers for an older query are dropped; a new `revision`
 * refetches in place, keeping the old rows on screen until their fresh window arrives); only the
 * operation and the row type differ, so the two could become one hook over a fetch function.
 */
export function useSourceWindows(filters: SourceFilters, revision: number): SourceWindows {
  const key = JSON.stringify(filters);
  const state = useRef({
    key,
    revision,
    generation: 0,
    windows: new Map<number, SourceListRow[]>(),
    previous: new Map<number, SourceListRow[]>(),
    pending: new Set<number>(),
    wanted: [0, 0] as [number, number],
  });
  const [, setTick] = useState(0);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [stale, setStale] = useState(false);
  const rerender = useCallback(() => setTick((tick) => tick + 1), []);

  const fetchWindow = useCallback(
    (index: number) => {
      const current = state.current;
      if (current.windows.has(index) || current.pending.has(index)) return;
      const generation = current.generation;
      current.pending.add(index);
      bridge()
        .listSources({ ...(JSON.parse(current.key) as SourceFilters), offset: index * windowSize, limit: windowSize })
        .then(
          (page) => {
            if (state.current.generation !== generation) return;
            current.pending.delete(index);
            current.previous.delete(index);
            current.windows.set(index, page.rows);
            while (current.windows.size > maxWindows) current.windows.delete(current.windows.keys().next().value!);
            setTotal(page.total);
            setError(undefined);
            setStale(false);
            rerender();
          },
          (failure: unknown) => {
            if (state.current.generation !== generation) return;
            current.pending.delete(index);
            setError(messageOf(failure));
          },
        );
    },
    [rerender],
  );

  const ensure = useCallback(
    (first: number, last: number) => {
      state.current.wanted = [first, last];
      for (let index = Math.floor(Math.max(0, first) / windowSize); index <= Math.floor(Math.max(0, last) / windowSize); index++)
        fetchWindow(index);
    },
    [fetchWindow],
  );

  useEffect(() => {
    const current = state.current;
    if (current.key === key && current.revision === revision && current.generation > 0) return;
    const sameQuery = current.key === key;
    const kept = new Map<number, SourceListRow[]>();
    if (sameQuery)
      for (const source of [current.previous, current.windows]) for (const [index, rows] of source) kept.set(index, rows);
    current.previous = kept;
    current.key = key;
    current.revision = revision;
    current.generation++;
    current.windows = new Map();
    current.pending = new Set();
    setStale(true);
    if (!sameQuery) {
      setTotal(undefined);
      current.wanted = [0, 0];
    }
    setError(undefined);
    const [first, last] = current.wanted;
    ensure(first, last);
    rerender();
  }, [key, revision, ensure, rerender]);

  const rowAt = (index: number) => {
    const window = Math.floor(index / windowSize);
    const { windows, previous } = state.current;
    const rows = windows.get(window) ?? previous.get(window);
    return rows?.[index - window * windowSize];
  };

  return { total, rowAt, ensure, error, stale };
}
