import { useCallback } from 'react';
import { bridge } from '../bridge';
import { useLoadable } from '../common/useLoadable';

export interface SourceName {
  id: string;
  title: string;
  publisher: string | null;
}

/** Every source's title, for derived-from links and the derived-from picker. */
export function useSourceNames(version: number): SourceName[] {
  const load = useCallback(
    () => bridge().listSources({ offset: 0, limit: 500, sort: 'title', direction: 'asc' }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version: re-read after a write.
    [version],
  );
  const page = useLoadable(load);
  return (page.value?.rows ?? []).map(({ id, title, publisher }) => ({ id, title, publisher }));
}
