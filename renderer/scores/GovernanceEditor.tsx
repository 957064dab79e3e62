import { useState } from 'react';
import type { CountryGovernance, ScoreStage, StageSupplyInputs } from '../../db/score/types';
import { bridge } from '../bridge';
import { stageName, stageOrder } from '../charts/format';
import { reasonFor, scoreFieldError, type ScoreFieldError } from './field-error';

interface GovernanceEditorProps {
  assessmentId: string;
  governance: CountryGovernance[];
  stageInputs: StageSupplyInputs[];
  /** Countries the capacity model counts, offered when adding a row. */
  countries: string[];
  onChanged: () => void;
}

interface RowDraft {
  country: string;
  governance: string;
  tradeFactor: string;
  note: string;
}

const draftOf = (row?: CountryGovernance): RowDraft => ({
  country: row?.country ?? '',
  governance: row ? String(row.governance) : '',
  tradeFactor: row ? String(row.tradeFactor) : '1',
  note: row?.note ?? '',
});

const asNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

function FieldError({ reason }: { reason: string | null }) {
  return reason ? (
    <span className="field-error" role="alert">
      {reason}
    </span>
  ) : null;
}

/** One row of the country table, edited in place and saved on its own. */
function CountryRow({
  assessmentId,
  row,
  isNew,
  onChanged,
  onDone,
}: {
  assessmentId: string;
  row?: CountryGovernance;
  isNew: boolean;
  onChanged: () => void;
  onDone?: () => void;
}) {
  const [draft, setDraft] = useState<RowDraft>(() => draftOf(row));
  const [error, setError] = useState<ScoreFieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const changed = JSON.stringify(draft) !== JSON.stringify(draftOf(row));
  const run = async (write: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await write();
      setError(null);
      onChanged();
      onDone?.();
    } catch (failure) {
      setError(scoreFieldError(failure));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(() =>
      bridge().setCountryGovernance({
        assessmentId,
        country: draft.country,
        governance: asNumber(draft.governance),
        tradeFactor: asNumber(draft.tradeFactor),
        note: draft.note.trim() || null,
      }),
    );
  const country = reasonFor(error, 'country');
  const governance = reasonFor(error, 'governance');
  const trade = reasonFor(error, 'tradeFactor');
  const note = reasonFor(error, 'note');
  const other = error && !country && !governance && !trade && !note ? error.message : null;
  const set = (change: Partial<RowDraft>) => setDraft({ ...draft, ...change });
  return (
    <tr data-country={row?.country ?? ''} className={isNew ? 'governance-new' : undefined}>
      <td>
        {isNew ? (
          <>
            <input
              list="governance-countries"
              value={draft.country}
              aria-label="Country"
              aria-invalid={country ? true : undefined}
              placeholder="Country"
              onChange={(event) => set({ country: event.target.value })}
            />
            <FieldError reason={country} />
          </>
        ) : (
          <strong>{row?.country}</strong>
        )}
      </td>
      <td className="numeric">
        <input
          className="numeric"
          type="number"
          step={0.1}
          min={0}
          max={10}
          value={draft.governance}
          aria-label={`Governance, ${draft.country || 'new country'}`}
          aria-invalid={governance ? true : undefined}
          onChange={(event) => set({ governance: event.target.value })}
        />
        <FieldError reason={governance} />
      </td>
      <td className="numeric">
        <input
          className="numeric"
          type="number"
          step={0.05}
          min={1}
          value={draft.tradeFactor}
          aria-label={`Trade factor, ${draft.country || 'new country'}`}
          aria-invalid={trade ? true : undefined}
          onChange={(event) => set({ tradeFactor: event.target.value })}
        />
        <FieldError reason={trade} />
      </td>
      <td>
        <input
          value={draft.note}
          aria-label={`Note, ${draft.country || 'new country'}`}
          aria-invalid={note ? true : undefined}
          placeholder="Where the figures come from"
          onChange={(event) => set({ note: event.target.value })}
        />
        <FieldError reason={note ?? other} />
      </td>
      <td className="governance-actions">
        <button type="button" disabled={busy || !changed} onClick={() => void save()}>
          {isNew ? 'Add' : 'Save'}
        </button>
        {isNew ? (
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="danger-quiet"
            disabled={busy}
            onClick={() => void run(() => bridge().removeCountryGovernance({ assessmentId, country: row!.country }))}
          >
            Remove
          </button>
        )}
      </td>
    </tr>
  );
}

function StageInputsRow({
  assessmentId,
  stage,
  current,
  onChanged,
}: {
  assessmentId: string;
  stage: ScoreStage;
  current: StageSupplyInputs | undefined;
  onChanged: () => void;
}) {
  const initial = {
    recycling: current ? String(current.recyclingRate) : '0',
    substitution: current ? String(current.substitutionIndex) : '1',
  };
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<ScoreFieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await bridge().setStageSupplyInputs({
        assessmentId,
        stage,
        recyclingRate: asNumber(draft.recycling),
        substitutionIndex: asNumber(draft.substitution),
      });
      setError(null);
      onChanged();
    } catch (failure) {
      setError(scoreFieldError(failure));
    } finally {
      setBusy(false);
    }
  };
  const recycling = reasonFor(error, 'recyclingRate');
  const substitution = reasonFor(error, 'substitutionIndex');
  return (
    <tr data-stage={stage}>
      <th scope="row">
        {stageName(stage)}
        {!current && <span className="scores-muted"> (defaults)</span>}
      </th>
      <td className="numeric">
        <input
          className="numeric"
          type="number"
          step={0.01}
          min={0}
          max={1}
          value={draft.recycling}
          aria-label={`End-of-life recycling input rate, ${stageName(stage)}`}
          aria-invalid={recycling ? true : undefined}
          onChange={(event) => setDraft({ ...draft, recycling: event.target.value })}
        />
        <FieldError reason={recycling} />
      </td>
      <td className="numeric">
        <input
          className="numeric"
          type="number"
          step={0.01}
          min={0}
          max={1}
          value={draft.substitution}
          aria-label={`Substitution index, ${stageName(stage)}`}
          aria-invalid={substitution ? true : undefined}
          onChange={(event) => setDraft({ ...draft, substitution: event.target.value })}
        />
        <FieldError reason={substitution ?? (error && !recycling ? error.message : null)} />
      </td>
      <td className="governance-actions">
        <button type="button" disabled={busy || JSON.stringify(draft) === JSON.stringify(initial)} onClick={() => void save()}>
          Save
        </button>
      </td>
    </tr>
  );
}

