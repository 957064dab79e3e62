import { useEffect, useState } from 'react';
import { messageOf } from './errors';

export interface Loadable<T> {
  /** The last value that arrived; kept while the next one loads so a table does not blink empty. */
  value: T | undefined;
  loading: boolean;
  /** The bridge's message, shown to the analyst as is. */
  error: string | undefined;
}

interface Settled<T> {
  /** Which call this answer belongs to: while it is not the current one, a newer call is loading. */
  from: (() => Promise<T>) | undefined;
  value: T | undefined;
  error: string | undefined;
}

/**
 * Runs one bridge call whenever `load` changes (callers memoise it on what it depends on) and
 * drops answers that arrive after a newer call started, so a slow page can never overwrite a newer one.
 */
export function useLoadable<T>(load: () => Promise<T>): Loadable<T> {
  const [settled, setSettled] = useState<Settled<T>>({ from: undefined, value: undefined, error: undefined });

  useEffect(() => {
    let current = true;
    Promise.resolve()
      .then(load)
      .then(
        (value) => {
          if (current) setSettled({ from: load, value, error: undefined });
        },
        (error: unknown) => {
          if (current) setSettled((previous) => ({ from: load, value: previous.value, error: messageOf(error) }));
        },
      );
    return () => {
      current = false;
    };
  }, [load]);

  const isCurrent = settled.from === load;
  return { value: settled.value, loading: !isCurrent, error: isCurrent ? settled.error : undefined };
}
