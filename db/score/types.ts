import type { chainStages } from '../model/inputs';
import type { InclusionRules } from '../model/types';

/**
 * Risk scoring's shapes: an assessment (method, weights, the analyst's judged factors and the
 * country table), the scenarios that override it without touching claims, and what the two
 * methods return per stage. Every score carries its band and the claims behind it.
 */
export type ScoreStage = (typeof chainStages)[number];

/** Computed from the capacity model. */
export const computedFactors = ['china_share', 'concentration', 'pipeline_coverage'] as const;
/** Judged by the analyst, each with a rationale and linked claims. */
export const judgedFactors = ['export_controls', 'know_how', 'state_coordination', 'substitutability'] as const;
export type ComputedFactor = (typeof computedFactors)[number];
export type JudgedFactor = (typeof judgedFactors)[number];
export type FactorName = ComputedFactor | JudgedFactor;
export const factorNames: readonly FactorName[] = [...computedFactors, ...judgedFactors];

export const factorLabels: Record<FactorName, string> = {
  china_share: "China's share",
  concentration: 'Concentration (HHI)',
  pipeline_coverage: 'Ex-China pipeline shortfall',
  export_controls: 'Export-control exposure',
  know_how: 'Process know-how advantage',
  state_coordination: 'State coordination of industry',
  substitutability: 'Lack of substitutes',
};

/** One weight per factor, 0–1, summing to 1. */
export type Weights = Record<FactorName, number>;

export type ScoreMethod = 'weighted' | 'eu-sr';

export interface JudgedScore {
  stage: ScoreStage;
  factor: JudgedFactor;
  /** 0–100, higher = more supply risk. */
  score: number;
  rationale: string;
  claimIds: string[];
}

/** The EU supply-risk method's country table. */
export interface CountryGovernance {
  country: string;
  /** 0–10, higher = weaker governance (the EU's scaled World Governance Indicators). */
  governance: number;
  /** ≥ 1; above 1 where export restrictions apply (the EU's trade-adjustment factor t). */
  tradeFactor: number;
  note: string | null;
}

/** Per stage inputs of the EU method besides shares: end-of-life recycling and substitution. */
export interface StageSupplyInputs {
  stage: ScoreStage;
  /** End-of-life recycling input rate, 0–1. */
  recyclingRate: number;
  /** Substitution index for supply risk, 0–1 (1 = no substitute). */
  substitutionIndex: number;
  /** Where the two figures come from, in the analyst's words. */
  note?: string | null;
}

export interface Assessment {
  id: string;
  name: string;
  author: string | null;
  method: ScoreMethod;
  weights: Weights;
  /** The preset the weights came from, or null once edited. */
  presetName: string | null;
  /** The capacity model's inclusion rules the computed factors use. */
  rules: InclusionRules;
  metric: 'capacity_t_per_yr' | 'production_t';
  /** Pipeline coverage counts ex-China capacity operating or under construction by this year. */
  horizonYear: number;
  judged: JudgedScore[];
  governance: CountryGovernance[];
  stageInputs: StageSupplyInputs[];
  updatedAt: string;
}

/** A hypothetical facility (or, with a negative capacity, a closure or cut) in a scenario. */
export interface HypotheticalFacility {
  stage: ScoreStage;
  country: string;
  name: string;
  /** t/yr; negative for a closure or a cut. */
  capacity: number;
  status: 'operating' | 'under_construction' | 'planned';
  startYear: number;
}

/** Overrides applied on top of an assessment and the workspace's claims; never written into them. */
export interface ScenarioOverrides {
  facilities?: HypotheticalFacility[];
  judged?: { stage: ScoreStage; factor: JudgedFactor; score: number }[];
  weights?: Weights;
  rules?: Partial<InclusionRules>;
  governance?: { country: string; governance?: number; tradeFactor?: number }[];
}

export interface Scenario {
  id: string;
  name: string;
  description: string | null;
  overrides: ScenarioOverrides;
  updatedAt: string;
}

export interface FactorResult {
  name: FactorName;
  kind: 'computed' | 'judged';
  label: string;
  /** 0–100, or null when the evidence gives no figure (then it is named in `missing`). */
  score: number | null;
  low: number | null;
  high: number | null;
  weight: number;
  claimIds: string[];
  /** What the score rests on, in words: "China's share of capacity 2025: 93% (band 89–96%)". */
  basis: string;
  /** The analyst's rationale for a judged factor. */
  rationale: string | null;
  /** How the band was set, in words. */
  bandRule: string;
}

export interface StageScore {
  stage: ScoreStage;
  method: 'weighted';
  score: number | null;
  low: number | null;
  high: number | null;
  factors: FactorResult[];
  /** The method in plain words, shown next to the number. */
  methodText: string;
  missing: string[];
}

export interface SupplyRiskResult {
  stage: ScoreStage;
  method: 'eu-sr';
  /** Supply risk SR; ≥ 1 crosses the EU threshold. */
  score: number | null;
  low: number | null;
  high: number | null;
  threshold: 1;
  critical: boolean;
  hhiWgiT: number | null;
  recyclingRate: number;
  substitutionIndex: number;
  /** contribution = share² × governance × tradeFactor × (1 − recyclingRate) × substitutionIndex: they sum to SR. */
  countries: {
    country: string;
    share: number;
    governance: number;
    tradeFactor: number;
    contribution: number;
    /** The contribution at the ends of the share band (set by the engine; optional for older snapshots). */
    low?: number;
    high?: number;
    /** The claims behind this country's figure (set by the engine). */
    claimIds?: string[];
  }[];
  /** The formula with this stage's numbers in it. */
  formula: string;
  methodText: string;
  claimIds: string[];
  missing: string[];
}

export interface ScoreReport {
  assessmentId: string;
  scenario: { id: string; name: string } | null;
  method: ScoreMethod;
  stages: (StageScore | SupplyRiskResult)[];
}
