import { useCallback } from 'react';
import type { ChartSources } from '../../db/model/chart-sources';
import { bridge } from '../bridge';
import { useLoadable } from '../common/useLoadable';
import type { ShownSources } from './chart-meta';

const none: ChartSources = { sources: [], asOf: null };
// The chart may be drawn before its sources answer (the database process may be busy with the
// gap view's series): until then the source line says so instead of "No sources counted".
const pending: ShownSources = { ...none, pending: true };

/**
 * The sources behind a chart's claims, for its source line and "as of" date. Keyed on the claim ids
 * themselves, so a chart whose claims did not change does not ask again.
 */
export function useChartSources(claimIds: readonly string[]): ShownSources {
  const key = [...new Set(claimIds)].sort().join('\n');
  const load = useCallback(() => (key ? bridge().getChartSources({ claimIds: key.split('\n') }) : Promise.resolve(none)), [key]);
  return useLoadable(load).value ?? pending;
}
