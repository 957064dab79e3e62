import type { ClaimInput } from '../evidence/inputs';
import { facilityStatuses, metrics, stages } from '../evidence/vocabulary';

/**
 * The claim schema (db/evidence/inputs.ts, claimInput) checked by hand for the drafts an import
 * builds, because running zod on each of a million rows was a large share of an import's time. It
 * only ever says yes when zod would say yes and give the same value; for anything unusual it says
 * "don't know" (undefined) and the caller asks zod, which also words the problem. A test compares
 * the two on many drafts, so a change to claimInput that this file misses is caught.
 */
const stageSet = new Set<string>(stages);
const statusSet = new Set<string>(facilityStatuses);
const metricSet = new Set<string>(metrics);
const known = new Set([
  'statement',
  'stage',
  'country',
  'entity',
  'facilityStatus',
  'metric',
  'value',
  'valueLow',
  'valueHigh',
  'unit',
  'year',
  'credibility',
  'credibilityReason',
  'confidenceNote',
  'notes',
  'tags',
  'citations',
]);

const UNSURE = Symbol('unsure');

/** optionalText(max): null/undefined → null; a string up to max characters, trimmed, '' → null. */
function optionalText(value: unknown, max: number): string | null | typeof UNSURE {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > max) return UNSURE;
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

function figure(value: unknown): number | null | typeof UNSURE {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' && Number.isFinite(value) ? value : UNSURE;
}

function oneOf(value: unknown, allowed: Set<string>): string | null | typeof UNSURE {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' && allowed.has(value) ? value : UNSURE;
}

export function validDraft(draft: Record<string, unknown>): ClaimInput | undefined {
  for (const key in draft) if (!known.has(key)) return undefined;
  const { statement: rawStatement, year: rawYear, credibility: rawCredibility, tags: rawTags, citations: rawCitations } = draft;
  if (typeof rawStatement !== 'string' || rawStatement.length > 4000) return undefined;
  const statement = rawStatement.trim();
  if (!statement) return undefined;
  const stage = oneOf(draft.stage, stageSet);
  const facilityStatus = oneOf(draft.facilityStatus, statusSet);
  const metric = draft.metric === undefined ? 'qualitative' : oneOf(draft.metric, metricSet);
  const country = optionalText(draft.country, 120);
  const entity = optionalText(draft.entity, 200);
  const unit = optionalText(draft.unit, 120);
  const credibilityReason = optionalText(draft.credibilityReason, 2000);
  const confidenceNote = optionalText(draft.confidenceNote, 4000);
  const notes = optionalText(draft.notes, 20000);
  const value = figure(draft.value);
  const valueLow = figure(draft.valueLow);
  const valueHigh = figure(draft.valueHigh);
  if (
    stage === UNSURE ||
    facilityStatus === UNSURE ||
    metric === UNSURE ||
    metric === null ||
    country === UNSURE ||
    entity === UNSURE ||
    unit === UNSURE ||
    credibilityReason === UNSURE ||
    confidenceNote === UNSURE ||
    notes === UNSURE ||
    value === UNSURE ||
    valueLow === UNSURE ||
    valueHigh === UNSURE
  )
    return undefined;
  let year: number | null = null;
  if (rawYear !== undefined && rawYear !== null) {
    if (typeof rawYear !== 'number' || !Number.isInteger(rawYear) || rawYear < 1900 || rawYear > 2200) return undefined;
    year = rawYear;
  }
  let credibility = 6;
  if (rawCredibility !== undefined) {
    if (typeof rawCredibility !== 'number' || !Number.isInteger(rawCredibility) || rawCredibility < 1 || rawCredibility > 6)
      return undefined;
    credibility = rawCredibility;
  }
  let tags: string[] = [];
  if (rawTags !== undefined) {
    if (!Array.isArray(rawTags) || rawTags.length > 50) return undefined;
    const seen = new Set<string>();
    for (const tag of rawTags as unknown[]) {
      if (typeof tag !== 'string' || tag.length > 60) return undefined;
      const trimmed = tag.trim();
      if (!trimmed) return undefined;
      seen.add(trimmed);
    }
    tags = [...seen];
  }
  if (!Array.isArray(rawCitations) || rawCitations.length !== 1) return undefined;
  const citation = rawCitations[0] as Record<string, unknown> | null;
  if (typeof citation !== 'object' || citation === null) return undefined;
  for (const key in citation)
    if (key !== 'sourceId' && key !== 'excerpt' && key !== 'locator' && key !== 'stance') return undefined;
  const { sourceId, stance } = citation;
  if (typeof sourceId !== 'string' || sourceId.length === 0) return undefined;
  if (stance !== 'supports' && stance !== 'contradicts') return undefined;
  const excerpt = optionalText(citation.excerpt, 4000);
  const locator = optionalText(citation.locator, 200);
  if (excerpt === UNSURE || locator === UNSURE) return undefined;
  if (valueLow !== null && valueHigh !== null && valueLow > valueHigh) return undefined;
  if (value !== null && valueLow !== null && value < valueLow) return undefined;
  if (value !== null && valueHigh !== null && value > valueHigh) return undefined;
  return {
    statement,
    stage: stage as ClaimInput['stage'],
    country,
    entity,
    facilityStatus: facilityStatus as ClaimInput['facilityStatus'],
    metric: metric as ClaimInput['metric'],
    value,
    valueLow,
    valueHigh,
    unit,
    year,
    credibility,
    credibilityReason,
    confidenceNote,
    notes,
    tags,
    citations: [{ sourceId, excerpt, locator, stance }],
  };
}
