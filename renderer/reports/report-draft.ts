import type { ChartItem, Report, ReportItem, SaveReportInput } from '../../db/report/inputs';

/**
 * A report as the editor holds it while the analyst types: every field as text (so a half-typed
 * date is kept, not refused on each key), and each item with a local key so React keeps an item's
 * inputs and focus with it when it moves up or down.
 */
export interface ReportDraft {
  /** The stored id, or null for a report not saved yet. */
  id: string | null;
  name: string;
  title: string;
  author: string;
  organisation: string;
  reportDate: string;
  /** '' with asOfComputed: the "as of" date is the newest source the report rests on. */
  asOf: string;
  asOfComputed: boolean;
  marking: string;
  pageSize: 'A4' | 'Letter';
  items: DraftItem[];
}

export type DraftItem = ReportItem & { key: string };
export type ItemKind = ReportItem['kind'];
export type ChartKind = ChartItem['chart'];

let nextKey = 0;
const keyed = (item: ReportItem): DraftItem => ({ ...item, key: `item-${++nextKey}` });

export function emptyDraft(): ReportDraft {
  return {
    id: null,
    name: '',
    title: '',
    author: '',
    organisation: '',
    reportDate: '',
    asOf: '',
    asOfComputed: true,
    marking: '',
    pageSize: 'A4',
    items: [],
  };
}

export function draftOf(report: Report): ReportDraft {
  return {
    id: report.id,
    name: report.name,
    title: report.title,
    author: report.author ?? '',
    organisation: report.organisation ?? '',
    reportDate: report.reportDate ?? '',
    asOf: report.asOf ?? '',
    asOfComputed: report.asOf === null,
    marking: report.marking,
    pageSize: report.pageSize,
    items: report.items.map(keyed),
  };
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/**
 * The recipe saveReport receives. The list name defaults to the title, since most analysts never
 * want two names for one report; with both empty a placeholder name goes along, so the refusal the
 * analyst sees is the one that matters: the missing title, beside the title field.
 */
export function inputOf(draft: ReportDraft): SaveReportInput {
  return {
    ...(draft.id ? { id: draft.id } : {}),
    name: draft.name.trim() || draft.title.trim() || 'Untitled report',
    title: draft.title,
    author: orNull(draft.author),
    organisation: orNull(draft.organisation),
    reportDate: orNull(draft.reportDate),
    asOf: draft.asOfComputed ? null : orNull(draft.asOf),
    marking: draft.marking,
    pageSize: draft.pageSize,
    items: draft.items.map(({ key: _key, ...item }) => item),
  };
}

/** What a new item of each kind starts as: the choices an analyst most often makes first. */
export function newItem(kind: ItemKind, firstConflict?: string): DraftItem {
  switch (kind) {
    case 'chart':
      return keyed({ kind: 'chart', chart: 'stage-gap', metric: 'capacity_t_per_yr', mode: 'absolute' });
    case 'scores':
      return keyed({ kind: 'scores', method: 'weighted' });
    case 'claims':
      return keyed({ kind: 'claims', title: 'Claims', filter: {} });
    case 'conflict':
      return keyed({ kind: 'conflict', groupId: firstConflict ?? '' });
    case 'narrative':
      return keyed({ kind: 'narrative', markdown: '' });
  }
}

/** The list with one item moved by `by` places (−1 up, +1 down); unchanged at either end. */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** A name no other report has: "Name (copy)", then "Name (copy 2)", … */
export function copyName(name: string, taken: readonly string[]): string {
  const base = `${name.replace(/ \(copy( \d+)?\)$/, '')} (copy)`;
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = base.replace(/\)$/, ` ${n})`);
    if (!taken.includes(candidate)) return candidate;
  }
}

/** Two drafts hold the same recipe (keys aside): nothing to save. */
export function sameRecipe(a: ReportDraft, b: ReportDraft): boolean {
  return JSON.stringify(inputOf(a)) === JSON.stringify(inputOf(b));
}
