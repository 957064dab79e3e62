import type { OperationOutput } from '../../db/api';

/** The metrics the Gap view offers: the two a consultant compares stage by stage. */
export type GapMetric = 'capacity_t_per_yr' | 'production_t';

export type StageOverview = OperationOutput<'getStageOverview'>;