/**
 * The EU method's inputs: per country a governance score (0–10, higher = weaker, as the EU scales
 * the World Governance Indicators) and a trade factor above 1 where export restrictions apply; per
 * stage the end-of-life recycling input rate and the substitution index.
 */
export function GovernanceEditor({ assessmentId, governance, stageInputs, countries, onChanged }: GovernanceEditorProps) {
  const [adding, setAdding] = useState(false);
  const known = new Set(governance.map((row) => row.country.toLowerCase()));
  const unlisted = countries.filter((name) => !known.has(name.toLowerCase()));
  return (
    <div className="governance-editor">
      <table className="governance-table" aria-label="Country governance">
        <thead>
          <tr>
            <th scope="col">Country</th>
            <th scope="col" className="numeric" title="0–10, higher = weaker governance">
              Governance (0–10)
            </th>
            <th scope="col" className="numeric" title="≥ 1; above 1 where export restrictions apply">
              Trade factor t
            </th>
            <th scope="col">Note</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {governance.map((row) => (
            <CountryRow
              key={`${row.country}|${row.governance}|${row.tradeFactor}|${row.note ?? ''}`}
              assessmentId={assessmentId}
              row={row}
              isNew={false}
              onChanged={onChanged}
            />
          ))}
          {adding && <CountryRow assessmentId={assessmentId} isNew onChanged={onChanged} onDone={() => setAdding(false)} />}
        </tbody>
      </table>
      <datalist id="governance-countries">
        {unlisted.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {governance.length === 0 && !adding && (
        <p className="scores-muted">
          No country entered: every country counts at governance 5 and trade factor 1, and is named as missing.
        </p>
      )}
      {!adding && (
        <div className="scores-actions">
          <button type="button" onClick={() => setAdding(true)}>
            Add a country
          </button>
          {unlisted.length > 0 && (
            <span className="scores-muted">
              Not yet in the table: {unlisted.slice(0, 8).join(', ')}
              {unlisted.length > 8 ? ` and ${unlisted.length - 8} more` : ''}.
            </span>
          )}
        </div>
      )}
      <h4>Per stage</h4>
      <table className="governance-table stage-inputs-table" aria-label="Recycling and substitution by stage">
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col" className="numeric" title="0–1">
              End-of-life recycling input rate (0–1)
            </th>
            <th scope="col" className="numeric" title="0–1, 1 = no substitute">
              Substitution index (0–1, 1 = none)
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {stageOrder.map((stage) => {
            const current = stageInputs.find((s) => s.stage === stage);
            return (
              <StageInputsRow
                key={`${stage}|${current?.recyclingRate ?? ''}|${current?.substitutionIndex ?? ''}`}
                assessmentId={assessmentId}
                stage={stage}
                current={current}
                onChanged={onChanged}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
