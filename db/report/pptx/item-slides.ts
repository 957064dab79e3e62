import type PptxGenJS from 'pptxgenjs';
import type { ReportSlide, ReportSlides } from '../slides-types';
import { fitChart, pngDataUrl, svgSize } from './chart-image';
import { isWeak } from '../evidence-line';
import { sourceFootnote } from './footnote';
import {
  bulletIndent,
  narrativeBlocks,
  narrativePages,
  narrativePoints,
  paragraphSpace,
  type NarrativeBlock,
} from './narrative-text';
import { addMessageSlide, footnoteWidth, framedSlide, frameLayout, type Frame } from './slide-frame';
import { colours, fontFace, points } from './slide-grid';
import { addTableSlides, continued } from './table-slide';

/**
 * One report item as slides: a chart as a picture, a claims, conflict or score table as native
 * table slides, a narrative as text. Every one of them carries the item's warning, footnote and
 * speaker notes, so a slide shown on its own still says what its figures rest on.
 */
export interface ChartPicture {
  chartPng: (svg: string) => Promise<Uint8Array>;
}

/** A chart's picture carries its own title, so its slide is titled with the takeaway instead of saying the title twice. */
export function slideTitles(item: Pick<ReportSlide, 'kind' | 'heading' | 'takeaway'>): { heading: string; takeaway: string } {
  return item.kind === 'chart' && item.takeaway !== ''
    ? { heading: item.takeaway, takeaway: '' }
    : { heading: item.heading, takeaway: item.takeaway };
}

function itemFrame(item: ReportSlide, deck: ReportSlides): Frame {
  const titles = slideTitles(item);
  return {
    marking: deck.marking,
    heading: titles.heading,
    takeaway: titles.takeaway,
    // Weak evidence must look weak on the slide itself, not only in the notes.
    warning: isWeak(item.flags) ? `⚠ ${item.evidence}` : '',
    footnote: sourceFootnote(item.sourceNumbers, deck.sources, { width: footnoteWidth, pt: points.footnote, maxLines: 2 }),
    notes: item.notes,
  };
}

function narrativeRuns(blocks: readonly NarrativeBlock[]): PptxGenJS.TextProps[] {
  return blocks.map((block) => {
    const spacing = { breakLine: true, paraSpaceAfter: paragraphSpace };
    switch (block.kind) {
      case 'heading':
        return { text: block.text, options: { ...spacing, bold: true, fontSize: narrativePoints.heading } };
      case 'bullet':
        return { text: block.text, options: { ...spacing, bullet: { indent: bulletIndent * 72 } } };
      case 'numbered':
        return {
          text: block.text,
          options: { ...spacing, bullet: { type: 'number', numberStartAt: block.number ?? 1, indent: bulletIndent * 72 } },
        };
      case 'paragraph':
        return { text: block.text, options: spacing };
    }
  });
}

function addNarrativeSlides(deck: PptxGenJS, frame: Frame, markdown: string): void {
  const blocks = narrativeBlocks(markdown);
  // The narrative's first heading is the slide's heading already.
  if (blocks[0]?.kind === 'heading' && blocks[0].text.trim() === frame.heading.trim()) blocks.shift();
  const pageFrame = (page: number): Frame =>
    page === 0 ? frame : { ...frame, heading: continued(frame.heading), takeaway: undefined };
  const width = frameLayout(frame).body.w;
  const pages = narrativePages(blocks, width, (page) => frameLayout(pageFrame(page)).body.h);
  pages.forEach((page, index) => {
    const { slide, body } = framedSlide(deck, pageFrame(index));
    if (page.length === 0) return;
    slide.addText(narrativeRuns(page), {
      ...body,
      fontFace,
      fontSize: narrativePoints.body,
      color: colours.text,
      margin: 0,
      valign: 'top',
    });
  });
}

export async function addItemSlides(
  deck: PptxGenJS,
  item: ReportSlide,
  report: ReportSlides,
  picture: ChartPicture,
): Promise<void> {
  const frame = itemFrame(item, report);
  if (item.chartSvg !== undefined) {
    const { slide, body } = framedSlide(deck, frame);
    const png = await picture.chartPng(item.chartSvg);
    slide.addImage({
      data: pngDataUrl(png),
      ...fitChart(svgSize(item.chartSvg), body),
      altText: [item.heading, item.takeaway].filter((text) => text !== '').join('. '),
    });
  } else if (item.table !== undefined) {
    if (item.table.rows.length === 0)
      addMessageSlide(deck, frame, item.kind === 'scores' ? 'No stage has a score.' : 'No claims match.');
    else addTableSlides(deck, frame, item.table);
  } else if (item.markdown !== undefined) {
    addNarrativeSlides(deck, frame, item.markdown);
  } else {
    framedSlide(deck, frame);
  }
}
