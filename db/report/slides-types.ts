import type { ReportItem } from './inputs';
import type { ReportSource } from './sources-html';

/**
 * A report drawn from the workspace, item by item, in the shape every output reads: the HTML file
 * and PDF (db/report/render-html.ts), the PowerPoint deck (db/report/pptx/) and the app's
 * presentation mode (renderer/present/). One shape, so a takeaway or a footnote reads the same in each.
 */
export interface ReportSlides {
  /** null for the built-in Overview or an unsaved draft. */
  reportId: string | null;
  name: string;
  title: string;
  /** Title-page facts in order: Author, Organisation, Date, Data as of, Workspace (empty ones left out). */
  facts: { term: string; value: string }[];
  /** The marking banner, '' for none: top and bottom of every page and slide. */
  marking: string;
  pageSize: 'A4' | 'Letter';
  items: ReportSlide[];
  /** Every source any item rests on; a slide's sourceNumbers index this list from 1. */
  sources: ReportSource[];
}

export interface ReportSlide {
  kind: ReportItem['kind'];
  /** The item's title: a chart's title, "Risk score by stage", a claims table's title, a narrative's first heading. */
  heading: string;
  /** One line a client can read off the slide ("China holds 93% of separation capacity in 2025 …"); '' for narrative. */
  takeaway: string;
  /**
   * The item as HTML, every text escaped (safe to place in a page as it is). Charts are inline SVG
   * without a <style> element, so the app's CSP accepts them; the report page embeds the typeface once.
   */
  html: string;
  /** A chart item's standalone SVG file text (xmlns, no <style>): rasterized for a slide. */
  chartSvg?: string;
  /** Claims, conflict and score items as plain-text rows, for native tables on a slide. */
  table?: { columns: string[]; rows: string[][] };
  /** A narrative item's Markdown as typed (a slide shows it as plain text lines). */
  markdown?: string;
  /** The evidence details, one line each: the speaker notes of a slide. */
  notes: string[];
  /** 1-based numbers into ReportSlides.sources: the slide's footnote. */
  sourceNumbers: number[];
  /** State-media-only and contested counts among the claims behind the item (flags on the slide). */
  flags: { claims: number; stateMediaOnly: number; contested: number };
  /** Those counts in one sentence (db/report/evidence-line.ts), the same on a deck slide and in presentation mode. */
  evidence: string;
  claimIds: string[];
}
