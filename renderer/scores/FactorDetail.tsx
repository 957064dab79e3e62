import { useCallback, useState } from 'react';
import type { Assessment, JudgedFactor, StageScore } from '../../db/score/types';
import { bridge } from '../bridge';
import type { HeatmapCell } from '../charts/ScoreHeatmap';
import { stageName } from '../charts/format';
import { factorLabels, formatScore, formatWeight, isWideBand, bandPhrase } from '../charts/score-format';
import { useLoadable } from '../common/useLoadable';
import { EvidenceFlags } from '../evidence/EvidenceFlags';
import { GradeBadge } from '../evidence/GradeBadge';
import type { ClaimDetail, Vocabulary } from '../types';
import { JudgedEditor } from './JudgedEditor';
import { missingFactors } from './score-words';

interface FactorDetailProps {
  vocabulary: Vocabulary;
  cell: HeatmapCell;
  stage: StageScore;
  assessment: Assessment;
  onOpenClaims: (claimIds: string[]) => void;
  onChanged: () => void;
  onClose: () => void;
}

/** The claims behind a factor, read one by one (a factor links a handful); a deleted one is named as gone. */
function useLinkedClaims(claimIds: string[]) {
  const key = claimIds.join('\n');
  const load = useCallback(
    () =>
      Promise.all(
        (key ? key.split('\n') : []).map((id) =>
          bridge()
            .getClaim({ id })
            .then((claim): ClaimDetail | { id: string; missing: true } => claim)
            .catch(() => ({ id, missing: true as const })),
        ),
      ),
    [key],
  );
  return useLoadable(load);
}

const bestReliability = (claim: ClaimDetail) =>
  claim.citations
    .filter((citation) => citation.stance === 'supports')
    .map((citation) => citation.reliability)
    .sort()[0];

/**
 * Beside the heatmap: what a cell rests on. For a factor its score and band, the basis in words,
 * the analyst's rationale for a judged one, the rule that set the band, and every linked claim with
 * its grade and flags (each opens in the claims view); a judged factor can be edited here. For the
 * composite, the method in plain words and what is missing.
 */
export function FactorDetail({ vocabulary, cell, stage, assessment, onOpenClaims, onChanged, onClose }: FactorDetailProps) {
  const [editing, setEditing] = useState(false);
  const factor = cell.factor === 'composite' ? undefined : stage.factors.find((f) => f.name === cell.factor);
  const claimIds = factor ? factor.claimIds : [];
  const claims = useLinkedClaims(claimIds);
  const heading = `${stageName(stage.stage)} · ${factor ? factor.label : 'Composite'}`;
  const judged =
    factor?.kind === 'judged'
      ? assessment.judged.find((j) => j.stage === stage.stage && j.factor === (factor.name as JudgedFactor))
      : undefined;

  return (
    <aside className="factor-detail" aria-label="Factor detail">
      <div className="factor-detail-head">
        <h3>{heading}</h3>
        <button type="button" className="icon-button" aria-label="Close the detail" title="Close" onClick={onClose}>
          ×
        </button>
      </div>
      {factor ? (
        <>
          <p className="factor-detail-kind">
            <span className={`factor-kind factor-kind-${factor.kind}`}>
              {factor.kind === 'judged' ? 'Judged by the analyst' : 'Computed from the capacity model'}
            </span>
            <span>weight {formatWeight(factor.weight)} in this stage</span>
          </p>
          <p className="factor-detail-score">
            <strong>{factor.score === null ? 'No score' : formatScore(factor.score)}</strong>
            {factor.score !== null && <span> {bandPhrase(factor.low, factor.high)}</span>}
            {isWideBand(factor.low, factor.high) && <span className="factor-wide">wide band: weak or split evidence</span>}
          </p>
          <h4>Basis</h4>
          <p>{factor.basis}</p>
          {factor.kind === 'judged' && (
            <>
              <h4>Rationale</h4>
              {factor.rationale ? (
                <p className="factor-rationale">{factor.rationale}</p>
              ) : (
                <p className="scores-muted">Not judged yet: give this factor a score and say why.</p>
              )}
            </>
          )}
          <h4>How the band is set</h4>
          <p className="scores-muted">{factor.bandRule}</p>
          <h4>Linked claims ({claimIds.length})</h4>
          {claimIds.length === 0 ? (
            <p className="scores-muted">No claim behind this factor.</p>
          ) : (
            <ul className="factor-claims">
              {(claims.value ?? claimIds.map((id) => ({ id, missing: true as const }))).map((claim) =>
                'missing' in claim ? (
                  <li key={claim.id}>
                    <button type="button" className="gap-link" onClick={() => onOpenClaims([claim.id])}>
                      {claim.id}
                    </button>
                    {!claims.loading && <span className="scores-muted"> (no longer in the workspace)</span>}
                  </li>
                ) : (
                  <li key={claim.id} data-claim-id={claim.id}>
                    <button type="button" className="gap-link" onClick={() => onOpenClaims([claim.id])}>
                      {claim.id}
                    </button>
                    <span className="factor-claim-grade">
                      {bestReliability(claim) && (
                        <GradeBadge
                          vocabulary={vocabulary}
                          reliability={bestReliability(claim)!}
                          credibility={claim.credibility}
                        />
                      )}
                      <EvidenceFlags vocabulary={vocabulary} evidence={claim.evidence} />
                    </span>
                    <span className="factor-claim-statement">{claim.statement}</span>
                  </li>
                ),
              )}
            </ul>
          )}
          {factor.kind === 'judged' &&
            (editing ? (
              <JudgedEditor
                assessmentId={assessment.id}
                stage={stage.stage}
                factor={factor.name as JudgedFactor}
                current={judged}
                onOpenClaims={onOpenClaims}
                onCancel={() => setEditing(false)}
                onSaved={() => {
                  setEditing(false);
                  onChanged();
                }}
              />
            ) : (
              <div className="scores-actions">
                <button type="button" onClick={() => setEditing(true)}>
                  {judged ? 'Edit this judged score' : 'Judge this factor'}
                </button>
              </div>
            ))}
        </>
      ) : (
        <>
          <p className="factor-detail-score">
            <strong>{stage.score === null ? 'No composite' : formatScore(stage.score)}</strong>
            {stage.score !== null && <span> {bandPhrase(stage.low, stage.high)}</span>}
          </p>
          <h4>Method</h4>
          <p>{stage.methodText}</p>
          {stage.missing.length > 0 && (
            <>
              <h4>Missing</h4>
              <ul className="scores-list">
                {missingFactors(stage.missing).map((item) => (
                  <li key={item.label}>
                    <strong>{item.label}</strong> {item.why}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h4>Factors</h4>
          <ul className="scores-list">
            {stage.factors.map((f) => (
              <li key={f.name}>
                {factorLabels[f.name]}: {f.score === null ? 'no score' : `${formatScore(f.score)} × ${formatWeight(f.weight)}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
