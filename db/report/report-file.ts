import { svgToPng } from '../cli/chart/render-file';
import { chartScale } from './pptx/chart-image';
import { reportPptx } from './pptx/deck';
import { renderReportHtml } from './render-html';
import type { ReportSlides } from './slides-types';

/**
 * A drawn report as the file the analyst keeps: one standalone HTML page, a PDF printed from that
 * same page, or a PowerPoint deck. The desktop app, the preview host and the command line all go
 * through here; only the printing engine differs (Electron's printToPDF, or Chromium's page.pdf).
 */
export const reportFormats = ['html', 'pdf', 'pptx'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export type PrintPdf = (html: string, pageSize: 'A4' | 'Letter') => Promise<Uint8Array>;

/** A plain file name from the report's name: no folder, nothing a file system would refuse. */
export function reportFileName(slides: Pick<ReportSlides, 'name'>, format: ReportFormat): string {
  const stem = slides.name
    .replace(/[^\w .()-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return `${stem || 'Report'}.${format}`;
}

export async function reportFile(slides: ReportSlides, format: ReportFormat, printPdf: PrintPdf): Promise<string | Uint8Array> {
  if (format === 'pptx') return reportPptx(slides, { chartPng: (svg) => svgToPng(svg, chartScale) });
  const html = renderReportHtml(slides);
  return format === 'html' ? html : printPdf(html, slides.pageSize);
}
