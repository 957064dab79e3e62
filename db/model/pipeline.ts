import type { Database } from 'better-sqlite3';
import { countrySide, loadBlocMapping } from '../evidence/countries';
import type { FacilityStatus } from '../evidence/vocabulary';
import { facilityStatusLabels, stageLabels } from '../evidence/vocabulary';
import { loadExChinaFacilityClaims, yearsWithData, type FacilityClaim } from './candidates';
import { byPreference, excludedBy } from './counting-rules';
import { computeGap } from './gap';
import { chainStages } from './inputs';
import type { Band, CarriedFigure, GapResult, HypotheticalFigure, InclusionRules } from './types';
import { remembered } from './model-cache';
import { toTonnes } from './units';

/**
 * The ex-China pipeline for a stage: every ex-China facility with a capacity claim, placed at the
 * year it started or is expected to start, and the cumulative ex-China capacity as the facilities
 * under construction and planned come on stream, against China's latest total from the gap model.
 *
 * - Each facility counts once, at the figure the conflict rule picks from its latest year with a
 *   claim (an undated claim only when it has no dated one); older and conflicting figures are listed
 *   in `excluded` with the reason, and the conflicting ones widen the band, as in the gap model.
 * - Start year: an operating facility sits at the year of its capacity claim. One under construction
 *   or planned starts in the year a scheduled-commissioning claim gives (the conflict rule picks one
 *   when claims disagree; the others widen the range); without one, in its claim's year when that
 *   year is later than its newest source was published (a forward date such as "from 2028");
 *   otherwise the claim's year is when the plan was reported, not when it starts, so the start year
 *   is not stated and the facility is listed but left off the cumulative line.
 * - The cumulative line starts at the base year, the latest year of an operating facility's figure
 *   ("now"): every operating facility counts from there, each one under construction or planned
 *   from its start year (from the base year if that start has already passed).
 * - China is the gap model's total under the same rules in the latest year with a China claim of
 *   its own, held flat: China's own expansions are not projected.
 */
export type PipelineStatus = Exclude<FacilityStatus, 'idle'>;

export interface PipelineFacility {
  /** The facility's key: stage and entity, as the conflict rule groups them. */
  id: string;
  name: string;
  country: string;
  status: PipelineStatus;
  /** False when the claim gives no status: drawn as operating, as the gap model counts it. */
  statusStated: boolean;
  startYear: number | null;
  startYearBasis: 'capacity claim' | 'commissioning claim' | 'not stated' | 'scenario';
  /** When commissioning claims disagree, the earliest and latest year they give. */
  startYearRange: { low: number; high: number } | null;
  capacity: Band;
  /** The year the counted capacity claim is for; null for an undated claim. */
  capacityYear: number | null;
  weak: boolean;
  grades: string[];
  independentOrigins: number;
  claimIds: string[];
  /** A scenario's hypothetical facility (see hypothetical.ts): counted from its start year, whatever its status, and backed by no claim. */
  hypothetical?: true;
}

export interface PipelineStep {
  year: number;
  operating: Band;
  underConstruction: Band;
  planned: Band;
  /** All three together. */
  total: Band;
  /** The facilities counted by this year, and the claims behind them. */
  facilityIds: string[];
  claimIds: string[];
}

export interface ChinaLine extends Band {
  year: number;
  claimIds: string[];
  weak: boolean;
  grades: string[];
  independentOrigins: number;
  carriedForward: CarriedFigure[];
}

export interface PipelineStage {
  stage: (typeof chainStages)[number];
  unit: string;
  facilities: PipelineFacility[];
  /** The latest year of an operating facility's figure, where the cumulative line starts; null with none. */
  baseYear: number | null;
  cumulative: PipelineStep[];
  china: ChinaLine | null;
  excluded: { claimId: string; reason: string }[];
  notes: string[];
}

export interface PipelineResult {
  metric: 'capacity_t_per_yr';
  unit: string;
  rules: InclusionRules;
  stages: PipelineStage[];
  omitted: { stage: (typeof chainStages)[number]; reason: string }[];
}

/** The pipeline's statuses by default: everything that is or may become capacity. */
export const pipelineRules: InclusionRules = {
  minReliability: 'F',
  minCredibility: 6,
  excludeStateMediaOnly: false,
  statuses: ['operating', 'under_construction', 'planned'],
};

