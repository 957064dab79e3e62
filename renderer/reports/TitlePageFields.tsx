import type { ReportDraft } from './report-draft';
import { ReportField } from './ReportField';

interface TitlePageFieldsProps {
  draft: ReportDraft;
  onChange: (change: Partial<ReportDraft>) => void;
  /** The refusal naming a field, or null. */
  reasonFor: (field: string) => string | null;
}

/**
 * The report's title page and its print settings: who wrote it for whom, when, how current its data
 * is, the marking banner printed on every page, and the paper it is laid out for.
 */
export function TitlePageFields({ draft, onChange, reasonFor }: TitlePageFieldsProps) {
  const invalid = (field: string) => (reasonFor(field) ? true : undefined);
  return (
    <fieldset className="report-section report-title-page">
      <legend>Title page</legend>
      <div className="report-grid">
        <ReportField label="Title" reason={reasonFor('title')} wide>
          <input
            value={draft.title}
            aria-invalid={invalid('title')}
            placeholder="e.g. Rare-earth magnets: where the gap is"
            onChange={(event) => onChange({ title: event.target.value })}
          />
        </ReportField>
        <ReportField label="Name in the list" reason={reasonFor('name')} hint="Leave empty to use the title.">
          <input
            value={draft.name}
            aria-invalid={invalid('name')}
            placeholder={draft.title || 'the title'}
            onChange={(event) => onChange({ name: event.target.value })}
          />
        </ReportField>
        <ReportField label="Author" reason={reasonFor('author')}>
          <input
            value={draft.author}
            aria-invalid={invalid('author')}
            onChange={(event) => onChange({ author: event.target.value })}
          />
        </ReportField>
        <ReportField label="Organisation" reason={reasonFor('organisation')}>
          <input
            value={draft.organisation}
            aria-invalid={invalid('organisation')}
            onChange={(event) => onChange({ organisation: event.target.value })}
          />
        </ReportField>
        <ReportField
          label="Report date"
          reason={reasonFor('reportDate')}
          hint="Empty: the day it is drawn. Or 2025-06-30, 2025-06, 2025."
        >
          <input
            value={draft.reportDate}
            inputMode="numeric"
            placeholder="YYYY-MM-DD"
            aria-invalid={invalid('reportDate')}
            onChange={(event) => onChange({ reportDate: event.target.value })}
          />
        </ReportField>
        <fieldset className="report-field report-as-of">
          <legend className="report-field-label">Data as of</legend>
          <label className="report-check">
            <input
              type="checkbox"
              checked={draft.asOfComputed}
              onChange={(event) => onChange({ asOfComputed: event.target.checked })}
            />
            Computed from the sources
          </label>
          {!draft.asOfComputed && (
            <input
              value={draft.asOf}
              aria-label="Data as of"
              inputMode="numeric"
              placeholder="YYYY-MM-DD"
              aria-invalid={invalid('asOf')}
              onChange={(event) => onChange({ asOf: event.target.value })}
            />
          )}
          <span className="report-field-hint">
            {draft.asOfComputed ? 'The newest publication date among the sources the report rests on.' : 'Stated by you.'}
          </span>
          {reasonFor('asOf') && (
            <span className="field-error" role="alert">
              {reasonFor('asOf')}
            </span>
          )}
        </fieldset>
        <fieldset className="report-field">
          <legend className="report-field-label">Page size</legend>
          <div className="gap-segmented" role="group" aria-label="Page size">
            {(['A4', 'Letter'] as const).map((size) => (
              <button
                key={size}
                type="button"
                aria-pressed={draft.pageSize === size}
                onClick={() => onChange({ pageSize: size })}
              >
                {size}
              </button>
            ))}
          </div>
        </fieldset>
        <ReportField
          label="Marking banner"
          reason={reasonFor('marking')}
          wide
          hint="Printed at the top and bottom of every page and slide. Leave empty for none."
        >
          <input
            value={draft.marking}
            aria-invalid={invalid('marking')}
            placeholder="CONFIDENTIAL — CLIENT NAME"
            onChange={(event) => onChange({ marking: event.target.value })}
          />
        </ReportField>
        <MarkingPreview marking={draft.marking} />
      </div>
    </fieldset>
  );
}

/** A page in miniature, so the analyst sees the banner where the reader will: above and below the content. */
function MarkingPreview({ marking }: { marking: string }) {
  const text = marking.trim();
  return (
    <figure className="marking-preview" aria-label="How the marking shows">
      <div className="marking-page">
        {text ? <div className="marking-band">{text}</div> : <div className="marking-none">No marking</div>}
        <div className="marking-lines" aria-hidden="true">
          <span />
          <span />
          <span />
        </div>
        {text && <div className="marking-band">{text}</div>}
      </div>
      <figcaption>On every page</figcaption>
    </figure>
  );
}
