import type { ChartKind, DraftItem, ItemKind } from './report-draft';

/** The item kinds and chart kinds in the analyst's words, as the add menu and each item's header name them. */
export const itemKindNames: Record<ItemKind, string> = {
  chart: 'Chart',
  scores: 'Stage score cards',
  claims: 'Claims table',
  conflict: 'Conflict comparison',
  narrative: 'Narrative',
};

export const itemKinds = Object.keys(itemKindNames) as ItemKind[];

export const chartNames: Record<ChartKind, string> = {
  'stage-gap': 'Stage gap overview',
  'gap-trend': 'Gap over time',
  composition: 'Value-chain composition by country',
  pipeline: 'Ex-China pipeline',
};

export const chartKinds = Object.keys(chartNames) as ChartKind[];

/** Which of a chart's settings it reads (db/cli/chart/chart-command.tsx): the others would be ignored, so they are not offered. */
export const chartUses: Record<
  ChartKind,
  { stage: 'required' | 'optional' | null; metric: boolean; year: boolean; mode: boolean }
> = {
  'stage-gap': { stage: null, metric: true, year: true, mode: true },
  'gap-trend': { stage: 'required', metric: true, year: false, mode: true },
  composition: { stage: null, metric: true, year: true, mode: false },
  pipeline: { stage: 'optional', metric: false, year: false, mode: false },
};

export const methodNames = { weighted: 'Weighted factors', 'eu-sr': 'EU supply risk' } as const;

export const evidenceNames = {
  corroborated: 'Corroborated',
  single_source: 'Single source',
  state_media_only: 'State-media only',
  contested: 'Contested',
} as const;

/** One line naming an item in the editor's list, e.g. "Chart · Gap over time". */
export function describeItem(item: DraftItem): string {
  switch (item.kind) {
    case 'chart':
      return `${itemKindNames.chart} · ${chartNames[item.chart]}`;
    case 'scores':
      return `${itemKindNames.scores} · ${methodNames[item.method ?? 'weighted']}`;
    case 'claims':
      return `${itemKindNames.claims}${item.title ? ` · ${item.title}` : ''}`;
    case 'conflict':
      return itemKindNames.conflict;
    case 'narrative': {
      const firstLine = item.markdown.split('\n').find((line) => line.trim() !== '');
      return `${itemKindNames.narrative}${firstLine ? ` · ${firstLine.replace(/^#+\s*/, '').slice(0, 60)}` : ''}`;
    }
  }
}
