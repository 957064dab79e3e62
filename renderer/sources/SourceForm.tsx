import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { OperationInput } from '../../db/api';
import type { PublisherType, Reliability, StateAffiliation } from '../../db/evidence/vocabulary';
import { bridge } from '../bridge';
import type { Vocabulary } from '../types';
import { fieldFailure } from './field-errors';
import { useSourceNames } from './useSourceNames';

type SourceFields = NonNullable<OperationInput<'createSource'>>;

interface FormState {
  title: string;
  publisher: string;
  publisherType: PublisherType;
  originCountry: string;
  stateAffiliated: StateAffiliation;
  published: string;
  accessed: string;
  url: string;
  retrievedVia: string;
  reliability: Reliability;
  reliabilityReason: string;
  notes: string;
  derivedFrom: string[];
}

/** The fields typed as plain text. */
type TextKey = 'title' | 'publisher' | 'originCountry' | 'published' | 'accessed' | 'url' | 'retrievedVia';

const blank: FormState = {
  title: '',
  publisher: '',
  publisherType: 'news',
  originCountry: '',
  stateAffiliated: 'unknown',
  published: '',
  accessed: '',
  url: '',
  retrievedVia: '',
  reliability: 'F',
  reliabilityReason: '',
  notes: '',
  derivedFrom: [],
};

/** Empty text fields go to the workspace as null, so "no publisher" is not stored as "". */
function toInput(form: FormState): SourceFields {
  const orNull = (s: string) => (s.trim() ? s : null);
  return {
    title: form.title,
    publisher: orNull(form.publisher),
    publisherType: form.publisherType,
    originCountry: orNull(form.originCountry),
    stateAffiliated: form.stateAffiliated,
    published: orNull(form.published),
    accessed: orNull(form.accessed),
    url: orNull(form.url),
    retrievedVia: orNull(form.retrievedVia),
    reliability: form.reliability,
    reliabilityReason: orNull(form.reliabilityReason),
    notes: orNull(form.notes),
    derivedFrom: form.derivedFrom,
  };
}

interface SourceFormProps {
  vocabulary: Vocabulary;
  /** The source being edited; undefined for a new one. */
  editId: string | undefined;
  version: number;
  onSaved: (id: string) => void;
  onCancel: () => void;
}

