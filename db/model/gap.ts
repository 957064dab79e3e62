import type { Database } from 'better-sqlite3';
import type { Metric, Stage } from '../evidence/vocabulary';
import { facilityStatusLabels, reliabilityGrades, stageLabels } from '../evidence/vocabulary';
import { loadCandidates, loadShareClaims, type Candidate } from './candidates';
import { carriedForward, carryForwardRule } from './carry-forward';
import { byPreference, countOnce, excludedBy, type Counted } from './counting-rules';
import { hypotheticalFor, withHypothetical } from './hypothetical';
import {
  defaultRules,
  type Band,
  type CountryFigure,
  type GapResult,
  type HypotheticalFigure,
  type InclusionRules,
} from './types';
import { remembered } from './model-cache';
import { toTonnes } from './units';

/**
 * China vs ex-China for one stage, metric and year. Each rule is applied in the open: a claim is
 * either used (its id is in the result) or excluded with the reason, and the rules are repeated
 * in words in `notes` for the method note beside the chart.
 */
const worldNames = new Set(['world', 'world total', 'global']);

const sum = (bands: Band[]): Band => ({
  value: bands.reduce((t, b) => t + b.value, 0),
  low: bands.reduce((t, b) => t + b.low, 0),
  high: bands.reduce((t, b) => t + b.high, 0),
});

function countryFigure(
  country: string,
  side: CountryFigure['side'],
  basis: CountryFigure['basis'],
  parts: Counted[],
): CountryFigure {
  const used = parts.flatMap((p) => p.members);
  return {
    country,
    side,
    basis,
    ...sum(parts.map((p) => p.band)),
    claimIds: parts.map((p) => p.winner.id),
    weak: used.some((c) => c.stateMediaOnly || c.contested),
    grades: [...new Set(used.map((c) => `${c.bestReliability ?? '?'}${c.credibility}`))].sort(),
    independentOrigins: Math.max(0, ...used.map((c) => c.independentOrigins)),
    carriedForward: parts.flatMap((p) =>
      p.carriedFrom === undefined
        ? []
        : [{ claimId: p.winner.id, facility: p.winner.entity!, fromYear: p.carriedFrom, value: p.band.value }],
    ),
  };
}

/**
 * Thousands of exclusions share a few dozen reasons ("…country figure is used…"); each was built as
 * its own string. One copy of each reason keeps a remembered gap at a million claims a fraction of
 * the size.
 */
function withSharedReasons(excluded: GapResult['excluded']): GapResult['excluded'] {
  const reasons = new Map<string, string>();
  return excluded.map(({ claimId, reason }) => {
    const shared = reasons.get(reason);
    if (shared === undefined) reasons.set(reason, reason);
    return { claimId, reason: shared ?? reason };
  });
}

export interface GapQuery {
  stage: Stage;
  metric: Metric;
  year: number;
  rules?: Partial<InclusionRules>;
  /** A scenario's facilities that are not claims: added in memory, never written, never in claimIds. */
  hypothetical?: readonly HypotheticalFigure[];
}

/**
 * Remembered until the workspace changes (model-cache.ts): the gap view, the series, the pipeline's
 * China line and every score ask for the same stage-years, and at a million claims each answer
 * reads thousands of them.
 */
export function computeGap(db: Database, query: GapQuery): GapResult {
  const rules: InclusionRules = { ...defaultRules, ...query.rules };
  const key = JSON.stringify(['gap', query.stage, query.metric, query.year, rules, query.hypothetical ?? []]);
  return remembered(
    db,
    key,
    () => freshGap(db, query, rules),
    (result) => result.claimIds.length + result.excluded.length + result.notes.length,
  );
}

