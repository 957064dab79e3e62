import { z } from 'zod';
import { facilityStatuses, metrics, publisherTypes, stages, stateAffiliations } from '../evidence/vocabulary';

/**
 * The shape of the embedded starter workspace (assets/starter/starter-workspace.json). It is
 * checked on load, so a hand edit of the asset that breaks a rule fails loudly, naming the row.
 */
const partialDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD');

export const starterSourceSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  publisher: z.string().nullable(),
  publisherType: z.enum(publisherTypes),
  originCountry: z.string().nullable(),
  stateAffiliated: z.enum(stateAffiliations),
  published: partialDate.nullable(),
  accessed: partialDate.nullable(),
  url: z.string().nullable(),
  retrievedVia: z.string().nullable(),
  reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
  reliabilityReason: z.string().min(1),
  derivedFrom: z.array(z.string()),
});

export const starterClaimSchema = z.strictObject({
  id: z.string().min(1),
  statement: z.string().min(1),
  stage: z.enum(stages).nullable(),
  country: z.string().nullable(),
  entity: z.string().nullable(),
  facilityStatus: z.enum(facilityStatuses).nullable(),
  metric: z.enum(metrics),
  value: z.number().nullable(),
  valueLow: z.number().nullable(),
  valueHigh: z.number().nullable(),
  unit: z.string().nullable(),
  year: z.number().int().nullable(),
  credibility: z.number().int().min(1).max(6),
  credibilityReason: z.string().min(1),
  confidenceNote: z.string().nullable(),
  citations: z
    .array(
      z.strictObject({
        sourceId: z.string().min(1),
        excerpt: z.string().nullable(),
        locator: z.string().nullable(),
        stance: z.enum(['supports', 'contradicts']),
      }),
    )
    .min(1),
});

export const starterWorkspaceSchema = z.strictObject({
  format: z.literal('chokepoint-starter-workspace'),
  version: z.literal(1),
  about: z.string(),
  compiled: z.string(),
  grading: z.string(),
  sources: z.array(starterSourceSchema),
  claims: z.array(starterClaimSchema),
});

export type StarterWorkspace = z.infer<typeof starterWorkspaceSchema>;
export type StarterSource = z.infer<typeof starterSourceSchema>;
export type StarterClaim = z.infer<typeof starterClaimSchema>;