const metric = 'capacity_t_per_yr';
const zero: Band = { value: 0, low: 0, high: 0 };
const add = (a: Band, b: Band): Band => ({ value: a.value + b.value, low: a.low + b.low, high: a.high + b.high });
const facilityKey = (stage: string, entity: string) => `${stage}|${entity.trim().toLowerCase()}`;
const say = (value: number) => `${Math.round(value).toLocaleString('en-US')} t/yr`;
const publishedYear = (claim: FacilityClaim) => (claim.newestPublished ? Number(claim.newestPublished.slice(0, 4)) : null);

function groupByFacility(stage: string, claims: FacilityClaim[]): Map<string, FacilityClaim[]> {
  const groups = new Map<string, FacilityClaim[]>();
  for (const claim of claims) {
    const key = facilityKey(stage, claim.entity!);
    const group = groups.get(key);
    if (group) group.push(claim);
    else groups.set(key, [claim]);
  }
  return groups;
}

/** The figure the conflict rule counts for a facility: from its latest year with a claim, an undated one only without dated ones. */
function currentCapacity(claims: FacilityClaim[], excluded: PipelineStage['excluded']) {
  const dated = claims.filter((c) => c.year !== null);
  const latestYear = dated.length > 0 ? Math.max(...dated.map((c) => c.year!)) : null;
  const current = claims.filter((c) => c.year === latestYear);
  const converted = toTonnes(current);
  const sorted = [...converted].sort((a, b) => byPreference(a.claim, b.claim));
  const winner = sorted[0]!;
  for (const older of claims.filter((c) => c.year !== latestYear))
    excluded.push({
      claimId: older.id,
      reason: `${winner.claim.id} gives this facility's capacity ${latestYear === null ? 'in an undated claim' : `for ${latestYear}`}, the latest it has`,
    });
  for (const other of sorted.slice(1))
    excluded.push({
      claimId: other.claim.id,
      reason: `${winner.claim.id} is counted for the same facility and year (best-graded source, then newest); the difference widens the band`,
    });
  const value = winner.claim.value * winner.factor;
  return {
    winner: winner.claim,
    members: current,
    band: {
      value,
      low: Math.min(value, ...converted.map(({ claim, factor }) => (claim.valueLow ?? claim.value) * factor)),
      high: Math.max(value, ...converted.map(({ claim, factor }) => (claim.valueHigh ?? claim.value) * factor)),
    },
  };
}

function startOf(
  status: PipelineStatus,
  capacityClaim: FacilityClaim,
  commissioning: FacilityClaim[],
  excluded: PipelineStage['excluded'],
): Pick<PipelineFacility, 'startYear' | 'startYearBasis' | 'startYearRange'> & { used: FacilityClaim[] } {
  if (status !== 'operating' && commissioning.length > 0) {
    const sorted = [...commissioning].sort(byPreference);
    const chosen = sorted[0]!;
    const years = commissioning.map((c) => c.value);
    const range = { low: Math.min(...years), high: Math.max(...years) };
    for (const other of sorted.slice(1))
      excluded.push({
        claimId: other.id,
        reason: `${chosen.id} sets the start year (best-graded source, then newest); this one widens the range to ${range.low}–${range.high}`,
      });
    return {
      startYear: chosen.value,
      startYearBasis: 'commissioning claim',
      startYearRange: range.low === range.high ? null : range,
      used: [chosen],
    };
  }
  const year = capacityClaim.year;
  const published = publishedYear(capacityClaim);
  const forward = status === 'operating' || published === null || (year !== null && year > published);
  return year !== null && forward
    ? { startYear: year, startYearBasis: 'capacity claim', startYearRange: null, used: [] }
    : { startYear: null, startYearBasis: 'not stated', startYearRange: null, used: [] };
}

function chinaLine(
  db: Database,
  stage: PipelineStage['stage'],
  rules: InclusionRules,
  hypothetical: readonly HypotheticalFigure[],
): ChinaLine | null {
  for (const year of [...yearsWithData(db, stage, metric)].reverse()) {
    const result: GapResult = computeGap(db, { stage, metric, year, rules, hypothetical });
    const china = result.countries.filter((c) => c.side === 'china');
    const carried = new Set(china.flatMap((c) => c.carriedForward.map((f) => f.claimId)));
    const claimIds = china.flatMap((c) => c.claimIds);
    if (!claimIds.some((id) => !carried.has(id))) continue;
    return {
      year,
      ...result.china,
      claimIds,
      weak: result.weak.china,
      grades: [...new Set(china.flatMap((c) => c.grades))].sort(),
      independentOrigins: Math.max(0, ...china.map((c) => c.independentOrigins)),
      carriedForward: china.flatMap((c) => c.carriedForward),
    };
  }
  return null;
}

