import { useCallback } from 'react';
import { bridge } from '../bridge';
import { isolateBidi } from '../charts/standalone/plain-text';
import { ErrorNotice } from '../common/ErrorNotice';
import { useLoadable } from '../common/useLoadable';
import { EvidenceFlags, EvidenceRules } from '../evidence/EvidenceFlags';
import { GradeBadge, ReliabilityBadge } from '../evidence/GradeBadge';
import { HistoryPanel } from '../history/HistoryPanel';
import type { ClaimDetail, SourceChainLink, Vocabulary } from '../types';
import { claimFigure } from './figure';

interface ClaimDetailPanelProps {
  id: string;
  vocabulary: Vocabulary;
  revision: number;
  onClose: () => void;
  onEdit: (id: string) => void;
  onOpenSource: (id: string) => void;
  onOpenConflict: (key: string) => void;
}

/** One claim in full: its facts, its evidence and the rule behind it, the chain to its origins, its history. */
export function ClaimDetailPanel(props: ClaimDetailPanelProps) {
  const { id, revision, onClose, onEdit } = props;
  const load = useCallback(() => bridge().getClaim({ id }), [id, revision]); // eslint-disable-line react-hooks/exhaustive-deps
  const detail = useLoadable(load);
  const claim = detail.value && detail.value.id === id ? detail.value : undefined;

  return (
    <aside className="detail-panel" aria-label="Claim detail">
      <div className="detail-bar">
        <span className="detail-kind">Claim</span>
        {claim && (
          <button type="button" onClick={() => onEdit(claim.id)}>
            Edit
          </button>
        )}
        <button type="button" className="icon-button" aria-label="Close detail" title="Close (Esc)" onClick={onClose}>
          ×
        </button>
      </div>
      {detail.error ? (
        <ErrorNotice what="the claim" message={detail.error} />
      ) : !claim ? (
        <p className="loading-notice">Loading claim…</p>
      ) : (
        <ClaimDetailBody claim={claim} {...props} />
      )}
    </aside>
  );
}

