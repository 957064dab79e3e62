import type { FacilityStatus, Metric, Stage } from '../evidence/vocabulary';

/**
 * The stated rules by which the starter workspace gives each facility claim a status. The starter
 * facts name facilities but not their status; without one, the model's status rules (operating;
 * + under construction; + planned) would change nothing. Like the grades, the status comes from
 * what the claim's own words say, by rule, so an analyst can read why and change it.
 */
export const facilityStatusExplanation =
  'Facility statuses were also assigned by rule, from the words of each claim, the first rule that ' +
  'applies deciding: (1) a claim that names no facility, a policy claim, and a quota, share or price ' +
  'claim (about a company or country as a whole, not a plant) has no status; (2) under construction ' +
  "when the statement or unit says 'under construction', 'broke ground', 'due to commission' or that " +
  'commissioning is scheduled, or when another claim schedules the same facility’s commissioning in or ' +
  "after the compilation year; (3) planned when it says 'planned', 'plans', 'MoU' or 'feasibility', or " +
  'when its year is after the compilation year; (4) otherwise operating. Review and change any status.';

export interface StatusFacts {
  stage: Stage;
  entity: string | null;
  metric: Metric;
  unit: string | null;
  year: number | null;
  statement: string;
}

/** Claims about a company, government or country as a whole rather than one plant. */
const notAboutAPlant: ReadonlySet<Metric> = new Set(['quota_t', 'share_pct', 'price_usd_per_kg']);

const underConstructionWords =
  /\bunder construction\b|\bbroke ground\b|\bdue to commission\b|\bcommissioning\b[^.]*\bscheduled\b|\bschedule(d)? for commissioning\b/i;
const plannedWords = /\bplann(ed|ing)\b|\bplans\b|\bMoU\b|\bfeasibility\b/i;

const facilityKey = (claim: { stage: Stage; entity: string | null }) => `${claim.stage}|${claim.entity?.trim().toLowerCase()}`;

/**
 * The facilities whose commissioning another claim schedules in or after the compilation year: not
 * yet running when the facts were compiled, so every claim about them is "under construction".
 */
export function awaitingCommissioning(claims: readonly StatusFacts[], compiledYear: number): Set<string> {
  return new Set(
    claims
      .filter((c) => c.entity && c.metric === 'scheduled_commissioning_year' && c.year !== null && c.year >= compiledYear)
      .map(facilityKey),
  );
}

export function facilityStatusOf(
  claim: StatusFacts,
  context: { compiledYear: number; awaitingCommissioning: ReadonlySet<string> },
): FacilityStatus | null {
  if (!claim.entity || claim.stage === 'policy' || notAboutAPlant.has(claim.metric)) return null;
  const words = `${claim.statement} ${claim.unit ?? ''}`;
  if (underConstructionWords.test(words) || context.awaitingCommissioning.has(facilityKey(claim))) return 'under_construction';
  if (plannedWords.test(words) || (claim.year !== null && claim.year > context.compiledYear)) return 'planned';
  return 'operating';
}
