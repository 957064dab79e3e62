import { useCallback } from 'react';
import { LoadingNotice } from '../common/LoadingNotice';
import { useLoadable } from '../common/useLoadable';
import { itemKindNames } from './item-words';
import { loadReportSlides, type ReportSlide, type SlidesRequest } from './report-api';

interface OutlinePreviewProps {
  /** What to outline: the saved report, or the draft as typed; null when there is nothing saved yet. */
  request: SlidesRequest | null;
  /** Changes after every save and workspace write, so the outline is always drawn from the data as it is now. */
  reload: string;
  /** The outline shows the saved report while the editor holds changes: say so, and offer the draft. */
  showingSaved: boolean;
  /** The outlined draft has been changed since: the outline may no longer say what the draft would. */
  draftStale: boolean;
  onPreviewDraft: () => void;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "12 claims · 2 state-media only · 1 contested": the evidence warnings a slide will carry. */
export function flagWords(flags: ReportSlide['flags']): string {
  const parts = [plural(flags.claims, 'claim')];
  if (flags.stateMediaOnly > 0) parts.push(`${flags.stateMediaOnly} state-media only`);
  if (flags.contested > 0) parts.push(`${flags.contested} contested`);
  return parts.join(' · ');
}

/** Footnote numbers as the slide prints them, ranges joined: "1–3, 7". */
export function footnoteWords(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return runs.join(', ');
}

/**
 * What each slide and page will say, drawn by the same code as the exports: its heading, the one-line
 * takeaway, the evidence warnings and the footnotes, so the analyst reads the report before sending it.
 */
export function OutlinePreview({ request, reload, showingSaved, draftStale, onPreviewDraft }: OutlinePreviewProps) {
  const key = request ? JSON.stringify(request) : '';
  const load = useCallback(
    () => (request ? loadReportSlides(request) : Promise.resolve(null)),
    [key, reload], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const slides = useLoadable(load);
  const value = slides.value;

  return (
    <aside className="report-outline" aria-label="Outline" aria-busy={slides.loading}>
      <div className="report-outline-head">
        <h3 className="report-section-title">Outline</h3>
        {value && <span className="report-outline-count">{plural(value.sources.length, 'source')}</span>}
      </div>
      {showingSaved && (
        <p className="report-outline-note">
          Shows the saved report.{' '}
          <button type="button" className="link-button" onClick={onPreviewDraft}>
            Outline the unsaved changes
          </button>
        </p>
      )}
      {draftStale && (
        <p className="report-outline-note">
          Outlines the draft as it was.{' '}
          <button type="button" className="link-button" onClick={onPreviewDraft}>
            Outline it again
          </button>
        </p>
      )}
      {!request ? (
        <p className="report-outline-note">
          Save the report, or{' '}
          <button type="button" className="link-button" onClick={onPreviewDraft}>
            outline the draft
          </button>
          , to see what each slide will say.
        </p>
      ) : slides.error ? (
        <p className="form-error" role="alert">
          {slides.error}
        </p>
      ) : !value ? (
        <LoadingNotice what="the outline" />
      ) : (
        <>
          <div className="report-outline-title">
            {value.marking && <div className="marking-band">{value.marking}</div>}
            <strong>{value.title}</strong>
            {value.facts.length > 0 && (
              <dl>
                {value.facts.map((fact) => (
                  <div key={fact.term}>
                    <dt>{fact.term}</dt>
                    <dd>{fact.value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </div>
          <ol className="report-outline-items">
            {value.items.map((slide, index) => (
              <li key={index} className="report-outline-item" data-kind={slide.kind}>
                <span className="report-outline-kind">{itemKindNames[slide.kind]}</span>
                <strong className="report-outline-heading">{slide.heading}</strong>
                {slide.takeaway && <p className="report-outline-takeaway">{slide.takeaway}</p>}
                {slide.kind !== 'narrative' && (
                  <p className="report-outline-meta">
                    <span
                      className={
                        slide.flags.stateMediaOnly + slide.flags.contested > 0
                          ? 'report-outline-flags weak'
                          : 'report-outline-flags'
                      }
                    >
                      {flagWords(slide.flags)}
                    </span>
                    {slide.sourceNumbers.length > 0 && <span> · Sources {footnoteWords(slide.sourceNumbers)}</span>}
                  </p>
                )}
              </li>
            ))}
          </ol>
          <p className="report-outline-sources">
            Then the Sources page: {plural(value.sources.length, 'source')}, numbered as in the footnotes.
          </p>
        </>
      )}
    </aside>
  );
}
