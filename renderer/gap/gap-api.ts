import type { GapResult, InclusionRules } from '../../db/model/types';

export type GapMetric = 'capacity_t_per_yr' | 'production_t';

export interface StageOverview {
  metric: GapMetric;
  year: number | null;
  stages: GapResult[];
  /** Stages left out because one side has no counted figure (a share would mislead). */
  omitted: { stage: string; reason: string }[];
}

export interface ExportFile {
  /** A file name without folder, e.g. "stage-gap.svg". */
  name: string;
  kind: 'svg' | 'png';
  /** SVG text, or PNG bytes. */
  data: string | Uint8Array;
}

/**
 * The gap operations and the export save, reached through the bridge. Typed here, not taken from the
 * bridge's own type, so the view builds whether or not the running app has them yet; a missing one
 * becomes a message in the view instead of a crash.
 */
interface GapOperations {
  getGap?: (input: { stage: string; metric: GapMetric; year: number; rules?: Partial<InclusionRules> }) => Promise<GapResult>;
  getGapSeries?: (input: { stage: string; metric: GapMetric; rules?: Partial<InclusionRules> }) => Promise<GapResult[]>;
  getStageOverview?: (input: { metric: GapMetric; year?: number; rules?: Partial<InclusionRules> }) => Promise<StageOverview>;
  saveExport?: (file: ExportFile) => Promise<unknown>;
}

export function gapOperations(): GapOperations {
  return (window.chokepoint ?? {}) as unknown as GapOperations;
}

export const missingModel = 'The gap model is not in this build of Chokepoint yet.';
