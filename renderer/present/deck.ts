import type { ReportSource } from '../../db/report/sources-html';
import { isolateBidi } from '../charts/standalone/plain-text';
import type { ReportSlide, ReportSlides } from '../../db/report/slides-types';

/**
 * A report as the slides a consultant steps through: a title slide, one slide per item, then the
 * sources. Fifty sources at projector size do not fit on one slide, so they run over as many
 * "Sources (2 of 4)" slides as they need, a fixed number each so the count never depends on the window.
 */
export type Slide =
  | { kind: 'title' }
  | { kind: 'item'; item: ReportSlide; position: number }
  | { kind: 'sources'; page: number; pages: number; first: number; sources: ReportSource[] };

export const sourcesPerSlide = 6;

export function buildDeck(report: ReportSlides): Slide[] {
  const items: Slide[] = report.items.map((item, position) => ({ kind: 'item', item, position }));
  const pages = Math.max(1, Math.ceil(report.sources.length / sourcesPerSlide));
  const sources: Slide[] = Array.from({ length: pages }, (_, page) => ({
    kind: 'sources',
    page: page + 1,
    pages,
    first: page * sourcesPerSlide + 1,
    sources: report.sources.slice(page * sourcesPerSlide, (page + 1) * sourcesPerSlide),
  }));
  return [{ kind: 'title' }, ...items, ...sources];
}

/**
 * "Reuters 2025": who said it and when, short enough for a footnote. A publisher's parenthesis or
 * second part ("Energy Fuels Inc. (press release republished by …)", "U.S. Geological Survey,
 * National Minerals Information Center") stays on the Sources slide.
 */
export function shortSource(source: ReportSource): string {
  const year = source.published?.slice(0, 4);
  const publisher = source.publisher
    ?.replace(/\s*\([^)]*\)/g, '')
    .split(',')[0]
    ?.trim();
  // Isolated: an override in a name must not run on into the year and the next source.
  const who = isolateBidi(publisher || source.title);
  return [who, year].filter(Boolean).join(' ');
}

/** At most this many sources are named in a slide's footnote; the rest are counted. */
const footnoteLength = 6;

/** "Sources: [3] USGS 2025; [5] Lynas 2024 … and 12 more (see Sources)", or '' for none. */
export function footnote(item: ReportSlide, sources: readonly ReportSource[]): string {
  const cited = item.sourceNumbers
    .map((number) => ({ number, source: sources[number - 1] }))
    .filter((entry): entry is { number: number; source: ReportSource } => entry.source !== undefined);
  if (cited.length === 0) return '';
  const named = cited.slice(0, footnoteLength).map(({ number, source }) => `[${number}] ${shortSource(source)}`);
  const rest = cited.length - named.length;
  return `Sources: ${named.join('; ')}${rest > 0 ? `; … and ${rest} more (see Sources)` : ''}`;
}

/** What the presenter's screen shows of a slide: no charts, only words. */
export interface PresenterSlide {
  heading: string;
  takeaway: string;
  notes: string[];
}

export function presenterSlide(slide: Slide, report: ReportSlides): PresenterSlide {
  switch (slide.kind) {
    case 'title':
      return {
        heading: report.title,
        takeaway: report.facts.map((fact) => `${fact.term}: ${fact.value}`).join(' · '),
        notes: [],
      };
    case 'item':
      return { heading: slide.item.heading || 'Untitled item', takeaway: slide.item.takeaway, notes: slide.item.notes };
    case 'sources':
      return {
        heading: slideHeading(slide),
        takeaway: `Sources ${slide.first}–${slide.first + Math.max(0, slide.sources.length - 1)} of the report`,
        notes: [],
      };
  }
}

export function slideHeading(slide: Extract<Slide, { kind: 'sources' }>): string {
  return slide.pages > 1 ? `Sources (${slide.page} of ${slide.pages})` : 'Sources';
}
