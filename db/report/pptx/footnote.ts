import { isolateBidi } from '../../cli/chart/plain-text';
import type { ReportSource } from '../sources-html';
import { estimatedLines } from './slide-grid';

/** "USGS, 2025": who published it and the year, the way a footnote cites. */
function shortCitation(source: ReportSource): string {
  const who = isolateBidi(source.publisher ?? source.title);
  const year = source.published?.slice(0, 4);
  return year ? `${who}, ${year}` : who;
}

/** [4, 5, 6, 9] → "4–6, 9". */
function numberRanges(numbers: readonly number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    ranges.push(j > i ? `${numbers[i]}–${numbers[j]}` : `${numbers[i]}`);
    i = j + 1;
  }
  return ranges.join(', ');
}

/**
 * "Sources: [3] USGS, 2025; [5] Adamas Intelligence, 2024". A chart can rest on forty sources, more
 * than the footnote row holds: as many as fit in `maxLines` are named, the rest given by number.
 */
export function sourceFootnote(
  numbers: readonly number[],
  sources: readonly ReportSource[],
  fit: { width: number; pt: number; maxLines: number },
): string {
  const cited = numbers.filter((n) => sources[n - 1] !== undefined);
  if (cited.length === 0) return '';
  const fits = (text: string) => estimatedLines(text, fit.width, fit.pt) <= fit.maxLines;
  const named = (count: number) => cited.slice(0, count).map((n) => `[${n}] ${shortCitation(sources[n - 1]!)}`);
  const all = `Sources: ${named(cited.length).join('; ')}.`;
  if (fits(all)) return all;
  for (let count = cited.length - 1; count >= 0; count--) {
    const rest = cited.slice(count);
    const head = named(count);
    const text = `Sources: ${head.length > 0 ? `${head.join('; ')}; also ` : ''}[${numberRanges(rest)}], listed on the Sources slides.`;
    if (fits(text) || count === 0) return text;
  }
  return all;
}
