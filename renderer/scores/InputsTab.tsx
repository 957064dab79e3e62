import { Fragment, useState } from 'react';
import type { JudgedFactor, ScoreStage, Weights } from '../../db/score/types';
import { bridge } from '../bridge';
import { stageName, stageOrder } from '../charts/format';
import { factorLabels, formatBand, formatScore, judgedFactors } from '../charts/score-format';
import { messageOf } from '../common/errors';
import { GovernanceEditor } from './GovernanceEditor';
import { JudgedEditor } from './JudgedEditor';
import { supplyRiskStages, weightedStages } from './score-api';
import type { ScoresData } from './ScoresView';
import type { WeightPresetName } from './presets';
import { WeightsEditor } from './WeightsEditor';

interface InputsTabProps {
  data: ScoresData;
  onOpenClaims: (claimIds: string[]) => void;
  onChanged: () => void;
}

/** What the scores are made from, edited here: the weights, the judged scores, the EU method's tables. */
export function InputsTab({ data, onOpenClaims, onChanged }: InputsTabProps) {
  const { assessment } = data;
  const [busy, setBusy] = useState(false);
  const [weightsError, setWeightsError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ stage: ScoreStage; factor: JudgedFactor } | null>(null);
  const weighted = weightedStages(data.weighted);
  const countries = [
    ...new Set(supplyRiskStages(data.supplyRisk).flatMap((stage) => stage.countries.map((c) => c.country))),
  ].sort();

  const saveAssessment = async (change: { weights: Weights } | { presetName: WeightPresetName }) => {
    setBusy(true);
    try {
      await bridge().saveAssessment({ id: assessment.id, ...change });
      setWeightsError(null);
      onChanged();
    } catch (failure) {
      setWeightsError(messageOf(failure).replace(/^saveAssessment: /, ''));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="scores-inputs">
      <section className="scores-section" aria-label="Weights">
        <div className="scores-section-head">
          <h3>Weights of the weighted method</h3>
        </div>
        <WeightsEditor
          key={JSON.stringify(assessment.weights)}
          weights={assessment.weights}
          presets={data.presets}
          presetName={assessment.presetName}
          busy={busy}
          error={weightsError}
          onSavePreset={(presetName) => void saveAssessment({ presetName: presetName as WeightPresetName })}
          onSaveWeights={(weights) => void saveAssessment({ weights })}
        />
      </section>
      <section className="scores-section" aria-label="Judged scores">
        <div className="scores-section-head">
          <h3>Judged scores</h3>
          <span className="scores-muted">Each with a rationale and the claims whose grades set its band.</span>
        </div>
        <table className="judged-table">
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Factor</th>
              <th scope="col" className="numeric">
                Score
              </th>
              <th scope="col">Band</th>
              <th scope="col">Rationale</th>
              <th scope="col" className="numeric">
                Claims
              </th>
              <th scope="col">
                <span className="visually-hidden">Edit</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {stageOrder.flatMap((stage) =>
              judgedFactors.map((factor) => {
                const judged = assessment.judged.find((j) => j.stage === stage && j.factor === factor);
                const result = weighted.find((s) => s.stage === stage)?.factors.find((f) => f.name === factor);
                const open = editing?.stage === stage && editing.factor === factor;
                return (
                  <Fragment key={`${stage}-${factor}`}>
                    <tr data-stage={stage} data-factor={factor} className={judged ? undefined : 'judged-empty'}>
                      <td>{stageName(stage)}</td>
                      <td>{factorLabels[factor]}</td>
                      <td className="numeric">{judged ? formatScore(judged.score) : '—'}</td>
                      <td>{result?.score != null ? formatBand(result.low, result.high) : ''}</td>
                      <td className="judged-rationale">
                        {judged?.rationale ?? <span className="scores-muted">not judged yet</span>}
                      </td>
                      <td className="numeric">{judged?.claimIds.length ?? 0}</td>
                      <td>
                        <button type="button" className="link-button" onClick={() => setEditing(open ? null : { stage, factor })}>
                          {open ? 'Close' : judged ? 'Edit' : 'Judge'}
                        </button>
                      </td>
                    </tr>
                    {open && (
                      <tr className="judged-editor-row">
                        <td colSpan={7}>
                          <JudgedEditor
                            assessmentId={assessment.id}
                            stage={stage}
                            factor={factor}
                            current={judged}
                            onOpenClaims={onOpenClaims}
                            onCancel={() => setEditing(null)}
                            onSaved={() => {
                              setEditing(null);
                              onChanged();
                            }}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              }),
            )}
          </tbody>
        </table>
      </section>
      <section className="scores-section" aria-label="EU supply-risk inputs">
        <div className="scores-section-head">
          <h3>EU supply-risk method: country governance</h3>
        </div>
        <GovernanceEditor
          assessmentId={assessment.id}
          governance={assessment.governance}
          stageInputs={assessment.stageInputs}
          countries={countries}
          onChanged={onChanged}
        />
      </section>
    </div>
  );
}
