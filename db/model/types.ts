import type { CountrySide } from '../evidence/countries';
import type { FacilityStatus, Metric, Reliability, Stage } from '../evidence/vocabulary';

/**
 * The capacity model's shapes: what goes in (a stage, a metric, a year and the inclusion rules)
 * and what comes out (China vs ex-China with bands, concentration, the breakdown by country, and
 * every claim used or left out, with the reason).
 */
export interface InclusionRules {
  /** Claims count only when a supporting source is at least this reliable (A best … F any). */
  minReliability: Reliability;
  /** Claims count only when at least this credible (1 best … 6 any). */
  minCredibility: number;
  excludeStateMediaOnly: boolean;
  /** Facility statuses that count; country-level figures (no status) always count. */
  statuses: FacilityStatus[];
}

export const defaultRules: InclusionRules = {
  minReliability: 'F',
  minCredibility: 6,
  excludeStateMediaOnly: false,
  statuses: ['operating'],
};

export interface Band {
  value: number;
  low: number;
  high: number;
}

/** A facility's capacity from an earlier year, counted in a year with no claim for it (see carry-forward.ts). */
export interface CarriedFigure {
  claimId: string;
  facility: string;
  /** The year the carried claim is for. */
  fromYear: number;
  value: number;
}

export interface CountryFigure extends Band {
  country: string;
  side: Exclude<CountrySide, 'aggregate'>;
  /** A country-level figure, or the sum of that country's facilities (never both). */
  basis: 'country' | 'facilities';
  claimIds: string[];
  /** Rests on state-media-only or contested claims: drawn hatched or hollow. */
  weak: boolean;
  /** The grades behind it, e.g. ["B2", "D4"], and the most independent origins any claim has. */
  grades: string[];
  independentOrigins: number;
  /** The facilities in this figure that are carried forward from an earlier year, not claimed for this one. */
  carriedForward: CarriedFigure[];
  /** A scenario's hypothetical facilities added to this figure (present only under a scenario). */
  hypothetical?: { name: string; value: number; startYear: number }[];
}

/**
 * A scenario's hypothetical facility (with a negative capacity, a closure or a cut): a figure that is
 * not a claim. The model counts it like a facility from its start year on, adds it to its country's
 * figure (even a country-level one: it is new capacity by definition), and never lists it in claimIds.
 */
export interface HypotheticalFigure {
  stage: Stage;
  country: string;
  name: string;
  /** t/yr; negative for a closure or a cut. */
  capacity: number;
  status: 'operating' | 'under_construction' | 'planned';
  startYear: number;
}

export interface TopDownShare {
  claimId: string;
  statement: string;
  /** 0–1. */
  share: number;
  /** The published share lies outside the computed share's band. */
  disagrees: boolean;
}

export interface GapResult {
  stage: Stage;
  metric: Metric;
  /** The unit the figures are in after conversion, e.g. "t" or "t/yr". */
  unit: string;
  year: number;
  china: Band;
  exChina: Band;
  /** 0–1, with its band; null when nothing counts. */
  chinaShare: number | null;
  chinaShareBand: { low: number; high: number } | null;
  gap: number;
  ratio: number | null;
  /** Herfindahl–Hirschman index over country shares, 0–10,000. */
  hhi: number | null;
  /** 0–1. */
  top3Share: number | null;
  countries: CountryFigure[];
  claimIds: string[];
  excluded: { claimId: string; reason: string }[];
  topDown: TopDownShare[];
  /** A "World" figure for the same stage, metric and year: a cross-check, never added to countries. */
  worldTotal: { value: number; claimIds: string[]; coverage: number } | null;
  weak: { china: boolean; exChina: boolean };
  /** The rules as applied, in words, for the method note beside a chart. */
  notes: string[];
}
