import type { InclusionRules } from '../../db/model/types';
import type { Assessment, FactorName, ScoreMethod } from '../../db/score/types';
import { factorLabels, factorNames } from '../charts/score-format';
import { scopeOf, statusScopes } from '../gap/rules';

/** The engine names a missing factor as "china_share: <why>"; the analyst reads its label. */
export function missingFactors(missing: string[]): { label: string; why: string }[] {
  return missing.map((item) => {
    const [name, ...rest] = item.split(': ');
    const known = factorNames.includes(name as FactorName);
    return known ? { label: factorLabels[name as FactorName], why: rest.join(': ') } : { label: item, why: '' };
  });
}

export function describeRulesShort(rules: InclusionRules): string[] {
  const scope = statusScopes.find((s) => s.scope === scopeOf(rules))?.label ?? 'Operating';
  return [
    `sources graded A–${rules.minReliability}, credibility 1–${rules.minCredibility}`,
    rules.excludeStateMediaOnly ? 'state-media-only claims excluded' : 'state-media-only claims included',
    `facilities: ${scope.toLowerCase()}`,
  ];
}

/** The words under every score chart's title, so an exported image says how its numbers were made. */
export function describeAssessment(assessment: Assessment, method: ScoreMethod, extra: string[] = []): string {
  const weights = assessment.presetName ? `"${assessment.presetName}" weights` : 'custom weights';
  return [
    method === 'eu-sr' ? 'EU supply-risk method' : `Weighted factors, ${weights}`,
    assessment.metric === 'capacity_t_per_yr' ? 'capacity t/yr' : 'production t',
    ...describeRulesShort(assessment.rules),
    `pipeline horizon ${assessment.horizonYear}`,
    ...extra,
  ].join(' · ');
}

const sentences = (text: string) => text.split(/(?<=[.:])\s+(?=[A-Z"“])/).filter(Boolean);

/**
 * Each stage's method text repeats the method's general sentences around its own (what is missing,
 * the scenario): the general ones are said once above the cards, each card keeps only its own.
 * A stage's name at the start ("Mining: ") is dropped, so the general sentences read alike.
 */
export function splitMethodTexts(texts: string[]): { common: string[]; own: string[][] } {
  const capital = (sentence: string) => sentence.charAt(0).toUpperCase() + sentence.slice(1);
  const unprefixed = texts.map((text) => sentences(text.replace(/^[A-Z][a-z]+: /, '')).map(capital));
  const common = unprefixed[0]?.filter((sentence) => unprefixed.every((list) => list.includes(sentence))) ?? [];
  return {
    common: texts.length > 1 ? common : [],
    own: unprefixed.map((list) => (texts.length > 1 ? list.filter((s) => !common.includes(s)) : list)),
  };
}

/** Missing factors that share a reason are named together: "A, B and C: not yet judged for this stage". */
export function groupedMissing(missing: string[]): { labels: string[]; why: string }[] {
  const groups: { labels: string[]; why: string }[] = [];
  for (const item of missingFactors(missing)) {
    const group = groups.find((g) => g.why === item.why);
    if (group) group.labels.push(item.label);
    else groups.push({ labels: [item.label], why: item.why });
  }
  return groups;
}

export const joinAnd = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
