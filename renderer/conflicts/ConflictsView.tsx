import { useCallback, useEffect, useRef, useState } from 'react';
import { bridge } from '../bridge';
import { ErrorNotice } from '../common/ErrorNotice';
import { messageOf } from '../common/errors';
import { LoadingNotice } from '../common/LoadingNotice';
import { formatCount } from '../common/numbers';
import { useLoadable } from '../common/useLoadable';
import { EvidenceFlags } from '../evidence/EvidenceFlags';
import { GradeBadge } from '../evidence/GradeBadge';
import { HistoryPanel } from '../history/HistoryPanel';
import { claimFigure } from '../claims/figure';
import type { ClaimListRow, ConflictGroup, Vocabulary } from '../types';
import './conflicts.css';

interface ConflictsViewProps {
  vocabulary: Vocabulary;
  revision: number;
  /** A group to scroll to, asked for from a claim's detail. */
  focusKey: string | undefined;
  onOpenClaim: (id: string) => void;
  onChanged: () => void;
}

/** Every conflict group, its claims side by side; the analyst marks one preferred, with a reason. */
export function ConflictsView({ vocabulary, revision, focusKey, onOpenClaim, onChanged }: ConflictsViewProps) {
  const load = useCallback(() => bridge().listConflictGroups({}), [revision]); // eslint-disable-line react-hooks/exhaustive-deps
  const groups = useLoadable(load);
  const list = groups.value ?? [];
  const unresolved = list.filter((group) => !group.preferredClaimId).length;
  return (
    <section className="conflicts-view" aria-labelledby="conflicts-heading">
      <div className="view-toolbar">
        <h2 id="conflicts-heading">Conflicts</h2>
        {groups.value && (
          <span className="claims-count" role="status">
            {formatCount(list.length, 'conflict group')} · {unresolved} without a preferred claim
          </span>
        )}
        <span className="toolbar-hint">
          Claims about the same facility or country, stage, metric and year that disagree. They are kept, not merged: mark the one
          the model should use, and say why.
        </span>
      </div>
      <div className="conflicts-scroll">
        {groups.error ? (
          <ErrorNotice what="the conflict groups" message={groups.error} />
        ) : !groups.value ? (
          <LoadingNotice what="conflict groups" />
        ) : list.length === 0 ? (
          <p className="claims-empty">No conflicting claims in this workspace.</p>
        ) : (
          list.map((group) => (
            <ConflictCard
              key={group.key}
              group={group}
              vocabulary={vocabulary}
              revision={revision}
              focused={group.key === focusKey}
              onOpenClaim={onOpenClaim}
              onChanged={onChanged}
            />
          ))
        )}
      </div>
    </section>
  );
}

interface ConflictCardProps {
  group: ConflictGroup;
  vocabulary: Vocabulary;
  revision: number;
  focused: boolean;
  onOpenClaim: (id: string) => void;
  onChanged: () => void;
}

