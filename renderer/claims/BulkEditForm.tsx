import { useState, type ReactNode } from 'react';
import { bridge } from '../bridge';
import { fieldErrorOf, type FieldError } from '../common/errors';
import { Modal } from '../common/Modal';
import { formatNumber } from '../common/numbers';
import type { Vocabulary } from '../types';
import type { OperationInput } from '../../db/api';
import './claim-form.css';

type Changes = OperationInput<'updateClaims'>['changes'];

/** A choice that leaves the field as each claim has it: the default for every field. */
const KEEP = '';
/** A choice that empties the field on every selected claim. */
const CLEAR = '__clear';

interface BulkEditFormProps {
  vocabulary: Vocabulary;
  ids: readonly string[];
  onClose: () => void;
  onDone: (updated: number) => void;
}

const tagList = (text: string) =>
  text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

/**
 * One change to many claims: the fields that make sense across a selection (stage, facility status,
 * credibility with its reason, tags). Every field starts at "leave as is"; only those changed are sent.
 */
export function BulkEditForm({ vocabulary, ids, onClose, onDone }: BulkEditFormProps) {
  const [stage, setStage] = useState(KEEP);
  const [facilityStatus, setFacilityStatus] = useState(KEEP);
  const [credibility, setCredibility] = useState(KEEP);
  const [credibilityReason, setCredibilityReason] = useState('');
  const [addTags, setAddTags] = useState('');
  const [removeTags, setRemoveTags] = useState('');
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  // Any change to the form makes the last refusal stale.
  const edit = (set: (value: string) => void) => (event: { target: { value: string } }) => {
    setError(null);
    set(event.target.value);
  };

  const changes = (): Changes => {
    const chosen: Record<string, unknown> = {};
    if (stage !== KEEP) chosen.stage = stage === CLEAR ? null : stage;
    if (facilityStatus !== KEEP) chosen.facilityStatus = facilityStatus === CLEAR ? null : facilityStatus;
    if (credibility !== KEEP) chosen.credibility = Number(credibility);
    if (credibilityReason.trim()) chosen.credibilityReason = credibilityReason;
    if (tagList(addTags).length) chosen.addTags = tagList(addTags);
    if (tagList(removeTags).length) chosen.removeTags = tagList(removeTags);
    return chosen;
  };

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await bridge().updateClaims({ ids: [...ids], changes: changes() });
      onDone(result.updated);
    } catch (failure) {
      setError(fieldErrorOf(failure, 'changes'));
      setBusy(false);
    }
  };

  const errorFor = (field: string) => (error?.field === field || error?.field?.startsWith(`${field}.`) ? error.message : null);
  const placed = ['stage', 'facilityStatus', 'credibility', 'credibilityReason', 'addTags', 'removeTags'];
  // A refusal of the changes as a whole ("choose at least one change") reads without its field name.
  const unplaced = error && !placed.includes(error.field?.split('.')[0] ?? '') ? error.message.replace(/^changes: /, '') : null;
  const count = `${formatNumber(ids.length)} claim${ids.length === 1 ? '' : 's'}`;

  return (
    <Modal title={`Edit ${count}`} onClose={onClose}>
      <form
        className="claim-form bulk-edit-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void apply();
        }}
      >
        <p className="form-hint">
          Each change applies to all {count}; fields left at “Leave as is” keep each claim’s own value. Every claim’s history
          records the edit.
        </p>
        <div className="form-grid form-grid-2">
          <Field label="Stage" error={errorFor('stage')}>
            <select name="stage" value={stage} onChange={edit(setStage)}>
              <option value={KEEP}>Leave as is</option>
              {Object.entries(vocabulary.stages).map(([key, label]) => (
                <option key={key} value={key}>
                  {label}
                </option>
              ))}
              <option value={CLEAR}>None (clear)</option>
            </select>
          </Field>
          <Field label="Facility status" error={errorFor('facilityStatus')}>
            <select name="facilityStatus" value={facilityStatus} onChange={edit(setFacilityStatus)}>
              <option value={KEEP}>Leave as is</option>
              {Object.entries(vocabulary.facilityStatuses).map(([key, label]) => (
                <option key={key} value={key}>
                  {label}
                </option>
              ))}
              <option value={CLEAR}>None (clear)</option>
            </select>
          </Field>
          <Field label="Credibility (Admiralty)" error={errorFor('credibility')}>
            <select name="credibility" value={credibility} onChange={edit(setCredibility)}>
              <option value={KEEP}>Leave as is</option>
              {Object.entries(vocabulary.credibility).map(([key, label]) => (
                <option key={key} value={key}>
                  {key} — {label}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Why this credibility" error={errorFor('credibilityReason')}>
            <input
              name="credibilityReason"
              value={credibilityReason}
              placeholder="Leave empty to keep each claim’s reason"
              onChange={edit(setCredibilityReason)}
            />
          </Field>
          <Field label="Add tags (comma-separated)" error={errorFor('addTags')}>
            <input name="addTags" value={addTags} onChange={edit(setAddTags)} />
          </Field>
          <Field label="Remove tags (comma-separated)" error={errorFor('removeTags')}>
            <input name="removeTags" value={removeTags} onChange={edit(setRemoveTags)} />
          </Field>
        </div>
        {unplaced && (
          <p className="form-error" role="alert">
            {unplaced}
          </p>
        )}
        <div className="form-actions">
          <span className="form-actions-end">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? `Updating ${count}…` : `Apply to ${count}`}
            </button>
          </span>
        </div>
      </form>
    </Modal>
  );
}

function Field({ label, error, children }: { label: string; error: string | null; children: ReactNode }) {
  return (
    <label className={`form-field${error ? ' has-error' : ''}`}>
      <span className="form-label">{label}</span>
      {children}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