export function SourceForm({ vocabulary, editId, version, onSaved, onCancel }: SourceFormProps) {
  const [form, setForm] = useState<FormState>(blank);
  const [loaded, setLoaded] = useState(!editId);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const names = useSourceNames(version);

  useEffect(() => {
    if (!editId) return;
    let current = true;
    bridge()
      .getSource({ id: editId })
      .then(
        (s) => {
          if (!current) return;
          setForm({
            title: s.title,
            publisher: s.publisher ?? '',
            publisherType: s.publisherType,
            originCountry: s.originCountry ?? '',
            stateAffiliated: s.stateAffiliated,
            published: s.published ?? '',
            accessed: s.accessed ?? '',
            url: s.url ?? '',
            retrievedVia: s.retrievedVia ?? '',
            reliability: s.reliability,
            reliabilityReason: s.reliabilityReason ?? '',
            notes: s.notes ?? '',
            derivedFrom: s.derivedFrom,
          });
          setLoaded(true);
        },
        (error: unknown) => current && setFormError(fieldFailure(error).message),
      );
    return () => {
      current = false;
    };
  }, [editId]);

  const set =
    <K extends keyof FormState>(key: K) =>
    (value: FormState[K]) => {
      setForm((f) => ({ ...f, [key]: value }));
      if (errors[key]) setErrors(({ [key]: _gone, ...rest }) => rest);
    };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    setFormError(undefined);
    try {
      const input = toInput(form);
      const { id } = editId ? await bridge().updateSource({ id: editId, source: input }) : await bridge().createSource(input);
      onSaved(id);
    } catch (error) {
      const failure = fieldFailure(error);
      if (failure.field && failure.field in blank) setErrors({ [failure.field]: failure.reason });
      else setFormError(failure.message);
    } finally {
      setSaving(false);
    }
  };

  const text = (key: TextKey, label: string, options: { placeholder?: string; wide?: boolean } = {}) => (
    <FormField id={key} label={label} error={errors[key]} wide={options.wide}>
      <input
        id={`source-${key}`}
        type="text"
        value={form[key]}
        placeholder={options.placeholder}
        aria-invalid={!!errors[key]}
        aria-describedby={errors[key] ? `source-${key}-error` : undefined}
        onChange={(event) => set(key)(event.target.value)}
      />
    </FormField>
  );

  const candidates = names.filter((n) => n.id !== editId && !form.derivedFrom.includes(n.id));
  const titleOf = (id: string) => names.find((n) => n.id === id)?.title ?? id;

  return (
    <form className="source-form" onSubmit={(event) => void submit(event)} noValidate>
      <header className="panel-header">
        <div>
          <p className="panel-kicker">{editId ? 'Edit source' : 'New source'}</p>
          <h3>{form.title || 'Untitled source'}</h3>
        </div>
      </header>
      {formError && (
        <div className="src-error" role="alert">
          {formError}
        </div>
      )}
      <fieldset className="source-form-grid" disabled={!loaded || saving}>
        {text('title', 'Title', { wide: true })}
        {text('publisher', 'Publisher')}
        <FormField id="publisherType" label="Publisher type" error={errors.publisherType}>
          <select
            id="source-publisherType"
            value={form.publisherType}
            onChange={(event) => set('publisherType')(event.target.value as PublisherType)}
          >
            {Object.entries(vocabulary.publisherTypes).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </FormField>
        {text('originCountry', 'Origin country')}
        <FormField id="stateAffiliated" label="State-affiliated" error={errors.stateAffiliated}>
          <select
            id="source-stateAffiliated"
            value={form.stateAffiliated}
            onChange={(event) => set('stateAffiliated')(event.target.value as StateAffiliation)}
          >
            <option value="unknown">Unknown</option>
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
        </FormField>
        {text('published', 'Published', { placeholder: 'YYYY, YYYY-MM or YYYY-MM-DD' })}
        {text('accessed', 'Accessed', { placeholder: 'YYYY-MM-DD' })}
        {text('url', 'URL (kept as text, never opened)', { wide: true })}
        {text('retrievedVia', 'Retrieved via', { wide: true })}
        <FormField id="reliability" label="Reliability (Admiralty)" error={errors.reliability} wide>
          <select
            id="source-reliability"
            value={form.reliability}
            onChange={(event) => set('reliability')(event.target.value as Reliability)}
          >
            {Object.entries(vocabulary.reliability).map(([grade, words]) => (
              <option key={grade} value={grade}>
                {grade} · {words}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="reliabilityReason" label="Why this grade" error={errors.reliabilityReason} wide>
          <textarea
            id="source-reliabilityReason"
            rows={2}
            value={form.reliabilityReason}
            onChange={(event) => set('reliabilityReason')(event.target.value)}
          />
        </FormField>
        <FormField id="derivedFrom" label="Derived from (sources this one relays)" error={errors.derivedFrom} wide>
          <div className="derived-picker">
            {form.derivedFrom.length > 0 && (
              <ul className="chosen-list">
                {form.derivedFrom.map((id) => (
                  <li key={id}>
                    <span>{titleOf(id)}</span>
                    <button
                      type="button"
                      className="chip-remove"
                      aria-label={`Remove ${titleOf(id)}`}
                      onClick={() => set('derivedFrom')(form.derivedFrom.filter((d) => d !== id))}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <select
              id="source-derivedFrom"
              aria-label="Add a source this one derives from"
              value=""
              onChange={(event) => event.target.value && set('derivedFrom')([...form.derivedFrom, event.target.value])}
            >
              <option value="">Add a source this one derives from…</option>
              {candidates.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.publisher ? `${n.publisher} — ${n.title}` : n.title}
                </option>
              ))}
            </select>
          </div>
        </FormField>
        <FormField id="notes" label="Notes" error={errors.notes} wide>
          <textarea id="source-notes" rows={3} value={form.notes} onChange={(event) => set('notes')(event.target.value)} />
        </FormField>
      </fieldset>
      <div className="source-form-actions">
        <button type="submit" className="primary-button" disabled={!loaded || saving}>
          {editId ? 'Save changes' : 'Create source'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function FormField(props: { id: string; label: string; error: string | undefined; wide?: boolean; children: ReactNode }) {
  return (
    <div className={`source-field${props.wide ? ' source-field-wide' : ''}${props.error ? ' source-field-invalid' : ''}`}>
      <label htmlFor={`source-${props.id}`}>{props.label}</label>
      {props.children}
      {props.error && (
        <span className="source-field-error" id={`source-${props.id}-error`} role="alert">
          {props.error}
        </span>
      )}
    </div>
  );
}
