import type { FigureSuggestion } from './views';
import type { Metric } from './vocabulary';

/**
 * Reads the figures in a selection of an archived copy ("reached 11,200 tons per year", "above 93%")
 * so capturing a claim offers them as value and unit. Only a suggestion: the analyst confirms.
 */
const unitPatterns: { pattern: RegExp; unit: string; metric: Metric | null; scale?: number }[] = [
  { pattern: /^(%|percent\b|per ?cent\b)/i, unit: '%', metric: 'share_pct' },
  {
    pattern: /^(t|tonnes?|tons?|metric tons?)\s*(\/\s*(yr|year|a)\b|per\s+(year|annum)\b|a\s+year\b|annually\b|pa\b)/i,
    unit: 't/yr',
    metric: 'capacity_t_per_yr',
  },
  {
    pattern: /^(kt|thousand\s+(tonnes?|tons?))\s*(\/\s*(yr|year|a)\b|per\s+(year|annum)\b|a\s+year\b|annually\b)/i,
    unit: 't/yr',
    metric: 'capacity_t_per_yr',
    scale: 1000,
  },
  { pattern: /^(kt|thousand\s+(tonnes?|tons?))\b/i, unit: 't', metric: 'production_t', scale: 1000 },
  { pattern: /^(t|tonnes?|tons?|metric tons?)\b/i, unit: 't', metric: 'production_t' },
  { pattern: /^(USD|US\$|\$)?\s*\/\s*kg\b|^per\s+kg\b/i, unit: 'USD/kg', metric: 'price_usd_per_kg' },
];

const numberPattern = /(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(million|billion)?\s*/g;

export function suggestFigures(selection: string): FigureSuggestion[] {
  const suggestions: FigureSuggestion[] = [];
  for (const match of selection.matchAll(numberPattern)) {
    const base = Number(`${match[1]!.replace(/,/g, '')}${match[2] ?? ''}`);
    const magnitude = match[3]?.toLowerCase() === 'million' ? 1e6 : match[3]?.toLowerCase() === 'billion' ? 1e9 : 1;
    const rest = selection.slice(match.index + match[0].length);
    const unit = unitPatterns.find(({ pattern }) => pattern.test(rest));
    if (!unit) continue;
    const unitText = rest.match(unit.pattern)![0];
    suggestions.push({
      value: base * magnitude * (unit.scale ?? 1),
      unit: unit.unit,
      metric: unit.metric,
      matched: `${match[0]}${unitText}`.trim(),
    });
  }
  return suggestions;
}
