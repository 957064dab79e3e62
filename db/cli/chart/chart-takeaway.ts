import type { GapResult } from '../../model/types';
import { isolateBidi } from './plain-text';
import { formatAmount, formatShare, stageName } from '../../../renderer/charts/format';

/**
 * The one line a client reads off a chart's slide or page, from the figures the chart draws. The
 * trend and pipeline charts already say theirs (renderer/charts/*-words.ts); these cover the two
 * stage-by-stage views.
 */
const withShare = (results: readonly GapResult[]) =>
  results.filter((r): r is GapResult & { chinaShare: number } => r.chinaShare !== null);

const yearsOf = (results: readonly GapResult[]) => {
  const years = [...new Set(results.map((r) => r.year))].sort();
  return years.length === 1 ? `in ${years[0]}` : `(latest year with both sides: ${years[0]}–${years.at(-1)})`;
};

export function stageGapTakeaway(results: readonly GapResult[], quantity: string): string {
  const shares = withShare(results).sort((a, b) => b.chinaShare - a.chinaShare);
  const highest = shares[0];
  const lowest = shares.at(-1);
  if (!highest || !lowest) return `No stage has ${quantity.toLowerCase()} figures for both China and ex-China.`;
  const figures = (r: GapResult) => `${formatAmount(r.china.value, r.unit)} vs ${formatAmount(r.exChina.value, r.unit)}`;
  const top = `China's share of ${quantity.toLowerCase()} is highest in ${stageName(highest.stage).toLowerCase()}: ${formatShare(highest.chinaShare)} (${figures(highest)})`;
  if (highest === lowest) return `${top} ${yearsOf(results)}.`;
  return `${top}; lowest in ${stageName(lowest.stage).toLowerCase()}: ${formatShare(lowest.chinaShare)} ${yearsOf(results)}.`;
}

export function compositionTakeaway(results: readonly GapResult[]): string {
  if (results.length === 0) return 'No stage has figures for both China and ex-China.';
  const leaders = results.map((r) => {
    const total = r.countries.reduce((sum, c) => sum + c.value, 0);
    const top = [...r.countries].sort((a, b) => b.value - a.value)[0];
    return { stage: r.stage, top, share: top && total > 0 ? top.value / total : 0 };
  });
  const chinaLeads = leaders.filter((l) => l.top?.side === 'china').length;
  const rival = leaders
    .flatMap((l) => {
      const r = results.find((x) => x.stage === l.stage)!;
      const total = r.countries.reduce((sum, c) => sum + c.value, 0);
      return r.countries
        .filter((c) => c.side === 'ex-china')
        .map((c) => ({ stage: r.stage, country: c.country, share: total > 0 ? c.value / total : 0 }));
    })
    .sort((a, b) => b.share - a.share)[0];
  const lead = `China holds the largest share in ${chinaLeads} of ${results.length} stages ${yearsOf(results)}`;
  return rival
    ? `${lead}; the largest ex-China holder is ${isolateBidi(rival.country)} in ${stageName(rival.stage).toLowerCase()} (${formatShare(rival.share)}).`
    : `${lead}; no ex-China country is counted.`;
}
