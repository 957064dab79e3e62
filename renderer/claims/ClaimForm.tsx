import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { bridge } from '../bridge';
import { fieldErrorOf, type FieldError } from '../common/errors';
import { Modal } from '../common/Modal';
import { useLoadable } from '../common/useLoadable';
import type { ClaimDetail, Credibility, FacilityStatus, Metric, Stage, Vocabulary } from '../types';
import type { ClaimDraftPrefill } from './claim-draft';
import {
  citationKey,
  formFromClaim,
  formFromDraft,
  formToFields,
  type CitationDraft,
  type ClaimFormState,
} from './claim-form-state';
import { SourcePicker } from './SourcePicker';
import './claim-form.css';

export type ClaimFormRequest = { kind: 'new'; draft?: ClaimDraftPrefill } | { kind: 'edit'; id: string };

interface ClaimFormProps {
  vocabulary: Vocabulary;
  request: ClaimFormRequest;
  onClose: () => void;
  /** After a save or delete: the app refreshes what is visible. */
  onSaved: (id: string, deleted: boolean) => void;
}

/** Creating, editing or deleting a claim, in a dialog. */
export function ClaimForm({ vocabulary, request, onClose, onSaved }: ClaimFormProps) {
  const editId = request.kind === 'edit' ? request.id : null;
  const load = useCallback(() => (editId ? bridge().getClaim({ id: editId }) : Promise.resolve(null)), [editId]);
  const existing = useLoadable(load);
  const title = editId ? 'Edit claim' : 'New claim';
  return (
    <Modal title={title} onClose={onClose} wide>
      {existing.error ? (
        <p className="form-error" role="alert">
          {existing.error}
        </p>
      ) : editId && !existing.value ? (
        <p className="loading-notice">Loading claim…</p>
      ) : (
        <ClaimFormBody
          vocabulary={vocabulary}
          existing={existing.value ?? null}
          initial={
            existing.value ? formFromClaim(existing.value) : formFromDraft(request.kind === 'new' ? request.draft : undefined)
          }
          onClose={onClose}
          onSaved={onSaved}
        />
      )}
    </Modal>
  );
}

interface BodyProps {
  vocabulary: Vocabulary;
  existing: ClaimDetail | null;
  initial: ClaimFormState;
  onClose: () => void;
  onSaved: (id: string, deleted: boolean) => void;
}

