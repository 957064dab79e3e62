import { useState, type ReactNode } from 'react';
import type { InclusionRules } from '../../db/model/types';
import type { HypotheticalFacility, JudgedFactor, ScenarioOverrides, ScoreStage, Weights } from '../../db/score/types';
import { bridge } from '../bridge';
import { stageName, stageOrder } from '../charts/format';
import { factorLabels, judgedFactors } from '../charts/score-format';
import { statusScopes, type StatusScope } from '../gap/rules';
import type { Reliability } from '../types';
import { reasonFor, scoreFieldError, type ScoreFieldError } from './field-error';
import type { WeightPreset } from './presets';
import type { ScenarioRow } from './score-api';

interface ScenarioEditorProps {
  assessmentId: string;
  presets: readonly WeightPreset[];
  /** The scenario to change, or null for a new one. */
  scenario: ScenarioRow | null;
  onSaved: (scenario: ScenarioRow) => void;
  onDeleted: (id: string) => void;
  onCancel: () => void;
}

interface FacilityDraft {
  stage: ScoreStage;
  country: string;
  name: string;
  capacity: string;
  status: HypotheticalFacility['status'];
  startYear: string;
}

interface JudgedDraft {
  stage: ScoreStage;
  factor: JudgedFactor;
  score: string;
}

interface RulesDraft {
  minReliability: Reliability | '';
  minCredibility: string;
  excludeStateMediaOnly: '' | 'included' | 'excluded';
  scope: StatusScope | '';
}

const reliabilities: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F'];
const statuses: { value: HypotheticalFacility['status']; label: string }[] = [
  { value: 'operating', label: 'Operating' },
  { value: 'under_construction', label: 'Under construction' },
  { value: 'planned', label: 'Planned' },
];

const asNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

function rulesDraftOf(rules: Partial<InclusionRules> | undefined): RulesDraft {
  const scope = rules?.statuses
    ? (statusScopes.find(
        (s) => s.statuses.length === rules.statuses!.length && s.statuses.every((x) => rules.statuses!.includes(x)),
      )?.scope ?? '')
    : '';
  return {
    minReliability: rules?.minReliability ?? '',
    minCredibility: rules?.minCredibility ? String(rules.minCredibility) : '',
    excludeStateMediaOnly:
      rules?.excludeStateMediaOnly === undefined ? '' : rules.excludeStateMediaOnly ? 'excluded' : 'included',
    scope,
  };
}

function presetOf(weights: Weights | undefined, weightPresets: readonly WeightPreset[]): string {
  if (!weights) return '';
  return (
    weightPresets.find((preset) =>
      Object.entries(preset.weights).every(([k, v]) => Math.abs(weights[k as keyof Weights] - v) < 1e-9),
    )?.name ?? 'custom'
  );
}

function FieldShell({
  label,
  reason,
  wide,
  children,
}: {
  label: string;
  reason: string | null;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <label className={`scores-field${wide ? ' scores-field-wide' : ''}${reason ? ' has-error' : ''}`}>
      <span>{label}</span>
      {children}
      {reason && (
        <span className="field-error" role="alert">
          {reason}
        </span>
      )}
    </label>
  );
}

/**
 * A scenario: named overrides laid over the assessment when scoring, never written into claims.
 * Hypothetical facilities (a negative capacity is a closure or a cut), judged scores set otherwise,
 * another weights preset, other inclusion rules. A refusal names its field, shown beside it.
 */