function ClaimDetailBody({
  claim,
  vocabulary,
  revision,
  onOpenSource,
  onOpenConflict,
}: ClaimDetailPanelProps & { claim: ClaimDetail }) {
  const figure = claimFigure(claim);
  const facts: [string, string | null][] = [
    ['Figure', figure ? [figure.amount, figure.range ? `(${figure.range})` : null, figure.unit].filter(Boolean).join(' ') : null],
    ['Metric', vocabulary.metrics[claim.metric]],
    ['Stage', claim.stage ? vocabulary.stages[claim.stage] : null],
    [
      'Country',
      claim.country
        ? `${isolateBidi(claim.country)}${claim.side === 'aggregate' ? ' (aggregate)' : claim.side === 'ex-china' ? ' (ex-China)' : ''}`
        : null,
    ],
    ['Entity', claim.entity],
    ['Facility', claim.facilityStatus ? vocabulary.facilityStatuses[claim.facilityStatus] : null],
    ['Year', claim.year === null ? null : String(claim.year)],
    ['Credibility', `${claim.credibility} · ${vocabulary.credibility[claim.credibility]}`],
  ];
  return (
    <div className="detail-body">
      <h3 className="detail-statement">
        {claim.preferred && (
          <span className="preferred-mark" title="Preferred in its conflict group">
            ★{' '}
          </span>
        )}
        {claim.statement}
      </h3>
      <dl className="detail-facts">
        {facts
          .filter((fact): fact is [string, string] => fact[1] !== null)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {claim.credibilityReason && <p className="detail-note">Credibility: {claim.credibilityReason}</p>}

      <h4>Evidence</h4>
      <EvidenceRules vocabulary={vocabulary} evidence={claim.evidence} />

      <h4>Chain: claim → sources → origins</h4>
      <ol className="chain">
        {claim.citations.map((citation) => {
          const chain = claim.chains.find((c) => c.sourceId === citation.sourceId);
          return (
            <li key={citation.sourceId} className={`chain-citation stance-${citation.stance}`}>
              <div className="chain-source">
                <GradeBadge vocabulary={vocabulary} reliability={citation.reliability} credibility={claim.credibility} />
                <div className="chain-source-text">
                  <span className="chain-title">{citation.sourceTitle}</span>
                  <span className="chain-meta">
                    {[
                      citation.publisher && isolateBidi(citation.publisher),
                      vocabulary.publisherTypes[citation.publisherType],
                      citation.stateAffiliated === 'yes' ? 'state-affiliated' : null,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </div>
                <span className={`stance stance-${citation.stance}`}>{citation.stance}</span>
              </div>
              {citation.excerpt && <blockquote className="chain-excerpt">{citation.excerpt}</blockquote>}
              {citation.locator && <p className="chain-locator">Locator: {citation.locator}</p>}
              {chain && chain.paths.length > 0 && (
                <ul className="chain-paths" aria-label="Paths to origins">
                  {chain.paths.map((path) => (
                    <li key={path.map((link) => link.sourceId).join('>')} className="chain-path">
                      {path.map((link, index) => (
                        <ChainLink
                          key={link.sourceId}
                          link={link}
                          vocabulary={vocabulary}
                          isOrigin={index === path.length - 1}
                          isFirst={index === 0}
                          onOpenSource={onOpenSource}
                        />
                      ))}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>

      {claim.conflictGroup && (
        <>
          <h4>Conflict group</h4>
          <p className="detail-conflict">
            <EvidenceFlags vocabulary={vocabulary} evidence={claim.evidence} />{' '}
            {claim.preferred ? 'This claim is preferred in its group. ' : 'Other claims give a different figure. '}
            <button type="button" className="link-button" onClick={() => onOpenConflict(claim.conflictGroup!)}>
              Open in Conflicts
            </button>
          </p>
        </>
      )}

      {claim.tags.length > 0 && (
        <>
          <h4>Tags</h4>
          <ul className="tag-list">
            {claim.tags.map((tag) => (
              <li key={tag} className="tag">
                {tag}
              </li>
            ))}
          </ul>
        </>
      )}
      {(claim.notes || claim.confidenceNote) && (
        <>
          <h4>Notes</h4>
          {claim.confidenceNote && <p className="detail-note">{claim.confidenceNote}</p>}
          {claim.notes && <p className="detail-note detail-notes">{claim.notes}</p>}
        </>
      )}

      <h4>History</h4>
      <HistoryPanel entityType="claim" entityId={claim.id} revision={revision} />
    </div>
  );
}

interface ChainLinkProps {
  link: SourceChainLink;
  vocabulary: Vocabulary;
  isFirst: boolean;
  isOrigin: boolean;
  onOpenSource: (id: string) => void;
}

function ChainLink({ link, vocabulary, isFirst, isOrigin, onOpenSource }: ChainLinkProps) {
  return (
    <span className={`chain-link${isOrigin ? ' is-origin' : ''}`}>
      {!isFirst && (
        <span className="chain-arrow" aria-label="derived from">
          ←
        </span>
      )}
      <ReliabilityBadge vocabulary={vocabulary} reliability={link.reliability} />
      <span className="chain-link-title" title={`${link.title} (${vocabulary.publisherTypes[link.publisherType]})`}>
        {link.publisher ?? link.title}
      </span>
      {isOrigin && <span className="origin-mark">origin</span>}
      {link.stateAffiliated === 'yes' && <span className="state-mark">state</span>}
      {link.hasArchive ? (
        <button type="button" className="link-button" onClick={() => onOpenSource(link.sourceId)}>
          View archived copy
        </button>
      ) : (
        <button type="button" className="link-button quiet" onClick={() => onOpenSource(link.sourceId)}>
          Open source
        </button>
      )}
    </span>
  );
}