function ClaimFormBody({ vocabulary, existing, initial, onClose, onSaved }: BodyProps) {
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const set = <K extends keyof ClaimFormState>(key: K, value: ClaimFormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setCitation = (key: number, change: Partial<CitationDraft>) =>
    setForm((f) => ({ ...f, citations: f.citations.map((c) => (c.key === key ? { ...c, ...change } : c)) }));

  const errorFor = (...fields: string[]) =>
    error?.field && fields.some((field) => error.field === field || error.field!.startsWith(`${field}.`)) ? error.message : null;

  const save = async () => {
    const converted = formToFields(form, existing?.confidenceNote ?? null);
    if ('field' in converted) return setError(converted);
    setBusy(true);
    setError(null);
    try {
      const result = existing
        ? await bridge().updateClaim({ id: existing.id, claim: converted.fields })
        : await bridge().createClaim(converted.fields);
      onSaved(result.id, false);
    } catch (failure) {
      setError(fieldErrorOf(failure, 'claim'));
      setBusy(false);
    }
  };
  const remove = async () => {
    if (!existing) return;
    setBusy(true);
    try {
      await bridge().deleteClaim({ id: existing.id });
      onSaved(existing.id, true);
    } catch (failure) {
      setError(fieldErrorOf(failure));
      setBusy(false);
      setConfirmDelete(false);
    }
  };

  const placed = [
    'statement',
    'metric',
    'value',
    'valueLow',
    'valueHigh',
    'unit',
    'stage',
    'country',
    'entity',
    'facilityStatus',
    'year',
    'credibility',
    'credibilityReason',
    'tags',
    'notes',
    'citations',
  ];
  const unplaced = error && (!error.field || !placed.includes(error.field.split('.')[0]!)) ? error.message : null;

  return (
    <form
      className="claim-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Field label="Statement" error={errorFor('statement')} wide>
        <textarea
          name="statement"
          rows={3}
          value={form.statement}
          aria-invalid={!!errorFor('statement') || undefined}
          onChange={(e) => set('statement', e.target.value)}
          placeholder="One claim, in one sentence, e.g. “China's 2023 rare-earth mine production was 240,000 t REO.”"
        />
      </Field>

      <div className="form-grid">
        <Field label="Metric" error={errorFor('metric')}>
          <select name="metric" value={form.metric} onChange={(e) => set('metric', e.target.value as Metric)}>
            {Object.entries(vocabulary.metrics).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Value" error={errorFor('value')}>
          <input
            name="value"
            inputMode="decimal"
            className="numeric"
            value={form.value}
            onChange={(e) => set('value', e.target.value)}
          />
        </Field>
        <Field label="Low" error={errorFor('valueLow')}>
          <input
            name="valueLow"
            inputMode="decimal"
            className="numeric"
            value={form.valueLow}
            onChange={(e) => set('valueLow', e.target.value)}
          />
        </Field>
        <Field label="High" error={errorFor('valueHigh')}>
          <input
            name="valueHigh"
            inputMode="decimal"
            className="numeric"
            value={form.valueHigh}
            onChange={(e) => set('valueHigh', e.target.value)}
          />
        </Field>
        <Field label="Unit" error={errorFor('unit')}>
          <input name="unit" value={form.unit} placeholder="t REO" onChange={(e) => set('unit', e.target.value)} />
        </Field>
        <Field label="Year" error={errorFor('year')}>
          <input
            name="year"
            inputMode="numeric"
            className="numeric"
            value={form.year}
            onChange={(e) => set('year', e.target.value)}
          />
        </Field>
        <Field label="Stage" error={errorFor('stage')}>
          <select name="stage" value={form.stage} onChange={(e) => set('stage', e.target.value as Stage | '')}>
            <option value="">—</option>
            {Object.entries(vocabulary.stages).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Country" error={errorFor('country')}>
          <input name="country" value={form.country} onChange={(e) => set('country', e.target.value)} />
        </Field>
        <Field label="Entity / facility" error={errorFor('entity')}>
          <input name="entity" value={form.entity} onChange={(e) => set('entity', e.target.value)} />
        </Field>
        <Field label="Facility status" error={errorFor('facilityStatus')}>
          <select
            name="facilityStatus"
            value={form.facilityStatus}
            onChange={(e) => set('facilityStatus', e.target.value as FacilityStatus | '')}
          >
            <option value="">—</option>
            {Object.entries(vocabulary.facilityStatuses).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </Field>
      </div>

      <fieldset className="form-field form-wide credibility-field">
        <legend>Credibility (Admiralty)</legend>
        <div className="credibility-choices">
          {Object.entries(vocabulary.credibility).map(([key, label]) => (
            <label key={key} className="credibility-choice">
              <input
                type="radio"
                name="credibility"
                value={key}
                checked={form.credibility === Number(key)}
                onChange={() => set('credibility', Number(key) as Credibility)}
              />
              <span className="credibility-digit">{key}</span> {label}
            </label>
          ))}
        </div>
        {errorFor('credibility') && <FieldMessage message={errorFor('credibility')!} />}
      </fieldset>
      <Field label="Why this credibility" error={errorFor('credibilityReason')} wide>
        <input
          name="credibilityReason"
          value={form.credibilityReason}
          onChange={(e) => set('credibilityReason', e.target.value)}
        />
      </Field>

      <fieldset className="form-field form-wide citations-field">
        <legend>Sources cited</legend>
        {form.citations.length === 0 && <p className="form-hint">A claim cites at least one source.</p>}
        <ol className="citation-drafts">
          {form.citations.map((citation, index) => (
            <CitationEditor
              key={citation.key}
              citation={citation}
              error={errorFor(`citations.${index}`)}
              onChange={(change) => setCitation(citation.key, change)}
              onRemove={() => setForm((f) => ({ ...f, citations: f.citations.filter((c) => c.key !== citation.key) }))}
            />
          ))}
        </ol>
        <SourcePicker
          vocabulary={vocabulary}
          exclude={form.citations.map((c) => c.sourceId)}
          invalid={error?.field === 'citations'}
          onPick={(source) =>
            setForm((f) => ({
              ...f,
              citations: [
                ...f.citations,
                {
                  key: citationKey(),
                  sourceId: source.id,
                  sourceTitle: source.title,
                  excerpt: '',
                  locator: '',
                  stance: 'supports',
                },
              ],
            }))
          }
        />
        {error?.field === 'citations' && <FieldMessage message={error.message} />}
      </fieldset>

      <div className="form-grid form-grid-2">
        <Field label="Tags (comma-separated)" error={errorFor('tags')}>
          <input name="tags" value={form.tags} onChange={(e) => set('tags', e.target.value)} />
        </Field>
        <Field label="Notes" error={errorFor('notes')}>
          <textarea name="notes" rows={2} value={form.notes} onChange={(e) => set('notes', e.target.value)} />
        </Field>
      </div>

      {unplaced && (
        <p className="form-error" role="alert">
          {unplaced}
        </p>
      )}
      <div className="form-actions">
        {existing &&
          (confirmDelete ? (
            <span className="delete-confirm" role="alert">
              Delete this claim? The audit log keeps a record of it.
              <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
                Delete
              </button>
              <button type="button" onClick={() => setConfirmDelete(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button type="button" className="danger-quiet" onClick={() => setConfirmDelete(true)}>
              Delete claim…
            </button>
          ))}
        <span className="form-actions-end">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {existing ? 'Save changes' : 'Save claim'}
          </button>
        </span>
      </div>
    </form>
  );
}

function Field({ label, error, wide, children }: { label: string; error: string | null; wide?: boolean; children: ReactNode }) {
  return (
    <label className={`form-field${wide ? ' form-wide' : ''}${error ? ' has-error' : ''}`}>
      <span className="form-label">{label}</span>
      {children}
      {error && <FieldMessage message={error} />}
    </label>
  );
}

function FieldMessage({ message }: { message: string }) {
  return (
    <span className="field-error" role="alert">
      {message}
    </span>
  );
}

interface CitationEditorProps {
  citation: CitationDraft;
  error: string | null;
  onChange: (change: Partial<CitationDraft>) => void;
  onRemove: () => void;
}

function CitationEditor({ citation, error, onChange, onRemove }: CitationEditorProps) {
  // A citation captured elsewhere arrives with only its source id: look its title up once.
  const { sourceId, sourceTitle } = citation;
  useEffect(() => {
    if (sourceTitle !== null) return;
    let live = true;
    bridge()
      .getSource({ id: sourceId })
      .then(
        (source) => live && onChange({ sourceTitle: source.title }),
        () => live && onChange({ sourceTitle: sourceId }),
      );
    return () => {
      live = false;
    };
  }, [sourceId, sourceTitle]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <li className={`citation-draft${error ? ' has-error' : ''}`}>
      <div className="citation-draft-head">
        <span className="citation-draft-title">{sourceTitle ?? sourceId}</span>
        <span className="stance-toggle" role="group" aria-label="Stance">
          {(['supports', 'contradicts'] as const).map((stance) => (
            <button key={stance} type="button" aria-pressed={citation.stance === stance} onClick={() => onChange({ stance })}>
              {stance}
            </button>
          ))}
        </span>
        <button type="button" className="icon-button" aria-label={`Remove ${sourceTitle ?? sourceId}`} onClick={onRemove}>
          ×
        </button>
      </div>
      <div className="citation-draft-fields">
        <textarea
          aria-label="Excerpt"
          placeholder="Excerpt: the words in the source that support or contradict the claim"
          rows={2}
          value={citation.excerpt}
          onChange={(e) => onChange({ excerpt: e.target.value })}
        />
        <input
          aria-label="Locator"
          placeholder="Locator: page, table, paragraph"
          value={citation.locator}
          onChange={(e) => onChange({ locator: e.target.value })}
        />
      </div>
      {error && <FieldMessage message={error} />}
    </li>
  );
}
