import type { Credibility, PublisherType, Reliability, StateAffiliation } from '../evidence/vocabulary';

/**
 * The stated rules by which the starter workspace grades its sources and claims. The starter facts
 * come without grades; an analyst must be able to read why each grade was given and change it.
 */
export const gradingExplanation =
  'Grades in this starter workspace were assigned by rule, not by judgement of each item: official ' +
  'statistics and intergovernmental agencies B (usually reliable); company reports, industry analysts ' +
  'and named news outlets C (fairly reliable); state media, items relaying state media, and outlets ' +
  'whose origin cannot be identified D (not usually reliable). Each claim starts at the credibility its ' +
  'source supports (B → 2 probably true, C → 3 possibly true, D → 4 doubtful): no claim is graded ' +
  "'confirmed' (1) until a second independent source supports it. Review and change any grade.";

export interface SourceFacts {
  publisher: string;
  publisherType: PublisherType;
  originCountry: string | null;
}

export interface SourceGrade {
  reliability: Reliability;
  reason: string;
  stateAffiliated: StateAffiliation;
}

const relaysStateMedia = /state[- ]run|state[- ]media/i;

export function gradeSource(source: SourceFacts): SourceGrade {
  const stateAffiliated: StateAffiliation =
    source.publisherType === 'state_media' || source.publisherType === 'state_owned_company' ? 'yes' : 'no';
  switch (source.publisherType) {
    case 'state_media':
    case 'state_owned_company':
      return {
        reliability: 'D',
        stateAffiliated,
        reason: 'State media or a relay of state-media releases: not independently verified.',
      };
    case 'government':
      return {
        reliability: 'B',
        stateAffiliated,
        reason:
          'Official statistics agency: usually reliable; its estimates for countries without transparent reporting carry their own caveats.',
      };
    case 'intergovernmental':
      return {
        reliability: 'B',
        stateAffiliated,
        reason: 'Intergovernmental agency: usually reliable; projections are modelled, not observed.',
      };
    case 'academic':
      return { reliability: 'B', stateAffiliated, reason: 'Academic publication: usually reliable.' };
    default:
      break;
  }
  if (relaysStateMedia.test(source.publisher)) {
    return { reliability: 'D', stateAffiliated, reason: 'Relays state-run media without independent confirmation.' };
  }
  if (!source.originCountry || source.originCountry === 'unknown') {
    return {
      reliability: 'D',
      stateAffiliated: 'unknown',
      reason: 'The outlet and its origin cannot be identified from the copy read.',
    };
  }
  const byType: Partial<Record<PublisherType, string>> = {
    company: 'Company self-report: fairly reliable about its own operations, but written to promote them.',
    industry_analyst: 'Industry analyst: fairly reliable; methods and data are rarely published.',
    news: 'News report: fairly reliable; usually relays another origin.',
  };
  return {
    reliability: 'C',
    stateAffiliated,
    reason: byType[source.publisherType] ?? 'Other publisher: fairly reliable at best until reviewed.',
  };
}

const credibilityFromReliability: Record<Reliability, Credibility> = { A: 2, B: 2, C: 3, D: 4, E: 5, F: 6 };

export function gradeClaim(sourceReliability: Reliability): { credibility: Credibility; reason: string } {
  const credibility = credibilityFromReliability[sourceReliability];
  return {
    credibility,
    reason: `Starts at the credibility its only source supports (reliability ${sourceReliability} → ${credibility}); not confirmed by a second independent source.`,
  };
}

/**
 * Three starter claims carry one end of a published range in `value` and the range in `unit`
 * ("upper end of stated 2,000-5,000 t range"). Recover the range so the band is not lost.
 */
export function rangeFromUnit(value: number | null, unit: string | null): { low: number; high: number } | null {
  if (value === null || !unit) return null;
  const match = /(\d[\d,]*)\s*[-–]\s*(\d[\d,]*)\s*t\b/.exec(unit);
  if (!match) return null;
  const low = Number(match[1]!.replace(/,/g, ''));
  const high = Number(match[2]!.replace(/,/g, ''));
  if (!(low < high) || (value !== low && value !== high)) return null;
  return { low, high };
}
