import PptxGenJS from 'pptxgenjs';
import { xmlSafe } from '../../cli/chart/plain-text';
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
/** Every text in the report with the characters XML 1.0 forbids made U+FFFD: PowerPoint refuses a deck holding one. */
function withXmlSafeText<T>(value: T): T {
  if (typeof value === 'string') return xmlSafe(value) as T;
  if (Array.isArray(value)) return value.map(withXmlSafeText) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withXmlSafeText(inner)])) as T;
  return value;
}

export async function reportPptx(drawn: ReportSlides, options: ChartPicture): Promise<Uint8Array> {
  const slides = withXmlSafeText(drawn);
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
