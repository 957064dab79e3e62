import type { Database } from 'better-sqlite3';
import { countryKey, countrySide, loadBlocMapping } from '../evidence/countries';
import type { Metric, Stage } from '../evidence/vocabulary';
import { facilityStatusLabels } from '../evidence/vocabulary';
import type { CountryFigure, HypotheticalFigure, InclusionRules } from './types';

/**
 * A scenario's hypothetical facilities in the capacity model. They live only in memory: the
 * scoring engine passes them with a query, nothing is written, and no claim id ever stands for
 * them, so a chart or score under a scenario still traces every claimed figure to its claim and
 * names each hypothetical one as such.
 *
 * - Only capacity: a plant that is not built has no production.
 * - A hypothetical facility counts from its start year on, when its status is among the statuses
 *   the rules count (an "under construction" plant counts only in the pipeline view).
 * - It is added to its country's figure, even a country-level one: a scenario's plant is new
 *   capacity by definition, where a claimed facility is already inside its country's own figure.
 * - A negative capacity is a closure or a cut; a country's figure never goes below zero.
 */
export interface CountedHypothetical {
  figure: HypotheticalFigure;
  side: CountryFigure['side'];
}

const t = (value: number) => `${value < 0 ? '−' : '+'}${Math.abs(Math.round(value)).toLocaleString('en-US')} t/yr`;

export function hypotheticalFor(
  db: Database,
  figures: readonly HypotheticalFigure[],
  stage: Stage,
  metric: Metric,
  year: number,
  rules: InclusionRules,
): { figures: CountedHypothetical[]; notes: string[] } {
  const forStage = figures.filter((f) => f.stage === stage);
  if (forStage.length === 0) return { figures: [], notes: [] };
  if (metric !== 'capacity_t_per_yr')
    return { figures: [], notes: ['Scenario: hypothetical facilities are capacity; they do not change this metric.'] };
  const mapping = loadBlocMapping(db);
  const counted: CountedHypothetical[] = [];
  const notes: string[] = [];
  for (const figure of forStage) {
    const side = countrySide(figure.country, mapping);
    const what = `hypothetical "${figure.name}" (${figure.country}, ${t(figure.capacity)}, ${facilityStatusLabels[figure.status].toLowerCase()} from ${figure.startYear})`;
    if (side === 'aggregate' || side === null)
      notes.push(`Scenario: ${what} is not counted: "${figure.country}" is an aggregate.`);
    else if (figure.startYear > year) notes.push(`Scenario: ${what} is not counted before its start year.`);
    else if (!rules.statuses.includes(figure.status))
      notes.push(`Scenario: ${what} is not counted: its status does not count under these rules.`);
    else {
      counted.push({ figure, side });
      notes.push(`Scenario: ${what} is counted; it is not a claim.`);
    }
  }
  return { figures: counted, notes };
}

/** The country figures with the scenario's facilities added: to an existing country's figure, or as a new country. */
export function withHypothetical(countries: CountryFigure[], figures: readonly CountedHypothetical[]): CountryFigure[] {
  if (figures.length === 0) return countries;
  const result = countries.map((c) => ({ ...c }));
  for (const { figure, side } of figures) {
    let country = result.find((c) => countryKey(c.country) === countryKey(figure.country));
    if (!country && figure.capacity <= 0) continue;
    if (!country) {
      country = {
        country: figure.country.trim(),
        side,
        basis: 'facilities',
        value: 0,
        low: 0,
        high: 0,
        claimIds: [],
        weak: false,
        grades: [],
        independentOrigins: 0,
        carriedForward: [],
      };
      result.push(country);
    }
    country.value = Math.max(0, country.value + figure.capacity);
    country.low = Math.max(0, country.low + figure.capacity);
    country.high = Math.max(0, country.high + figure.capacity);
    country.hypothetical = [
      ...(country.hypothetical ?? []),
      { name: figure.name, value: figure.capacity, startYear: figure.startYear },
    ];
  }
  return result;
}
