import { useState } from 'react';
import { reasonFor as reasonAt, type ScoreFieldError } from '../scores/field-error';
import type { ConflictGroup, Vocabulary } from '../types';
import { ItemList } from './ItemList';
import type { ReportDraft } from './report-draft';
import { TitlePageFields } from './TitlePageFields';

interface ReportEditorProps {
  draft: ReportDraft;
  /** The built-in Overview: shown as it is, copied to be changed. */
  readOnly: boolean;
  dirty: boolean;
  busy: boolean;
  error: ScoreFieldError | null;
  vocabulary: Vocabulary;
  countries: readonly string[];
  conflicts: readonly ConflictGroup[] | undefined;
  onChange: (draft: ReportDraft) => void;
  onSave: () => void;
  onSaveCopy: () => void;
  onDelete: () => void;
  onCopyToEdit: () => void;
}

/** Fields the title page shows: a refusal naming one of them is shown beside it, not at the top. */
const titlePageFields = ['title', 'name', 'author', 'organisation', 'reportDate', 'asOf', 'marking', 'pageSize'];

/**
 * A report's recipe: its title page, banner and paper, then the items in order. Save writes the recipe
 * only; the figures are drawn from the workspace whenever the report is outlined, exported or presented.
 */
export function ReportEditor(props: ReportEditorProps) {
  const { draft, readOnly, dirty, busy, error, onChange } = props;
  const [confirming, setConfirming] = useState(false);
  const fieldReason = (field: string) => reasonAt(error, field);
  const itemReason = (index: number, field: string) =>
    field === '' ? (error?.path === `items.${index}` ? error.reason : null) : reasonAt(error, `items.${index}.${field}`);
  const placed =
    error?.path != null && (titlePageFields.some((field) => reasonAt(error, field)) || /^items\.\d+(\.|$)/.test(error.path));

  return (
    <form
      className="report-editor"
      aria-label={readOnly ? 'Built-in report' : 'Report editor'}
      onSubmit={(event) => {
        event.preventDefault();
        if (!readOnly) props.onSave();
      }}
    >
      <div className="report-actions">
        <h2 className="gap-heading">{draft.id === null ? 'New report' : draft.name || draft.title}</h2>
        {readOnly ? (
          <>
            <span className="report-badge">Built in · read-only</span>
            <div className="report-actions-end">
              <button type="button" className="primary" onClick={props.onCopyToEdit}>
                Copy to edit
              </button>
            </div>
          </>
        ) : (
          <>
            {dirty && <span className="report-badge report-badge-unsaved">Unsaved changes</span>}
            <div className="report-actions-end">
              {draft.id !== null && (
                <button type="button" onClick={() => setConfirming(true)} disabled={busy || confirming}>
                  Delete…
                </button>
              )}
              {draft.id !== null && (
                <button type="button" onClick={props.onSaveCopy} disabled={busy}>
                  Save as copy
                </button>
              )}
              <button type="submit" className="primary" disabled={busy || (!dirty && draft.id !== null)}>
                Save
              </button>
            </div>
          </>
        )}
      </div>
      {confirming && (
        <div className="confirm-bar" role="alertdialog" aria-label="Confirm delete">
          <span>
            Delete the report &ldquo;{draft.name}&rdquo;? Only its recipe goes: no claim or source changes, and the audit log
            keeps it.
          </span>
          <button
            type="button"
            className="danger"
            onClick={() => {
              setConfirming(false);
              props.onDelete();
            }}
          >
            Delete report
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {error && !placed && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {/* A disabled fieldset makes every field and button inside read-only at once, for the built-in report. */}
      <fieldset className="report-fields" disabled={readOnly}>
        <TitlePageFields draft={draft} onChange={(change) => onChange({ ...draft, ...change })} reasonFor={fieldReason} />
        <ItemList
          items={draft.items}
          vocabulary={props.vocabulary}
          countries={props.countries}
          conflicts={props.conflicts}
          readOnly={readOnly}
          onChange={(items) => onChange({ ...draft, items })}
          reasonFor={itemReason}
        />
      </fieldset>
    </form>
  );
}
