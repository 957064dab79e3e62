import { useState } from 'react';
import type { FactorName, Weights } from '../../db/score/types';
import { factorLabels, factorNames } from '../charts/score-format';
import type { WeightPreset } from './presets';

interface WeightsEditorProps {
  weights: Weights;
  presets: readonly WeightPreset[];
  presetName: string | null;
  busy: boolean;
  /** The bridge's refusal of the last save, shown under the sum. */
  error: string | null;
  onSavePreset: (name: string) => void;
  onSaveWeights: (weights: Weights) => void;
}

/** Percentages with one decimal, as typed; the store's tolerance (0.001) is a tenth of a percent. */
const toPercent = (weight: number) => Math.round(weight * 1000) / 10;
const tolerance = 0.1;

type Draft = Record<FactorName, string>;

const draftOf = (weights: Weights): Draft =>
  Object.fromEntries(factorNames.map((name) => [name, String(toPercent(weights[name]))])) as Draft;

/**
 * The seven weights as percentages, each a slider and a number, with their sum always on screen.
 * A sum other than 100% is named beside the total and nothing is saved until it is put right; a
 * preset replaces all seven at once.
 */
export function WeightsEditor({
  weights,
  presets: weightPresets,
  presetName,
  busy,
  error,
  onSavePreset,
  onSaveWeights,
}: WeightsEditorProps) {
  // The parent keys this editor on the saved weights, so a save or a preset starts a fresh draft.
  const [draft, setDraft] = useState<Draft>(() => draftOf(weights));
  const values = factorNames.map((name) => Number(draft[name]));
  const invalid = factorNames.filter(
    (name) =>
      draft[name].trim() === '' || !Number.isFinite(Number(draft[name])) || Number(draft[name]) < 0 || Number(draft[name]) > 100,
  );
  const sum = values.reduce((total, value) => total + (Number.isFinite(value) ? value : 0), 0);
  const sumOff = Math.abs(sum - 100) > tolerance;
  const changed = factorNames.some((name) => Number(draft[name]) !== toPercent(weights[name]));
  const sumError = sumOff ? `The weights must sum to 100%; they sum to ${sum.toFixed(1)}%.` : null;

  return (
    <form
      className="weights-editor"
      aria-label="Weights"
      onSubmit={(event) => {
        event.preventDefault();
        if (sumOff || invalid.length > 0) return;
        onSaveWeights(Object.fromEntries(factorNames.map((name) => [name, Number(draft[name]) / 100])) as Weights);
      }}
    >
      <label className="scores-field">
        <span>Preset</span>
        <select
          value={changed ? '' : (presetName ?? '')}
          disabled={busy}
          onChange={(event) => {
            if (event.target.value) onSavePreset(event.target.value);
          }}
        >
          {(presetName === null || changed) && (
            <option value="">{changed ? 'Custom weights (not saved)' : 'Custom weights'}</option>
          )}
          {weightPresets.map((preset) => (
            <option key={preset.name} value={preset.name}>
              {preset.name}
            </option>
          ))}
        </select>
      </label>
      {presetName && !changed && (
        <p className="scores-muted">{weightPresets.find((preset) => preset.name === presetName)?.description}</p>
      )}
      <table className="weights-table">
        <thead>
          <tr>
            <th scope="col">Factor</th>
            <th scope="col" className="weights-slider-head">
              Weight
            </th>
            <th scope="col" className="numeric">
              %
            </th>
          </tr>
        </thead>
        <tbody>
          {factorNames.map((name) => {
            const bad = invalid.includes(name);
            return (
              <tr key={name} data-factor={name}>
                <th scope="row">{factorLabels[name]}</th>
                <td>
                  <input
                    type="range"
                    min={0}
                    max={100}
                    step={0.5}
                    value={Number.isFinite(Number(draft[name])) ? Number(draft[name]) : 0}
                    aria-label={`${factorLabels[name]} weight (slider)`}
                    onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
                  />
                </td>
                <td className="numeric">
                  <input
                    className="numeric weights-number"
                    type="number"
                    min={0}
                    max={100}
                    step={0.1}
                    value={draft[name]}
                    aria-label={`${factorLabels[name]} weight (%)`}
                    aria-invalid={bad || sumOff || undefined}
                    onChange={(event) => setDraft({ ...draft, [name]: event.target.value })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Sum</th>
            <td />
            <td className={`numeric weights-sum${sumOff ? ' weights-sum-off' : ''}`} data-testid="weights-sum">
              {sum.toFixed(1)}%
            </td>
          </tr>
        </tfoot>
      </table>
      {(sumError || invalid.length > 0) && (
        <p className="field-error" role="alert">
          {sumError ?? `Each weight must be a number from 0 to 100: ${invalid.map((name) => factorLabels[name]).join(', ')}.`}
        </p>
      )}
      {error && !sumError && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="scores-actions">
        <button type="button" disabled={!changed || busy} onClick={() => setDraft(draftOf(weights))}>
          Undo changes
        </button>
        <button type="submit" className="primary" disabled={!changed || busy || sumOff || invalid.length > 0}>
          Save weights
        </button>
      </div>
    </form>
  );
}
