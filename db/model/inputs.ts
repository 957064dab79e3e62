import { z } from 'zod';

/** The inclusion rules as a front end may send them: every rule optional, the defaults stated in types.ts. */
export const rulesInput = z
  .strictObject({
    minReliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']).optional(),
    minCredibility: z.number().int().min(1).max(6).optional(),
    excludeStateMediaOnly: z.boolean().optional(),
    statuses: z
      .array(z.enum(['operating', 'under_construction', 'planned', 'idle']))
      .min(1, 'choose at least one facility status')
      .max(10, 'list each facility status once')
      .optional(),
  })
  .optional();

/** The metrics that are masses and can be summed by country; shares, yields and prices cannot. */
export const modelMetrics = ['capacity_t_per_yr', 'production_t', 'quota_t', 'exports_t'] as const;
export const chainStages = ['mining', 'separation', 'refining', 'metals', 'magnets'] as const;
const modelMetric = z.enum(modelMetrics);

export const gapInput = z.strictObject({
  stage: z.enum(chainStages),
  metric: modelMetric,
  year: z.number().int().min(1900).max(2200),
  rules: rulesInput,
});

export const gapSeriesInput = gapInput.omit({ year: true });

export const stageOverviewInput = z.strictObject({
  metric: modelMetric,
  year: z.number().int().min(1900).max(2200).optional(),
  rules: rulesInput,
});

/** The pipeline is about capacity only; without a stage, every stage with ex-China facility claims. */
export const pipelineInput = z.strictObject({
  stage: z.enum(chainStages).optional(),
  metric: z.literal('capacity_t_per_yr'),
  rules: rulesInput,
});