function freshGap(db: Database, query: GapQuery, rules: InclusionRules): GapResult {
  const excluded: GapResult['excluded'] = [];
  const included: Candidate[] = [];
  for (const claim of loadCandidates(db, query.stage, query.metric, query.year)) {
    const reason = excludedBy(rules, claim);
    if (reason) excluded.push({ claimId: claim.id, reason });
    else included.push(claim);
  }
  const converted = toTonnes(included);
  const aggregates = converted.filter(({ claim }) => claim.side === 'aggregate');
  for (const { claim } of aggregates) {
    excluded.push({
      claimId: claim.id,
      reason: `"${claim.country}" is an aggregate: a cross-check, never added to country sums`,
    });
  }

  // A country's own figure and its facilities' figures are not added together: the country figure wins.
  const counted = countOnce(
    converted.filter(({ claim }) => claim.side !== 'aggregate'),
    excluded,
  );
  const carried = carriedForward(db, query.stage, query.metric, query.year, rules);
  for (const item of carried) counted.set(`carried|${item.winner.subjectKey ?? item.winner.id}`, item);
  const byCountry = new Map<string, { side: CountryFigure['side']; own: Counted[]; facilities: Counted[] }>();
  for (const item of counted.values()) {
    const country = item.winner.country!;
    const entry = byCountry.get(country) ?? {
      side: item.winner.side === 'china' ? 'china' : 'ex-china',
      own: [],
      facilities: [],
    };
    (item.winner.entity ? entry.facilities : entry.own).push(item);
    byCountry.set(country, entry);
  }
  const countries: CountryFigure[] = [];
  for (const [country, entry] of byCountry) {
    if (entry.own.length > 0) {
      for (const facility of entry.facilities)
        for (const member of facility.members)
          excluded.push({
            claimId: member.id,
            reason: `${facility.carriedFrom === undefined ? '' : `carried forward from ${facility.carriedFrom}, but `}${country}'s country figure (${entry.own[0]!.winner.id}) is used; facility figures are not added to it`,
          });
      countries.push(countryFigure(country, entry.side, 'country', entry.own));
    } else {
      countries.push(countryFigure(country, entry.side, 'facilities', entry.facilities));
    }
  }
  const scenario = hypotheticalFor(db, query.hypothetical ?? [], query.stage, query.metric, query.year, rules);
  const withScenario = withHypothetical(countries, scenario.figures);
  countries.splice(0, countries.length, ...withScenario);
  countries.sort((a, b) => b.value - a.value || a.country.localeCompare(b.country));

  const china = sum(countries.filter((c) => c.side === 'china'));
  const exChina = sum(countries.filter((c) => c.side === 'ex-china'));
  const total = china.value + exChina.value;
  // With no figure on one side the share would read 0% or 100%: a gap in the evidence, not in capacity.
  const bothSides = countries.some((c) => c.side === 'china') && countries.some((c) => c.side === 'ex-china');
  const chinaShare = bothSides && total > 0 ? china.value / total : null;
  const chinaShareBand =
    chinaShare !== null
      ? {
          low: china.low + exChina.high > 0 ? china.low / (china.low + exChina.high) : 0,
          high: china.high + exChina.low > 0 ? china.high / (china.high + exChina.low) : 0,
        }
      : null;
  const shares = total > 0 ? countries.map((c) => c.value / total) : [];

  const world = aggregates.filter(({ claim }) => worldNames.has(claim.country!.trim().toLowerCase()));
  const worldWinner = [...world].sort((a, b) => byPreference(a.claim, b.claim))[0];
  const shareClaims = chinaShareBand ? loadShareClaims(db, query.stage, query.year).filter((s) => s.side === 'china') : [];

  const unitLabels = [
    ...new Set([...converted.map((c) => c.label), ...toTonnes(carried.map((c) => c.winner)).map((c) => c.label)]),
  ];
  const carriedNotes = countries.flatMap((country) =>
    country.carriedForward.map(
      (c) =>
        `${stageLabels[query.stage]} ${query.year}: ${c.facility} (${country.country}) ${Math.round(c.value).toLocaleString('en-US')} t/yr, carried forward from ${c.fromYear}, claim ${c.claimId}.`,
    ),
  );
  const notes = [
    `Counted: claims whose best source is graded ${rules.minReliability} (${reliabilityGrades[rules.minReliability].toLowerCase()}) or better and whose credibility is ${rules.minCredibility} or better${
      rules.excludeStateMediaOnly
        ? ', excluding claims that rest only on state media'
        : ', state-media-only claims included (marked weak)'
    }; facilities ${rules.statuses.map((s) => facilityStatusLabels[s].toLowerCase()).join(', ')}.`,
    'Each facility or country counts once a year: the analyst’s preferred claim, else the best-graded source, then the newest; the others widen the band.',
    'A country’s own figure is used instead of the sum of its facilities, never added to it. Aggregates such as World are a cross-check only.',
    ...(query.metric === 'capacity_t_per_yr' ? [carryForwardRule] : []),
    ...carriedNotes,
    ...scenario.notes,
    ...(bothSides || countries.length === 0
      ? []
      : [
          `No ${countries.some((c) => c.side === 'china') ? 'ex-China' : 'China'} figure is counted for ${query.year}, so share, ratio and concentration are not computed.`,
        ]),
    ...(unitLabels.length > 1 ? [`Figures are compared by mass in tonnes across units: ${unitLabels.join('; ')}.`] : []),
  ];

  return {
    stage: query.stage,
    metric: query.metric,
    unit: query.metric === 'capacity_t_per_yr' ? 't/yr' : 't',
    year: query.year,
    china,
    exChina,
    chinaShare,
    chinaShareBand,
    gap: china.value - exChina.value,
    ratio: bothSides && exChina.value > 0 ? china.value / exChina.value : null,
    hhi: bothSides && total > 0 ? Math.round(shares.reduce((t, s) => t + (s * 100) ** 2, 0)) : null,
    top3Share: bothSides && total > 0 ? shares.slice(0, 3).reduce((t, s) => t + s, 0) : null,
    countries,
    claimIds: countries.flatMap((c) => c.claimIds),
    excluded: withSharedReasons(excluded),
    topDown: shareClaims.map((s) => ({
      claimId: s.id,
      statement: s.statement,
      share: s.value / 100,
      disagrees: s.value / 100 < chinaShareBand!.low || s.value / 100 > chinaShareBand!.high,
    })),
    worldTotal: worldWinner
      ? {
          value: worldWinner.claim.value * worldWinner.factor,
          claimIds: world.map((w) => w.claim.id),
          coverage: total / (worldWinner.claim.value * worldWinner.factor),
        }
      : null,
    weak: {
      china: countries.some((c) => c.side === 'china' && c.weak),
      exChina: countries.some((c) => c.side === 'ex-china' && c.weak),
    },
    notes,
  };
}