export function ScenarioEditor({
  assessmentId,
  presets: weightPresets,
  scenario,
  onSaved,
  onDeleted,
  onCancel,
}: ScenarioEditorProps) {
  const o = scenario?.overrides;
  const [name, setName] = useState(scenario?.name ?? '');
  const [description, setDescription] = useState(scenario?.description ?? '');
  const [facilities, setFacilities] = useState<FacilityDraft[]>(
    (o?.facilities ?? []).map((f) => ({ ...f, capacity: String(f.capacity), startYear: String(f.startYear) })),
  );
  const [judged, setJudged] = useState<JudgedDraft[]>((o?.judged ?? []).map((j) => ({ ...j, score: String(j.score) })));
  const [preset, setPreset] = useState(presetOf(o?.weights, weightPresets));
  const [rules, setRules] = useState<RulesDraft>(rulesDraftOf(o?.rules));
  const [error, setError] = useState<ScoreFieldError | null>(null);
  const [busy, setBusy] = useState(false);

  const overrides = (): ScenarioOverrides => {
    const result: ScenarioOverrides = {};
    if (facilities.length > 0)
      result.facilities = facilities.map((f) => ({
        stage: f.stage,
        country: f.country,
        name: f.name,
        capacity: asNumber(f.capacity),
        status: f.status,
        startYear: asNumber(f.startYear),
      }));
    if (judged.length > 0) result.judged = judged.map((j) => ({ stage: j.stage, factor: j.factor, score: asNumber(j.score) }));
    if (preset === 'custom' && o?.weights) result.weights = o.weights;
    else if (preset) {
      const found = weightPresets.find((p) => p.name === preset);
      if (found) result.weights = { ...found.weights };
    }
    const r: Partial<InclusionRules> = {};
    if (rules.minReliability) r.minReliability = rules.minReliability;
    if (rules.minCredibility) r.minCredibility = Number(rules.minCredibility);
    if (rules.excludeStateMediaOnly) r.excludeStateMediaOnly = rules.excludeStateMediaOnly === 'excluded';
    if (rules.scope) r.statuses = statusScopes.find((s) => s.scope === rules.scope)!.statuses;
    if (Object.keys(r).length > 0) result.rules = r;
    return result;
  };

  const save = async () => {
    setBusy(true);
    try {
      const saved = await bridge().saveScenario({
        ...(scenario ? { id: scenario.id } : {}),
        assessmentId,
        name,
        description: description.trim() || null,
        overrides: overrides(),
      });
      setError(null);
      onSaved(saved);
    } catch (failure) {
      setError(scoreFieldError(failure));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    if (!scenario) return;
    setBusy(true);
    try {
      await bridge().deleteScenario({ id: scenario.id, assessmentId });
      onDeleted(scenario.id);
    } catch (failure) {
      setError(scoreFieldError(failure));
    } finally {
      setBusy(false);
    }
  };

  const at = (...path: (string | number)[]) => reasonFor(error, path.join('.'));
  const placed = ['name', 'description', 'overrides.facilities', 'overrides.judged', 'overrides.weights', 'overrides.rules'].some(
    (path) => reasonFor(error, path),
  );
  const facilityRowError = (index: number) =>
    at('overrides', 'facilities', index) &&
    !['stage', 'country', 'name', 'capacity', 'status', 'startYear'].some((f) => at('overrides', 'facilities', index, f))
      ? at('overrides', 'facilities', index)
      : null;
  const setFacility = (index: number, change: Partial<FacilityDraft>) =>
    setFacilities(facilities.map((f, i) => (i === index ? { ...f, ...change } : f)));
  const setJudgedRow = (index: number, change: Partial<JudgedDraft>) =>
    setJudged(judged.map((j, i) => (i === index ? { ...j, ...change } : j)));

  return (
    <form
      className="scenario-editor"
      aria-label={scenario ? `Scenario: ${scenario.name}` : 'New scenario'}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="scenario-editor-grid">
        <FieldShell label="Name" reason={at('name')}>
          <input
            value={name}
            aria-invalid={at('name') ? true : undefined}
            onChange={(event) => setName(event.target.value)}
            placeholder="e.g. Lynas Texas online by 2027"
          />
        </FieldShell>
        <FieldShell label="Description" reason={at('description')} wide>
          <textarea
            rows={2}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            placeholder="What this scenario supposes, and why it is worth looking at"
          />
        </FieldShell>
      </div>

      <fieldset className="scenario-group">
        <legend>Hypothetical facilities</legend>
        <p className="scores-muted">
          Added to the capacity model for this scenario only; a negative capacity is a closure or a cut.
        </p>
        {facilities.length > 0 && (
          <table className="scenario-table">
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col">Country</th>
                <th scope="col">Facility</th>
                <th scope="col" className="numeric">
                  Capacity (t/yr)
                </th>
                <th scope="col">Status</th>
                <th scope="col" className="numeric">
                  Start year
                </th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {facilities.map((f, index) => {
                const cell = (field: keyof FacilityDraft) => at('overrides', 'facilities', index, field);
                const n = index + 1;
                return (
                  <tr key={index} data-facility={index} className={facilityRowError(index) ? 'has-error' : undefined}>
                    <td>
                      <select
                        value={f.stage}
                        aria-label={`Facility ${n} stage`}
                        aria-invalid={cell('stage') ? true : undefined}
                        onChange={(event) => setFacility(index, { stage: event.target.value as ScoreStage })}
                      >
                        {stageOrder.map((stage) => (
                          <option key={stage} value={stage}>
                            {stageName(stage)}
                          </option>
                        ))}
                      </select>
                      <CellError reason={cell('stage')} />
                    </td>
                    <td>
                      <input
                        value={f.country}
                        aria-label={`Facility ${n} country`}
                        aria-invalid={cell('country') ? true : undefined}
                        onChange={(event) => setFacility(index, { country: event.target.value })}
                        placeholder="Country"
                      />
                      <CellError reason={cell('country')} />
                    </td>
                    <td>
                      <input
                        value={f.name}
                        aria-label={`Facility ${n} name`}
                        aria-invalid={cell('name') ? true : undefined}
                        onChange={(event) => setFacility(index, { name: event.target.value })}
                        placeholder="Facility name"
                      />
                      <CellError reason={cell('name')} />
                    </td>
                    <td className="numeric">
                      <input
                        className="numeric"
                        type="number"
                        value={f.capacity}
                        aria-label={`Facility ${n} capacity (t/yr)`}
                        aria-invalid={cell('capacity') ? true : undefined}
                        onChange={(event) => setFacility(index, { capacity: event.target.value })}
                      />
                      <CellError reason={cell('capacity')} />
                    </td>
                    <td>
                      <select
                        value={f.status}
                        aria-label={`Facility ${n} status`}
                        aria-invalid={cell('status') ? true : undefined}
                        onChange={(event) => setFacility(index, { status: event.target.value as FacilityDraft['status'] })}
                      >
                        {statuses.map((s) => (
                          <option key={s.value} value={s.value}>
                            {s.label}
                          </option>
                        ))}
                      </select>
                      <CellError reason={cell('status')} />
                    </td>
                    <td className="numeric">
                      <input
                        className="numeric scenario-year"
                        type="number"
                        value={f.startYear}
                        aria-label={`Facility ${n} start year`}
                        aria-invalid={cell('startYear') ? true : undefined}
                        onChange={(event) => setFacility(index, { startYear: event.target.value })}
                      />
                      <CellError reason={cell('startYear')} />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Remove facility ${n}`}
                        onClick={() => setFacilities(facilities.filter((_, i) => i !== index))}
                      >
                        ×
                      </button>
                      <CellError reason={facilityRowError(index)} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <CellError
          reason={
            at('overrides', 'facilities') && !facilities.some((_, i) => at('overrides', 'facilities', i))
              ? at('overrides', 'facilities')
              : null
          }
        />
        <button
          type="button"
          onClick={() =>
            setFacilities([
              ...facilities,
              {
                stage: 'separation',
                country: '',
                name: '',
                capacity: '',
                status: 'under_construction',
                startYear: String(new Date().getFullYear() + 1),
              },
            ])
          }
        >
          Add a facility
        </button>
      </fieldset>

      <fieldset className="scenario-group">
        <legend>Judged scores set otherwise</legend>
        <p className="scores-muted">
          The base rationale and linked claims stay; only the score changes (e.g. &ldquo;the April controls lifted&rdquo;).
        </p>
        {judged.length > 0 && (
          <table className="scenario-table">
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col">Factor</th>
                <th scope="col" className="numeric">
                  Score (0–100)
                </th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {judged.map((j, index) => {
                const cell = (field: keyof JudgedDraft) => at('overrides', 'judged', index, field);
                const row =
                  at('overrides', 'judged', index) && !cell('stage') && !cell('factor') && !cell('score')
                    ? at('overrides', 'judged', index)
                    : null;
                const n = index + 1;
                return (
                  <tr key={index} data-judged={index}>
                    <td>
                      <select
                        value={j.stage}
                        aria-label={`Override ${n} stage`}
                        onChange={(event) => setJudgedRow(index, { stage: event.target.value as ScoreStage })}
                      >
                        {stageOrder.map((stage) => (
                          <option key={stage} value={stage}>
                            {stageName(stage)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select
                        value={j.factor}
                        aria-label={`Override ${n} factor`}
                        onChange={(event) => setJudgedRow(index, { factor: event.target.value as JudgedFactor })}
                      >
                        {judgedFactors.map((factor) => (
                          <option key={factor} value={factor}>
                            {factorLabels[factor]}
                          </option>
                        ))}
                      </select>
                      <CellError reason={row} />
                    </td>
                    <td className="numeric">
                      <input
                        className="numeric"
                        type="number"
                        value={j.score}
                        aria-label={`Override ${n} score`}
                        aria-invalid={cell('score') ? true : undefined}
                        onChange={(event) => setJudgedRow(index, { score: event.target.value })}
                      />
                      <CellError reason={cell('score')} />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Remove override ${n}`}
                        onClick={() => setJudged(judged.filter((_, i) => i !== index))}
                      >
                        ×
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <button
          type="button"
          onClick={() => setJudged([...judged, { stage: 'separation', factor: 'export_controls', score: '' }])}
        >
          Add a judged score
        </button>
      </fieldset>

      <fieldset className="scenario-group scenario-rules">
        <legend>Weights and inclusion rules</legend>
        <FieldShell label="Weights" reason={at('overrides', 'weights')}>
          <select value={preset} onChange={(event) => setPreset(event.target.value)}>
            <option value="">As the assessment</option>
            {weightPresets.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
            {preset === 'custom' && <option value="custom">This scenario&apos;s own weights</option>}
          </select>
        </FieldShell>
        <FieldShell label="Sources graded at least" reason={at('overrides', 'rules', 'minReliability')}>
          <select
            value={rules.minReliability}
            onChange={(event) => setRules({ ...rules, minReliability: event.target.value as RulesDraft['minReliability'] })}
          >
            <option value="">As the assessment</option>
            {reliabilities.map((grade) => (
              <option key={grade} value={grade}>
                A–{grade}
              </option>
            ))}
          </select>
        </FieldShell>
        <FieldShell label="Claim credibility at least" reason={at('overrides', 'rules', 'minCredibility')}>
          <select value={rules.minCredibility} onChange={(event) => setRules({ ...rules, minCredibility: event.target.value })}>
            <option value="">As the assessment</option>
            {[1, 2, 3, 4, 5, 6].map((c) => (
              <option key={c} value={c}>
                1–{c}
              </option>
            ))}
          </select>
        </FieldShell>
        <FieldShell label="State-media-only claims" reason={at('overrides', 'rules', 'excludeStateMediaOnly')}>
          <select
            value={rules.excludeStateMediaOnly}
            onChange={(event) =>
              setRules({ ...rules, excludeStateMediaOnly: event.target.value as RulesDraft['excludeStateMediaOnly'] })
            }
          >
            <option value="">As the assessment</option>
            <option value="included">Included</option>
            <option value="excluded">Excluded</option>
          </select>
        </FieldShell>
        <FieldShell label="Facilities counted" reason={at('overrides', 'rules', 'statuses')}>
          <select
            value={rules.scope}
            onChange={(event) => setRules({ ...rules, scope: event.target.value as RulesDraft['scope'] })}
          >
            <option value="">As the assessment</option>
            {statusScopes.map((s) => (
              <option key={s.scope} value={s.scope}>
                {s.label}
              </option>
            ))}
          </select>
        </FieldShell>
      </fieldset>

      {error && !placed && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="scores-actions">
        {scenario && (
          <button type="button" className="danger-quiet" disabled={busy} onClick={() => void remove()}>
            Delete scenario
          </button>
        )}
        <span className="scores-actions-end">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {scenario ? 'Save scenario' : 'Create scenario'}
          </button>
        </span>
      </div>
    </form>
  );
}

function CellError({ reason }: { reason: string | null }) {
  return reason ? (
    <span className="field-error" role="alert">
      {reason}
    </span>
  ) : null;
}
