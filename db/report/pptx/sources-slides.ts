import type PptxGenJS from 'pptxgenjs';
import { isolateBidi } from '../../cli/chart/plain-text';
import type { ReportSlides } from '../slides-types';
import type { ReportSource } from '../sources-html';
import { addMessageSlide, type Frame } from './slide-frame';
import { contentWidth } from './slide-grid';
import { addTableSlides } from './table-slide';

/**
 * The closing Sources slides: every source any item rests on, numbered as the footnotes cite them,
 * with its title, publisher, date, address (as plain text: nothing in the deck links out), Admiralty
 * reliability grade and whether it is state-affiliated. As many slides as the list needs.
 */
const intro =
  'Every source cited by a claim behind a chart, score or table in this deck. Reliability on the Admiralty scale (A completely reliable … E unreliable, F cannot be judged). Addresses are given as text.';

const columns = ['#', 'Source', 'Published', 'Reliability', 'State-affiliated', 'Address'];
/** Fixed widths: the title and the address take the room, the short columns just what they need. */
const fixed = [0.4, 0, 1.15, 1.05, 1.4, 4.3];
const widths = fixed.map((w) => (w === 0 ? contentWidth - fixed.reduce((a, b) => a + b, 0) : w));

const affiliation: Record<string, string> = { yes: 'Yes', no: 'No', unknown: 'Unknown' };

export function sourceRow(source: ReportSource, number: number): string[] {
  const against = source.contradicts ? ' (cited against a claim)' : '';
  return [
    `${number}`,
    `${isolateBidi(source.title)}${source.publisher ? ` — ${isolateBidi(source.publisher)}` : ''}${against}`,
    source.published ?? '—',
    source.reliability,
    affiliation[source.stateAffiliated] ?? source.stateAffiliated,
    source.url ?? '—',
  ];
}

export function addSourcesSlides(deck: PptxGenJS, report: ReportSlides): void {
  const frame: Frame = { marking: report.marking, heading: 'Sources', takeaway: intro };
  if (report.sources.length === 0) {
    addMessageSlide(deck, { ...frame, takeaway: undefined }, 'No claims are cited.');
    return;
  }
  addTableSlides(deck, frame, { columns, rows: report.sources.map((source, i) => sourceRow(source, i + 1)), widths, pt: 10 });
}