/** A scenario's ex-China facilities for the stage, as pipeline facilities backed by no claim. */
function hypotheticalFacilities(
  db: Database,
  stage: PipelineStage['stage'],
  rules: InclusionRules,
  figures: readonly HypotheticalFigure[],
): PipelineFacility[] {
  const mapping = loadBlocMapping(db);
  return figures
    .filter((f) => f.stage === stage && rules.statuses.includes(f.status) && countrySide(f.country, mapping) === 'ex-china')
    .map((f) => ({
      id: `scenario|${stage}|${f.name.trim().toLowerCase()}`,
      name: f.name,
      country: f.country,
      status: f.status,
      statusStated: true,
      startYear: f.startYear,
      startYearBasis: 'scenario',
      startYearRange: null,
      capacity: { value: f.capacity, low: f.capacity, high: f.capacity },
      capacityYear: null,
      weak: false,
      grades: [],
      independentOrigins: 0,
      claimIds: [],
      hypothetical: true,
    }));
}

function stagePipeline(
  db: Database,
  stage: PipelineStage['stage'],
  rules: InclusionRules,
  hypothetical: readonly HypotheticalFigure[],
): PipelineStage {
  const excluded: PipelineStage['excluded'] = [];
  const passing = (claims: FacilityClaim[]) =>
    claims.filter((claim) => {
      const reason = excludedBy(rules, claim);
      if (reason) excluded.push({ claimId: claim.id, reason });
      return reason === null;
    });
  const capacity = groupByFacility(stage, passing(loadExChinaFacilityClaims(db, stage, metric)));
  const commissioning = groupByFacility(stage, passing(loadExChinaFacilityClaims(db, stage, 'scheduled_commissioning_year')));

  const facilities: PipelineFacility[] = [];
  for (const [id, claims] of capacity) {
    const current = currentCapacity(claims, excluded);
    if (current.winner.facilityStatus === 'idle') {
      excluded.push({ claimId: current.winner.id, reason: 'the facility is idle: it adds no capacity to the pipeline' });
      continue;
    }
    const status = current.winner.facilityStatus ?? 'operating';
    const start = startOf(status, current.winner, commissioning.get(id) ?? [], excluded);
    const used = [...current.members, ...start.used];
    facilities.push({
      id,
      name: current.winner.entity!,
      country: current.winner.country!,
      status,
      statusStated: current.winner.facilityStatus !== null,
      startYear: start.startYear,
      startYearBasis: start.startYearBasis,
      startYearRange: start.startYearRange,
      capacity: current.band,
      capacityYear: current.winner.year,
      weak: used.some((c) => c.stateMediaOnly || c.contested),
      grades: [...new Set(used.map((c) => `${c.bestReliability ?? '?'}${c.credibility}`))].sort(),
      independentOrigins: Math.max(0, ...used.map((c) => c.independentOrigins)),
      claimIds: [current.winner.id, ...start.used.map((c) => c.id)],
    });
  }
  facilities.push(...hypotheticalFacilities(db, stage, rules, hypothetical));
  facilities.sort(
    (a, b) =>
      (a.startYear ?? Number.POSITIVE_INFINITY) - (b.startYear ?? Number.POSITIVE_INFINITY) ||
      b.capacity.value - a.capacity.value ||
      a.name.localeCompare(b.name),
  );

  // A hypothetical facility starts at its scenario's start year whatever its status: it sets no base year.
  const claimedOperating = (f: PipelineFacility) => f.status === 'operating' && !f.hypothetical;
  const operatingYears = facilities.filter((f) => claimedOperating(f) && f.startYear !== null).map((f) => f.startYear!);
  const laterStarts = facilities.filter((f) => !claimedOperating(f) && f.startYear !== null).map((f) => f.startYear!);
  const baseYear = operatingYears.length > 0 ? Math.max(...operatingYears) : null;
  const firstYear = baseYear ?? (laterStarts.length > 0 ? Math.min(...laterStarts) : null);
  const stepYears =
    firstYear === null ? [] : [...new Set([firstYear, ...laterStarts.filter((y) => y > firstYear)])].sort((a, b) => a - b);
  const cumulative = stepYears.map((year): PipelineStep => {
    const counted = facilities.filter((f) => claimedOperating(f) || (f.startYear !== null && f.startYear <= year));
    const layer = (status: PipelineStatus) =>
      counted.filter((f) => f.status === status).reduce((total, f) => add(total, f.capacity), zero);
    const operating = layer('operating');
    const underConstruction = layer('under_construction');
    const planned = layer('planned');
    return {
      year,
      operating,
      underConstruction,
      planned,
      total: add(add(operating, underConstruction), planned),
      facilityIds: counted.map((f) => f.id),
      claimIds: counted.flatMap((f) => f.claimIds),
    };
  });

  const china = chinaLine(db, stage, rules, hypothetical);
  const undated = facilities.filter((f) => f.status !== 'operating' && f.startYear === null);
  const scenario = facilities.filter((f) => f.hypothetical);
  const name = stageLabels[stage];
  const notes = [
    `${name}: each ex-China facility counts once, at the capacity the conflict rule picks from its latest claim; facilities ${rules.statuses
      .map((s) => facilityStatusLabels[s].toLowerCase())
      .join(', ')}.`,
    'Start year: an operating facility at the year of its capacity claim; one under construction or planned at its scheduled commissioning year, else at its claim’s year when that is later than the source was published; otherwise its start year is not stated.',
    ...(baseYear === null
      ? []
      : [
          `${name}: cumulative ex-China capacity counts every operating facility from ${baseYear} (the latest year of an operating figure) and each facility under construction or planned from its start year.`,
        ]),
    ...(undated.length > 0
      ? [
          `${name}: ${undated.length} ${undated.length === 1 ? 'facility has' : 'facilities have'} no stated start year and ${
            undated.length === 1 ? 'is' : 'are'
          } listed but not added to the cumulative line (${say(undated.reduce((t, f) => t + f.capacity.value, 0))}).`,
        ]
      : []),
    ...scenario.map(
      (f) =>
        `${name}: scenario facility "${f.name}" (${f.country}, ${say(f.capacity.value)}) counts from ${f.startYear}; it is hypothetical, not a claim.`,
    ),
    china
      ? `${name}: China is the gap model’s total for ${china.year} under the same rules (${say(china.value)}), held flat: China’s own expansions are not projected.`
      : `${name}: no China capacity figure passes these rules, so there is no China line.`,
  ];
  return { stage, unit: 't/yr', facilities, baseYear, cumulative, china, excluded, notes };
}

