import type { ReportInput } from '../../db/report/inputs';
import type { ReportSlides } from '../../db/report/slides-types';
import { bridge } from '../bridge';

export type { ReportSlides, ReportSlide } from '../../db/report/slides-types';

/** A saved report by its id (or the built-in Overview's), or an unsaved draft's recipe. */
export type SlidesRequest = { id: string } | { report: ReportInput };

/** The outline of a report as every output (file, deck, presentation) will read it. */
export function loadReportSlides(request: SlidesRequest): Promise<ReportSlides> {
  return bridge().getReportSlides(request);
}
