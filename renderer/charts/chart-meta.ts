import type { ChartSources } from '../../db/model/chart-sources';
import type { ChartMeta } from './ChartFrame';
import { isolateBidi } from './standalone/plain-text';

/**
 * The words around a chart: its source line names the sources it rests on (short form, most-cited
 * first) and its "as of" line gives the newest publication date of the data and the day it was drawn.
 * The app and the command line build them here, so an exported chart reads the same from either.
 */
const shownSources = 8;
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-08-27" → "27 Aug 2025", "2025-08" → "Aug 2025", "2025" → "2025": only as precise as the source. */
export function formatPublished(date: string): string {
  const [year, month, day] = date.split('-');
  const monthName = month ? months[Number(month) - 1] : undefined;
  if (!monthName) return year ?? date;
  return day ? `${Number(day)} ${monthName} ${year}` : `${monthName} ${year}`;
}

const drawnFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A chart drawn before its sources have answered: its source line must not read "No sources counted". */
export type ShownSources = ChartSources & { pending?: true };

export function sourceLine(sources: ShownSources, workspaceName?: string): string {
  // A right-to-left name (or a stray override in one) must not reorder the names after it.
  const names = sources.sources.map((source) => isolateBidi(source.short));
  const listed = names.slice(0, shownSources).join('; ');
  const more = names.length > shownSources ? `; and ${names.length - shownSources} more` : '';
  const workspace = workspaceName ? ` · Chokepoint workspace “${isolateBidi(workspaceName)}”` : ' · Chokepoint workspace';
  if (sources.pending) return `Sources: loading…${workspace}`;
  return names.length > 0 ? `Sources: ${listed}${more}${workspace}` : `No sources counted${workspace}`;
}

export function asOfLine(sources: ChartSources, drawn: Date): string {
  const day = drawnFormat.format(drawn);
  return sources.asOf ? `Data as of ${formatPublished(sources.asOf)} · drawn ${day}` : `Drawn ${day}`;
}

export function chartMeta(options: {
  title: string;
  subtitle: string;
  sources: ShownSources;
  workspaceName?: string;
  drawn?: Date;
}): ChartMeta {
  return {
    title: options.title,
    subtitle: options.subtitle,
    source: sourceLine(options.sources, options.workspaceName),
    asOf: asOfLine(options.sources, options.drawn ?? new Date()),
  };
}

/** Chart titles, the same on screen, in an app export and in the command line's files. */
export const chartTitles = {
  stageGap: (quantity: string) => `${quantity} gap by stage: China vs ex-China`,
  gapTrend: (stageName: string, mode: 'absolute' | 'share') =>
    `${stageName}: China's ${mode === 'share' ? 'share' : 'lead'} over time`,
  composition: () => 'Who holds each stage: share by country',
  pipeline: (stageName: string) => `${stageName}: ex-China pipeline against China`,
};
