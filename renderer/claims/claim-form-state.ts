import type { ClaimDetail, Credibility, FacilityStatus, Metric, Stage } from '../types';
import type { ClaimDraftPrefill, ClaimFields } from './claim-draft';

export interface CitationDraft {
  /** Stable React key for a citation row while it is edited. */
  key: number;
  sourceId: string;
  /** The source's title when known; looked up otherwise. */
  sourceTitle: string | null;
  excerpt: string;
  locator: string;
  stance: 'supports' | 'contradicts';
}

/** The form's own state: every field as the text in its box, converted once on save. */
export interface ClaimFormState {
  statement: string;
  metric: Metric;
  value: string;
  valueLow: string;
  valueHigh: string;
  unit: string;
  stage: Stage | '';
  country: string;
  entity: string;
  facilityStatus: FacilityStatus | '';
  year: string;
  credibility: Credibility;
  credibilityReason: string;
  tags: string;
  notes: string;
  citations: CitationDraft[];
}

let nextKey = 1;
export const citationKey = () => nextKey++;

const text = (value: string | null | undefined) => value ?? '';
const num = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

export function formFromDraft(draft: ClaimDraftPrefill = {}): ClaimFormState {
  return {
    statement: text(draft.statement),
    metric: draft.metric ?? 'qualitative',
    value: num(draft.value),
    valueLow: num(draft.valueLow),
    valueHigh: num(draft.valueHigh),
    unit: text(draft.unit),
    stage: draft.stage ?? '',
    country: text(draft.country),
    entity: text(draft.entity),
    facilityStatus: draft.facilityStatus ?? '',
    year: num(draft.year),
    credibility: (draft.credibility ?? 6) as Credibility,
    credibilityReason: text(draft.credibilityReason),
    tags: (draft.tags ?? []).join(', '),
    notes: text(draft.notes),
    citations: (draft.citations ?? []).map((citation) => ({
      key: citationKey(),
      sourceId: citation.sourceId,
      sourceTitle: null,
      excerpt: text(citation.excerpt),
      locator: text(citation.locator),
      stance: citation.stance ?? 'supports',
    })),
  };
}

export function formFromClaim(claim: ClaimDetail): ClaimFormState {
  return {
    ...formFromDraft({
      statement: claim.statement,
      metric: claim.metric,
      value: claim.value,
      valueLow: claim.valueLow,
      valueHigh: claim.valueHigh,
      unit: claim.unit,
      stage: claim.stage,
      country: claim.country,
      entity: claim.entity,
      facilityStatus: claim.facilityStatus,
      year: claim.year,
      credibility: claim.credibility,
      credibilityReason: claim.credibilityReason,
      tags: claim.tags,
      notes: claim.notes,
    }),
    citations: claim.citations.map((citation) => ({
      key: citationKey(),
      sourceId: citation.sourceId,
      sourceTitle: citation.sourceTitle,
      excerpt: text(citation.excerpt),
      locator: text(citation.locator),
      stance: citation.stance,
    })),
  };
}

/** Field errors the form finds before asking the workspace: numbers that are not numbers. */
export function formToFields(
  form: ClaimFormState,
  confidenceNote: string | null,
): { fields: ClaimFields } | { field: string; message: string } {
  const numbers: Record<'value' | 'valueLow' | 'valueHigh' | 'year', number | null> = {
    value: null,
    valueLow: null,
    valueHigh: null,
    year: null,
  };
  for (const key of ['value', 'valueLow', 'valueHigh', 'year'] as const) {
    const raw = form[key].replace(/[,\s]/g, '');
    if (raw === '') continue;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed)) return { field: key, message: `${key}: "${form[key]}" is not a number` };
    numbers[key] = parsed;
  }
  return {
    fields: {
      statement: form.statement,
      metric: form.metric,
      ...numbers,
      unit: form.unit || null,
      stage: form.stage || null,
      country: form.country || null,
      entity: form.entity || null,
      facilityStatus: form.facilityStatus || null,
      credibility: form.credibility,
      credibilityReason: form.credibilityReason || null,
      confidenceNote,
      tags: form.tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
      notes: form.notes || null,
      citations: form.citations.map((citation) => ({
        sourceId: citation.sourceId,
        excerpt: citation.excerpt || null,
        locator: citation.locator || null,
        stance: citation.stance,
      })),
    },
  };
}
