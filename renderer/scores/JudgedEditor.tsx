import { useState } from 'react';
import type { JudgedFactor, JudgedScore, ScoreStage } from '../../db/score/types';
import { bridge } from '../bridge';
import { stageName } from '../charts/format';
import { factorLabels } from '../charts/score-format';
import { ClaimIdPicker } from './ClaimIdPicker';
import { reasonFor, scoreFieldError, type ScoreFieldError } from './field-error';

interface JudgedEditorProps {
  assessmentId: string;
  stage: ScoreStage;
  factor: JudgedFactor;
  /** The score as saved, or undefined when the analyst has not judged this factor yet. */
  current: JudgedScore | undefined;
  onOpenClaims: (claimIds: string[]) => void;
  onSaved: () => void;
  onCancel: () => void;
}

/**
 * One judged factor of one stage: the score (0–100, higher = more supply risk), the rationale a
 * client will read, and the claims it rests on, whose grades set its band. The bridge's refusal is
 * shown beside the field it names; nothing is saved until every field is right.
 */
export function JudgedEditor({ assessmentId, stage, factor, current, onOpenClaims, onSaved, onCancel }: JudgedEditorProps) {
  const [score, setScore] = useState(current ? String(current.score) : '');
  const [rationale, setRationale] = useState(current?.rationale ?? '');
  const [claimIds, setClaimIds] = useState<string[]>(current?.claimIds ?? []);
  const [error, setError] = useState<ScoreFieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const name = `${stageName(stage)} · ${factorLabels[factor]}`;

  const save = async () => {
    setBusy(true);
    try {
      await bridge().setJudgedScore({
        assessmentId,
        stage,
        factor,
        // An empty box is sent as it is, so the store names the field rather than the form guessing.
        score: score.trim() === '' ? Number.NaN : Number(score),
        rationale,
        claimIds,
      });
      setError(null);
      onSaved();
    } catch (failure) {
      setError(scoreFieldError(failure));
    } finally {
      setBusy(false);
    }
  };
  const clear = async () => {
    setBusy(true);
    try {
      await bridge().clearJudgedScore({ assessmentId, stage, factor });
      onSaved();
    } catch (failure) {
      setError(scoreFieldError(failure));
    } finally {
      setBusy(false);
    }
  };

  const scoreError = reasonFor(error, 'score');
  const rationaleError = reasonFor(error, 'rationale');
  const claimsError = reasonFor(error, 'claimIds');
  const unplaced = error && !scoreError && !rationaleError && !claimsError ? error.message : null;

  return (
    <form
      className="judged-editor"
      aria-label={`Judged score: ${name}`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="judged-score-row">
        <label className={`scores-field${scoreError ? ' has-error' : ''}`}>
          <span>Score (0–100, higher = more supply risk)</span>
          <span className="judged-score-inputs">
            <input
              type="range"
              min={0}
              max={100}
              step={1}
              value={Number.isFinite(Number(score)) && score !== '' ? Number(score) : 50}
              aria-label="Score (slider)"
              onChange={(event) => setScore(event.target.value)}
            />
            <input
              className="numeric judged-score-number"
              type="number"
              step={1}
              value={score}
              aria-label="Score"
              aria-invalid={scoreError ? true : undefined}
              onChange={(event) => setScore(event.target.value)}
            />
          </span>
          {scoreError && (
            <span className="field-error" role="alert">
              {scoreError}
            </span>
          )}
        </label>
      </div>
      <label className={`scores-field${rationaleError ? ' has-error' : ''}`}>
        <span>Rationale</span>
        <textarea
          rows={4}
          value={rationale}
          aria-invalid={rationaleError ? true : undefined}
          placeholder="Why this stage scores this: what the linked claims show, and what would change the score."
          onChange={(event) => setRationale(event.target.value)}
        />
        {rationaleError && (
          <span className="field-error" role="alert">
            {rationaleError}
          </span>
        )}
      </label>
      <div className={`scores-field${claimsError ? ' has-error' : ''}`} role="group" aria-label="Linked claims">
        <span>Linked claims (their grades set the band)</span>
        <ClaimIdPicker claimIds={claimIds} onChange={setClaimIds} onOpenClaims={onOpenClaims} invalid={!!claimsError} />
        {claimsError && (
          <span className="field-error" role="alert">
            {claimsError}
          </span>
        )}
      </div>
      {unplaced && (
        <p className="field-error" role="alert">
          {unplaced}
        </p>
      )}
      <div className="scores-actions">
        {current && (
          <button type="button" className="danger-quiet" disabled={busy} onClick={() => void clear()}>
            Clear this score
          </button>
        )}
        <span className="scores-actions-end">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Save score
          </button>
        </span>
      </div>
    </form>
  );
}
