/**
 * The words of the evidence model. Stored values are these keys; labels and the Admiralty wording
 * reach the UI through the getVocabulary operation, so every view says the same thing.
 */
export const stages = ['mining', 'separation', 'refining', 'metals', 'magnets', 'policy'] as const;
export type Stage = (typeof stages)[number];

export const metrics = [
  'capacity_t_per_yr',
  'production_t',
  'share_pct',
  'yield_pct',
  'quota_t',
  'exports_t',
  'scheduled_commissioning_year',
  'price_usd_per_kg',
  'qualitative',
] as const;
export type Metric = (typeof metrics)[number];

export const publisherTypes = [
  'government',
  'intergovernmental',
  'company',
  'state_media',
  'state_owned_company',
  'news',
  'industry_analyst',
  'academic',
  'other',
] as const;
export type PublisherType = (typeof publisherTypes)[number];

export const facilityStatuses = ['operating', 'under_construction', 'planned', 'idle'] as const;
export type FacilityStatus = (typeof facilityStatuses)[number];

export const stateAffiliations = ['yes', 'no', 'unknown'] as const;
export type StateAffiliation = (typeof stateAffiliations)[number];

/** Admiralty (NATO AJP-2.1) source reliability. */
export const reliabilityGrades = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
} as const;
export type Reliability = keyof typeof reliabilityGrades;

/** Admiralty information credibility. */
export const credibilityGrades = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Truth cannot be judged',
} as const;
export type Credibility = keyof typeof credibilityGrades;

export const stageLabels: Record<Stage, string> = {
  mining: 'Mining',
  separation: 'Separation',
  refining: 'Refining',
  metals: 'Metals',
  magnets: 'Magnets',
  policy: 'Policy (cross-stage)',
};

export const metricLabels: Record<Metric, string> = {
  capacity_t_per_yr: 'Capacity (t/yr)',
  production_t: 'Production (t)',
  share_pct: 'Share (%)',
  yield_pct: 'Yield (%)',
  quota_t: 'Quota (t)',
  exports_t: 'Exports (t)',
  scheduled_commissioning_year: 'Scheduled commissioning (year)',
  price_usd_per_kg: 'Price (USD/kg)',
  qualitative: 'Qualitative',
};

export const publisherTypeLabels: Record<PublisherType, string> = {
  government: 'Government',
  intergovernmental: 'Intergovernmental',
  company: 'Company',
  state_media: 'State media',
  state_owned_company: 'State-owned company',
  news: 'News',
  industry_analyst: 'Industry analyst',
  academic: 'Academic',
  other: 'Other',
};

/** The rules behind each evidence flag, in the words shown beside it wherever it appears. */
export const evidenceRules = {
  independentOrigins:
    'Each cited source is followed through its derived-from links to its origins; a relay of a company release or a state-media item is not an independent origin.',
  corroborated: 'Corroborated: two or more independent origins support the claim.',
  singleSource: 'Single source: only one independent origin supports the claim.',
  stateMediaOnly: 'State-media only: every origin supporting the claim is state media or state-affiliated.',
  contested:
    'Contested: an independent source contradicts the claim, or another claim gives a figure more than 5% different for the same entity (or country), stage, metric and year.',
};

export const facilityStatusLabels: Record<FacilityStatus, string> = {
  operating: 'Operating',
  under_construction: 'Under construction',
  planned: 'Planned',
  idle: 'Idle',
};

export const vocabulary = {
  stages: stageLabels,
  facilityStatuses: facilityStatusLabels,
  metrics: metricLabels,
  publisherTypes: publisherTypeLabels,
  reliability: reliabilityGrades,
  credibility: credibilityGrades,
};
export type Vocabulary = typeof vocabulary;
