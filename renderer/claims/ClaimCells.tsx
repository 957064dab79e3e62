import { EvidenceFlags } from '../evidence/EvidenceFlags';
import { GradeBadge } from '../evidence/GradeBadge';
import type { ClaimListRow, Vocabulary } from '../types';
import { claimFigure } from './figure';

/** The cells of one claims-table row; each is one or two lines so every row has the same height. */
export function ClaimCells({ claim, vocabulary }: { claim: ClaimListRow; vocabulary: Vocabulary }) {
  const figure = claimFigure(claim);
  const [first, ...others] = claim.citations;
  return (
    <>
      <div className="cell claim-statement" role="cell" title={claim.statement}>
        {claim.preferred && (
          <span className="preferred-mark" title="Preferred in its conflict group">
            ★
          </span>
        )}
        {claim.statement}
      </div>
      <div className="cell claim-stage" role="cell">
        {claim.stage ? vocabulary.stages[claim.stage] : '—'}
      </div>
      <div className="cell claim-country" role="cell">
        {claim.country && (
          <span className={`country country-${claim.side ?? 'ex-china'}`}>
            <span className="country-marker" aria-hidden="true" />
            <span className="country-name">{claim.country}</span>
          </span>
        )}
        {claim.entity && (
          <span className="claim-entity" title={claim.entity}>
            {claim.entity}
          </span>
        )}
      </div>
      <div className="cell claim-figure" role="cell" title={vocabulary.metrics[claim.metric]}>
        {figure ? (
          <>
            <span className="figure-amount">{figure.amount}</span>
            {figure.range && <span className="figure-range"> ({figure.range})</span>}
            {figure.unit && (
              <span className="figure-unit" title={figure.unit}>
                {figure.unit}
              </span>
            )}
          </>
        ) : (
          <span className="figure-none" aria-label="No figure">
            —
          </span>
        )}
      </div>
      <div className="cell claim-year" role="cell">
        {claim.year ?? '—'}
      </div>
      <div className="cell claim-evidence" role="cell">
        <EvidenceFlags vocabulary={vocabulary} evidence={claim.evidence} />
      </div>
      <div className="cell claim-sources" role="cell">
        {first ? (
          <span className="citation">
            <GradeBadge vocabulary={vocabulary} reliability={first.reliability} credibility={claim.credibility} />
            <span
              className="citation-publisher"
              title={claim.citations
                .map((c) => `${c.sourceTitle} (${vocabulary.publisherTypes[c.publisherType]}, ${c.stance})`)
                .join('\n')}
            >
              {first.publisher ?? first.sourceTitle}
            </span>
            {others.length > 0 && <span className="citation-more">+{others.length}</span>}
          </span>
        ) : (
          <span className="citation-none">No source cited</span>
        )}
      </div>
    </>
  );
}
