import PptxGenJS from 'pptxgenjs';
import type { ReportSlides } from '../slides-types';
import { addItemSlides, type ChartPicture } from './item-slides';
import { fontFace } from './slide-grid';
import { addSourcesSlides } from './sources-slides';
import { addTitleSlide } from './title-slide';

/**
 * A report as a PowerPoint deck (16:9): the title slide, each item on its own slide (long tables
 * and narratives continued over several), and the Sources slides. Every text goes in as a text run,
 * which PptxGenJS writes XML-escaped, so a claim reading "<img …>" shows those characters. Charts
 * arrive as PNG bytes from `chartPng` (the CLI's resvg), so nothing here touches a file or the network.
 */
export async function reportPptx(slides: ReportSlides, options: ChartPicture): Promise<Uint8Array> {
  const deck = new PptxGenJS();
  deck.layout = 'LAYOUT_WIDE';
  const fact = (term: string) => slides.facts.find((f) => f.term === term)?.value ?? '';
  // PptxGenJS fills its own name in where these are left unset.
  deck.title = slides.title;
  deck.author = fact('Author');
  deck.company = fact('Organisation');
  deck.subject = 'Chokepoint report';
  deck.theme = { headFontFace: fontFace, bodyFontFace: fontFace };

  addTitleSlide(deck, slides);
  for (const item of slides.items) await addItemSlides(deck, item, slides, options);
  addSourcesSlides(deck, slides);

  const bytes = await deck.write({ outputType: 'uint8array', compression: true });
  return bytes as Uint8Array;
}
