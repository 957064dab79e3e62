import type { GapResult } from '../../db/model/types';
import { formatAmount, formatShare } from './format';

export type TrendMode = 'absolute' | 'share';

export function trendValue(result: GapResult, mode: TrendMode): { value: number; low: number; high: number } | null {
  if (mode === 'share') {
    if (result.chinaShare === null) return null;
    const band = result.chinaShareBand ?? { low: result.chinaShare, high: result.chinaShare };
    return { value: result.chinaShare, ...band };
  }
  return {
    value: result.gap,
    low: result.china.low - result.exChina.high,
    high: result.china.high - result.exChina.low,
  };
}

/** The trend in words, from the first and last years with data, e.g. "The gap is widening: …". */
export function describeTrend(results: readonly GapResult[], mode: TrendMode): string {
  const points = results
    .map((result) => ({ year: result.year, unit: result.unit, point: trendValue(result, mode) }))
    .filter((entry) => entry.point !== null);
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return 'No year has figures that pass these rules.';
  const say = (value: number) => (mode === 'share' ? formatShare(value) : formatAmount(value, last.unit));
  const what = mode === 'share' ? "China's share" : "China's lead over ex-China";
  if (first === last) return `Only ${last.year} has data: ${what} is ${say(last.point!.value)}.`;
  const change = last.point!.value - first.point!.value;
  const steady = mode === 'share' ? Math.abs(change) < 0.01 : Math.abs(change) < Math.abs(first.point!.value) * 0.02;
  const span = `from ${say(first.point!.value)} in ${first.year} to ${say(last.point!.value)} in ${last.year}`;
  if (steady)
    return `The gap is steady: ${what} was ${say(first.point!.value)} in ${first.year} and ${say(last.point!.value)} in ${last.year}.`;
  return change > 0 ? `The gap is widening: ${what} rose ${span}.` : `The gap is narrowing: ${what} fell ${span}.`;
}
