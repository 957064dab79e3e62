import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from './errors';

/** Rows fetched per call: one window of the table. */
export const windowSize = 100;
/** Windows kept in memory; the oldest-used go first, so a million-row scroll stays small. */
const maxWindows = 60;
/** Requests on their way at once. */
const maxInFlight = 2;

/** One page of a table as the list operations return it. */
export interface RowPage<Row> {
  total: number;
  rows: Row[];
}

export interface RowWindows<Row> {
  /** How many rows match, from the latest answer; undefined until the first arrives. */
  total: number | undefined;
  rowAt: (index: number) => Row | undefined;
  /** Asks for every window overlapping [first, last] that is not cached or on its way. */
  ensure: (first: number, last: number) => void;
  error: string | undefined;
  /** Whether the rows on screen are from before the latest filter or write. */
  stale: boolean;
}

/**
 * Fetches a virtualized table window by window (offset/limit), caches the windows, and drops
 * answers for an older query. A new `revision` (after a write) refetches in place: the old rows
 * stay on screen until their fresh window arrives, so the table does not blink. `fetchPage` must be
 * a stable function (defined at module level): the claims and sources tables each pass their operation.
 */
export function useRowWindows<Row, Filters extends object>(
  filters: Filters,
  revision: number,
  fetchPage: (query: Filters & { offset: number; limit: number }) => Promise<RowPage<Row>>,
): RowWindows<Row> {
  const key = JSON.stringify(filters);
  const state = useRef({
    key,
    revision,
    generation: 0,
    windows: new Map<number, Row[]>(),
    previous: new Map<number, Row[]>(),
    pending: new Set<number>(),
    wanted: [0, 0] as [number, number],
  });
  const [, setTick] = useState(0);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [stale, setStale] = useState(false);
  const rerender = useCallback(() => setTick((tick) => tick + 1), []);

  // Asks for the windows in view that are neither cached nor on their way, at most `maxInFlight` at
  // once: during a fast scroll the windows scrolled past before their turn are never asked for, so
  // the answers that arrive are the ones on screen.
  const pump = useCallback(() => {
    const run = () => {
      const current = state.current;
      const [first, last] = current.wanted;
      for (
        let index = Math.floor(Math.max(0, first) / windowSize);
        index <= Math.floor(Math.max(0, last) / windowSize);
        index++
      ) {
        if (current.pending.size >= maxInFlight) return;
        if (current.windows.has(index) || current.pending.has(index)) continue;
        const generation = current.generation;
        current.pending.add(index);
        fetchPage({ ...(JSON.parse(current.key) as Filters), offset: index * windowSize, limit: windowSize }).then(
          (page) => {
            if (state.current.generation !== generation) return;
            current.pending.delete(index);
            current.windows.delete(index);
            current.previous.delete(index);
            current.windows.set(index, page.rows);
            while (current.windows.size > maxWindows) current.windows.delete(current.windows.keys().next().value!);
            setTotal(page.total);
            setError(undefined);
            setStale(false);
            const [wantedFirst, wantedLast] = current.wanted;
            // A window already scrolled past is kept for a scroll back, without redrawing the table for it.
            if ((index + 1) * windowSize > wantedFirst && index * windowSize <= wantedLast) rerender();
            run();
          },
          (failure: unknown) => {
            if (state.current.generation !== generation) return;
            current.pending.delete(index);
            setError(messageOf(failure));
          },
        );
      }
    };
    run();
  }, [rerender, fetchPage]);

  const ensure = useCallback(
    (first: number, last: number) => {
      state.current.wanted = [first, last];
      pump();
    },
    [pump],
  );

  useEffect(() => {
    const current = state.current;
    if (current.key === key && current.revision === revision && current.generation > 0) return;
    const sameQuery = current.key === key;
    const kept = new Map<number, Row[]>();
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
