import { z } from 'zod';
import { facilityStatuses, metrics, publisherTypes, stages, stateAffiliations } from './vocabulary';

/**
 * What an analyst may write: the zod schemas of claim and source forms, shared by the operation
 * table, the import paths and the CLI, so every door checks the same rules with the same words.
 */
/**
 * A lone UTF-16 surrogate (half of an emoji lost in a bad copy) has no UTF-8 form: SQLite would store
 * bytes that are not text at all. It becomes U+FFFD, as a browser shows it, and the rest stays as typed.
 */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const text = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => s.trim().replace(loneSurrogate, '\ufffd'));
const optionalText = (max: number) =>
  text(max)
    .nullable()
    .optional()
    .transform((s) => (s ? s : null));
const partialDate = z
  .string()
  .trim()
  .max(10, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .nullable()
  .optional()
  .transform((s) => s ?? null);
const figure = z
  .number()
  .finite('must be a finite number')
  .nullable()
  .optional()
  .transform((n) => n ?? null);

export const reliabilitySchema = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
export const stanceSchema = z.enum(['supports', 'contradicts']);

export const citationInput = z.strictObject({
  sourceId: z.string().min(1, 'choose a source').max(200, 'must be at most 200 characters'),
  excerpt: optionalText(4000),
  locator: optionalText(200),
  stance: stanceSchema.default('supports'),
});

export const claimInput = z
  .strictObject({
    statement: text(4000).pipe(z.string().min(1, 'a claim needs a statement')),
    stage: z
      .enum(stages)
      .nullable()
      .optional()
      .transform((s) => s ?? null),
    country: optionalText(120),
    entity: optionalText(200),
    facilityStatus: z
      .enum(facilityStatuses)
      .nullable()
      .optional()
      .transform((s) => s ?? null),
    metric: z.enum(metrics).default('qualitative'),
    value: figure,
    valueLow: figure,
    valueHigh: figure,
    unit: optionalText(120),
    year: z
      .number()
      .int('must be a whole year')
      .min(1900)
      .max(2200)
      .nullable()
      .optional()
      .transform((y) => y ?? null),
    credibility: z.number().int().min(1).max(6).default(6),
    credibilityReason: optionalText(2000),
    confidenceNote: optionalText(4000),
    notes: optionalText(20000),
    tags: z
      .array(text(60).pipe(z.string().min(1, 'a tag cannot be empty')))
      .max(50)
      .default([])
      .transform((tags) => [...new Set(tags)]),
    citations: z.array(citationInput).min(1, 'a claim cites at least one source').max(50),
  })
  .superRefine((claim, ctx) => {
    const { value, valueLow, valueHigh } = claim;
    if (valueLow !== null && valueHigh !== null && valueLow > valueHigh)
      ctx.addIssue({ code: 'custom', path: ['valueLow'], message: 'the low end is above the high end' });
    if (value !== null && valueLow !== null && value < valueLow)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'the value is below the low end of its range' });
    if (value !== null && valueHigh !== null && value > valueHigh)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'the value is above the high end of its range' });
    const sources = claim.citations.map((c) => c.sourceId);
    if (new Set(sources).size !== sources.length)
      ctx.addIssue({ code: 'custom', path: ['citations'], message: 'a source is cited twice; keep one citation per source' });
  });
export type ClaimInput = z.output<typeof claimInput>;

export const sourceInput = z.strictObject({
  title: text(500).pipe(z.string().min(1, 'a source needs a title')),
  publisher: optionalText(300),
  publisherType: z.enum(publisherTypes),
  originCountry: optionalText(120),
  stateAffiliated: z.enum(stateAffiliations).default('unknown'),
  published: partialDate,
  accessed: partialDate,
  // Stored and shown as text only: Chokepoint never opens it.
  url: optionalText(2000),
  retrievedVia: optionalText(1000),
  reliability: reliabilitySchema.default('F'),
  reliabilityReason: optionalText(2000),
  notes: optionalText(20000),
  derivedFrom: z.array(z.string().min(1).max(200, 'must be at most 200 characters')).max(50).default([]),
});
export type SourceInput = z.output<typeof sourceInput>;

export const claimQueryInput = z.strictObject({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
  search: z.string().max(500).optional(),
  stage: z.enum(stages).optional(),
  country: z.string().max(120).optional(),
  side: z.enum(['china', 'ex-china', 'aggregate']).optional(),
  metric: z.enum(metrics).optional(),
  yearFrom: z.number().int().optional(),
  yearTo: z.number().int().optional(),
  evidence: z.enum(['corroborated', 'single_source', 'state_media_only', 'contested']).optional(),
  reliability: z.array(reliabilitySchema).max(6).optional(),
  credibilityAtMost: z.number().int().min(1).max(6).optional(),
  publisherType: z.enum(publisherTypes).optional(),
  tag: z.string().max(60).optional(),
  sort: z.enum(['relevance', 'stage', 'country', 'year', 'value', 'credibility', 'statement', 'updated']).default('stage'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});
export type ClaimQuery = z.output<typeof claimQueryInput>;

export const sourceQueryInput = z.strictObject({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
  search: z.string().max(500).optional(),
  publisherType: z.enum(publisherTypes).optional(),
  reliability: z.array(reliabilitySchema).max(6).optional(),
  sort: z.enum(['publisher', 'title', 'published', 'reliability', 'claims']).default('publisher'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});
export type SourceQuery = z.output<typeof sourceQueryInput>;