/** Remembered until the workspace changes (model-cache.ts): the gap view and every score ask for the same stages. */
function rememberedStagePipeline(
  db: Database,
  stage: PipelineStage['stage'],
  rules: InclusionRules,
  hypothetical: readonly HypotheticalFigure[],
): PipelineStage {
  return remembered(
    db,
    JSON.stringify(['pipeline', stage, rules, hypothetical]),
    () => stagePipeline(db, stage, rules, hypothetical),
    (result) => result.facilities.length + result.excluded.length,
  );
}

export interface PipelineQuery {
  stage?: PipelineStage['stage'];
  /** Only capacity has a pipeline: a plant not yet built has no production. */
  metric: 'capacity_t_per_yr';
  rules?: Partial<InclusionRules>;
  /** A scenario's facilities that are not claims (see hypothetical.ts). */
  hypothetical?: readonly HypotheticalFigure[];
}

/** The pipeline for one stage, or for every stage of the chain that has ex-China facility claims. */
export function computePipeline(db: Database, query: PipelineQuery): PipelineResult {
  const rules: InclusionRules = { ...pipelineRules, ...query.rules };
  const stages: PipelineStage[] = [];
  const omitted: PipelineResult['omitted'] = [];
  for (const stage of query.stage ? [query.stage] : chainStages) {
    const result = rememberedStagePipeline(db, stage, rules, query.hypothetical ?? []);
    if (result.facilities.length > 0 || query.stage) stages.push(result);
    else
      omitted.push({
        stage,
        reason:
          result.excluded.length > 0
            ? 'no ex-China facility capacity claim passes these rules'
            : 'no ex-China facility capacity claims',
      });
  }
  return { metric, unit: 't/yr', rules, stages, omitted };
}
