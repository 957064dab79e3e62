import type {
  computedFactors as dbComputedFactors,
  FactorName,
  judgedFactors as dbJudgedFactors,
  ScoreMethod,
} from '../../db/score/types';

/**
 * Shared words and numbers for the risk-score charts, so the heatmap, the cards, the tornado, the
 * scenario comparison and the trend read alike on screen, in an export and in a test.
 */

/*
 * The factor lists, repeated from db/score/types.ts (the renderer loads no db/ code) and typed as
 * its literal tuples, so the two copies cannot drift apart without the type check saying so.
 */
export const computedFactors: typeof dbComputedFactors = ['china_share', 'concentration', 'pipeline_coverage'] as const;
export const judgedFactors: typeof dbJudgedFactors = [
  'export_controls',
  'know_how',
  'state_coordination',
  'substitutability',
] as const;
export const factorNames: readonly FactorName[] = [...computedFactors, ...judgedFactors];

export const factorLabels: Record<FactorName, string> = {
  china_share: "China's share",
  concentration: 'Concentration (HHI)',
  pipeline_coverage: 'Ex-China pipeline shortfall',
  export_controls: 'Export-control exposure',
  know_how: 'Process know-how advantage',
  state_coordination: 'State coordination of industry',
  substitutability: 'Lack of substitutes',
};

/**
 * A band wider than this is drawn hatched (or hollow): the evidence is weak or split. 30 points on
 * the 0–100 scale; for the EU method 0.3 SR, the same share of its threshold of 1.
 */
export const wideBand = 30;
export const wideSrBand = 0.3;

/** The EU supply-risk threshold: SR ≥ 1 marks a raw material critical. */
export const srThreshold = 1;

export const isWideBand = (low: number | null, high: number | null, method: ScoreMethod = 'weighted') =>
  low !== null && high !== null && high - low > (method === 'eu-sr' ? wideSrBand : wideBand);

/** The sequential colour step (0–9) a 0–100 score falls in: one CSS class per step, light and dark. */
export const scoreBin = (score: number) => Math.max(0, Math.min(9, Math.floor(score / 10)));

/**
 * The step from which a cell's number flips ink: to white on the light theme's darker cells, to
 * near-black on the dark theme's brighter ones (each keeps a contrast of at least 3.5:1).
 */
export const inkFlipFrom = { light: 6, dark: 5 } as const;

export const formatScore = (score: number | null) => (score === null ? '—' : String(Math.round(score)));
export const formatSr = (sr: number | null) => (sr === null ? '—' : sr.toFixed(2));
export const formatValue = (value: number | null, method: ScoreMethod) =>
  method === 'eu-sr' ? formatSr(value) : formatScore(value);

/** "48–71", or the single figure when the band has no width at this precision. */
export function formatBand(low: number | null, high: number | null, method: ScoreMethod = 'weighted'): string {
  if (low === null || high === null) return 'no band';
  const a = formatValue(low, method);
  const b = formatValue(high, method);
  return a === b ? a : `${a}–${b}`;
}

/** "band 48–71"; "no spread" when the evidence gives one figure; "no band" without a score. */
export function bandPhrase(low: number | null, high: number | null, method: ScoreMethod = 'weighted'): string {
  if (low === null || high === null) return 'no band';
  return formatValue(low, method) === formatValue(high, method) ? 'no spread' : `band ${formatBand(low, high, method)}`;
}

export const formatWeight = (weight: number) => `${Math.round(weight * 1000) / 10}%`;

export const methodNames: Record<ScoreMethod, string> = {
  weighted: 'Weighted factors (0–100)',
  'eu-sr': 'EU supply risk (SR)',
};

/** Short column heads for the heatmap, each split where it wraps best. */
export const factorHeads: Record<FactorName, string[]> = {
  china_share: ["China's", 'share'],
  concentration: ['Concen-', 'tration (HHI)'],
  pipeline_coverage: ['Ex-China', 'pipeline', 'shortfall'],
  export_controls: ['Export-', 'control', 'exposure'],
  know_how: ['Process', 'know-how'],
  state_coordination: ['State', 'coordination'],
  substitutability: ['Lack of', 'substitutes'],
};

/** Titles, the same on screen and in an exported file. */
export const scoreChartTitles = {
  heatmap: (method: ScoreMethod) =>
    method === 'eu-sr' ? 'Supply risk by stage and factor' : 'Supply-chain risk by stage and factor (0–100)',
  tornado: (stageName: string) => `${stageName}: what moves the risk score`,
  scenarios: (method: ScoreMethod) =>
    method === 'eu-sr' ? 'EU supply risk by stage: base against scenarios' : 'Risk score by stage: base against scenarios',
  trend: (method: ScoreMethod) =>
    method === 'eu-sr' ? 'EU supply risk across snapshots' : 'Risk score by stage across snapshots',
};

/** Where each item of a chart's own legend starts: as ChartFrame spaces its legend, 40 px plus the label's width apart. */
export function legendOffsets(labels: string[], start: number): number[] {
  return labels.reduce<number[]>(
    (xs, _, index) => [...xs, index === 0 ? start : xs[index - 1]! + 40 + labels[index - 1]!.length * 11.5 * 0.56],
    [],
  );
}
