import { z } from 'zod';
import { metrics, stages } from '../evidence/vocabulary';
import { rulesInput } from '../model/inputs';

/**
 * A report's recipe as every front end sends it: the title page, the marking banner and an ordered
 * list of items. Only the recipe is stored; the figures are drawn from the workspace at render time.
 */
const text = (max: number) => z.string().trim().max(max);
const date = z
  .string()
  .max(10, 'a date such as 2025-06-30')
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date such as 2025-06-30');

export const chartItem = z.strictObject({
  kind: z.literal('chart'),
  chart: z.enum(['stage-gap', 'gap-trend', 'composition', 'pipeline']),
  stage: z.enum(stages).optional(),
  metric: z.enum(['capacity_t_per_yr', 'production_t']).optional(),
  year: z.number().int().min(1900).max(2200).optional(),
  mode: z.enum(['absolute', 'share']).optional(),
  rules: rulesInput.optional(),
});

export const reportItem = z.discriminatedUnion('kind', [
  chartItem,
  z.strictObject({ kind: z.literal('scores'), method: z.enum(['weighted', 'eu-sr']).optional() }),
  z.strictObject({
    kind: z.literal('claims'),
    title: text(200).optional(),
    claimIds: z.array(z.string().min(1).max(200)).max(500).optional(),
    filter: z
      .strictObject({
        search: z.string().max(500).optional(),
        stage: z.enum(stages).optional(),
        country: z.string().max(120).optional(),
        metric: z.enum(metrics).optional(),
        evidence: z.enum(['corroborated', 'single_source', 'state_media_only', 'contested']).optional(),
      })
      .optional(),
  }),
  z.strictObject({ kind: z.literal('conflict'), groupId: z.string().min(1).max(500) }),
  z.strictObject({ kind: z.literal('narrative'), markdown: z.string().max(50_000) }),
]);
export type ReportItem = z.output<typeof reportItem>;
export type ChartItem = z.output<typeof chartItem>;

export const reportInput = z.strictObject({
  name: text(200).min(1, 'name the report'),
  title: text(300).min(1, 'give the report a title'),
  author: text(200).nullable().optional(),
  organisation: text(200).nullable().optional(),
  reportDate: date.nullable().optional(),
  /** null: computed from the newest source the report rests on. */
  asOf: date.nullable().optional(),
  marking: text(300).default(''),
  pageSize: z.enum(['A4', 'Letter']).default('A4'),
  items: z.array(reportItem).max(200),
});
export type ReportInput = z.input<typeof reportInput>;

export const saveReportInput = reportInput.extend({ id: z.string().min(1).max(200).optional() });
export type SaveReportInput = z.input<typeof saveReportInput>;

export const reportKeyInput = z.strictObject({ id: z.string().min(1).max(200) });

export interface Report {
  id: string;
  name: string;
  title: string;
  author: string | null;
  organisation: string | null;
  reportDate: string | null;
  asOf: string | null;
  marking: string;
  pageSize: 'A4' | 'Letter';
  items: ReportItem[];
  createdAt: string;
  updatedAt: string;
}

/** A report to draw: a saved one (or "overview"), or an unsaved draft from the builder. */
export const reportSlidesInput = z
  .strictObject({
    id: z.string().min(1).max(200).optional(),
    report: reportInput.optional(),
    pageSize: z.enum(['A4', 'Letter']).optional(),
  })
  .refine((input) => (input.id === undefined) !== (input.report === undefined), {
    message: 'give either the id of a saved report or a draft report, not both',
    path: ['id'],
  });