function ConflictCard({ group, vocabulary, revision, focused, onOpenClaim, onChanged }: ConflictCardProps) {
  const [choosing, setChoosing] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const card = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focused) card.current?.scrollIntoView({ block: 'start' });
  }, [focused]);

  const prefer = async () => {
    if (!choosing) return;
    if (!reason.trim()) return setError('Reason: say why this claim is preferred.');
    try {
      await bridge().setPreferredClaim({ groupKey: group.key, claimId: choosing, reason });
      setChoosing(null);
      setReason('');
      setError(null);
      onChanged();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const clear = async () => {
    try {
      await bridge().clearPreferredClaim({ groupKey: group.key });
      onChanged();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <article
      ref={card}
      className={`conflict-card${focused ? ' is-focused' : ''}`}
      aria-label={group.subject}
      data-group-key={group.key}
    >
      <header className="conflict-head">
        <h3>{group.subject}</h3>
        <span className="conflict-spread" title="Largest figure over smallest, minus one">
          spread <strong>{(group.spread * 100).toFixed(1)}%</strong>
        </span>
        {group.preferredClaimId ? (
          <span className="conflict-state is-resolved">Preferred chosen</span>
        ) : (
          <span className="conflict-state">No preferred claim</span>
        )}
        <button type="button" className="link-button" aria-expanded={showHistory} onClick={() => setShowHistory((v) => !v)}>
          History
        </button>
      </header>
      {group.preferredClaimId && group.preferredReason && (
        <p className="conflict-reason">
          <span className="conflict-reason-label">Why preferred:</span> <bdi>{group.preferredReason}</bdi>
          <button type="button" className="link-button" onClick={() => void clear()}>
            Clear preference
          </button>
        </p>
      )}
      <FigureStrip group={group} />
      <div className="conflict-claims">
        {group.claims.map((claim) => (
          <ConflictClaim
            key={claim.id}
            claim={claim}
            vocabulary={vocabulary}
            preferred={claim.id === group.preferredClaimId}
            choosing={choosing === claim.id}
            onChoose={() => {
              setChoosing(claim.id);
              setError(null);
            }}
            onOpenClaim={onOpenClaim}
          />
        ))}
      </div>
      {choosing && (
        <form
          className="prefer-form"
          onSubmit={(event) => {
            event.preventDefault();
            void prefer();
          }}
        >
          <label className="form-field">
            <span className="form-label">Why prefer this claim? (required, kept in the audit log)</span>
            <textarea
              autoFocus
              rows={2}
              value={reason}
              aria-invalid={!!error || undefined}
              onChange={(event) => setReason(event.target.value)}
              placeholder="e.g. Official statistics; the higher figure counts separated oxide, not mine output."
            />
            {error && (
              <span className="field-error" role="alert">
                {error}
              </span>
            )}
          </label>
          <div className="form-actions">
            <span className="form-actions-end">
              <button type="button" onClick={() => setChoosing(null)}>
                Cancel
              </button>
              <button type="submit" className="primary">
                Mark preferred
              </button>
            </span>
          </div>
        </form>
      )}
      {!choosing && error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {showHistory && (
        <div className="conflict-history">
          <HistoryPanel entityType="conflict_group" entityId={group.key} revision={revision} />
        </div>
      )}
    </article>
  );
}

interface ConflictClaimProps {
  claim: ClaimListRow;
  vocabulary: Vocabulary;
  preferred: boolean;
  choosing: boolean;
  onChoose: () => void;
  onOpenClaim: (id: string) => void;
}

function ConflictClaim({ claim, vocabulary, preferred, choosing, onChoose, onOpenClaim }: ConflictClaimProps) {
  const figure = claimFigure(claim);
  return (
    <div
      className={`conflict-claim${preferred ? ' is-preferred' : ''}${choosing ? ' is-choosing' : ''}`}
      data-claim-id={claim.id}
    >
      {preferred && <span className="preferred-banner">★ Preferred</span>}
      <div className="conflict-figure">
        <span className="figure-amount">{figure?.amount ?? '—'}</span>
        {figure?.range && <span className="figure-range"> ({figure.range})</span>}
        <span className="figure-unit">{figure?.unit}</span>
      </div>
      <div className="conflict-meta">
        {claim.year ?? '—'} · {claim.entity ?? claim.country ?? '—'}
      </div>
      <p className="conflict-statement">{claim.statement}</p>
      <EvidenceFlags vocabulary={vocabulary} evidence={claim.evidence} />
      <ul className="conflict-sources">
        {claim.citations.map((citation) => (
          <li key={citation.sourceId}>
            <GradeBadge vocabulary={vocabulary} reliability={citation.reliability} credibility={claim.credibility} />
            <span className="citation-publisher" title={citation.sourceTitle}>
              {citation.publisher ?? citation.sourceTitle}
            </span>
            {citation.stance === 'contradicts' && <span className="citation-contradicts">contradicts</span>}
          </li>
        ))}
      </ul>
      <div className="conflict-actions">
        <button type="button" className="link-button" onClick={() => onOpenClaim(claim.id)}>
          Open claim
        </button>
        {!preferred && (
          <button type="button" onClick={onChoose} aria-pressed={choosing}>
            Prefer this…
          </button>
        )}
      </div>
    </div>
  );
}

/**
 * The group's figures on one shared axis, from zero: the spread at a glance. The preferred figure is
 * a filled mark, the others hollow, so the choice shows by shape as well as by weight.
 */
function FigureStrip({ group }: { group: ConflictGroup }) {
  const values = group.claims.map((claim) => claim.value).filter((value): value is number => value !== null);
  if (values.length < 2) return null;
  const max = Math.max(...values) * 1.05;
  const at = (value: number) => `${(value / max) * 100}%`;
  return (
    <div className="figure-strip" aria-hidden="true">
      <div className="figure-strip-axis" />
      <div
        className="figure-strip-range"
        style={{ left: at(Math.min(...values)), width: `${((Math.max(...values) - Math.min(...values)) / max) * 100}%` }}
      />
      {group.claims.map((claim) =>
        claim.value === null ? null : (
          <span
            key={claim.id}
            className={`figure-strip-mark${claim.id === group.preferredClaimId ? ' is-preferred' : ''}`}
            style={{ left: at(claim.value) }}
          />
        ),
      )}
      <span className="figure-strip-zero">0</span>
    </div>
  );
}
