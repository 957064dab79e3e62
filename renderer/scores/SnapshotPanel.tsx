import { useCallback, useState } from 'react';
import type { ScoreReport } from '../../db/score/types';
import { bridge } from '../bridge';
import { stageName } from '../charts/format';
import { formatValue } from '../charts/score-format';
import { ErrorNotice } from '../common/ErrorNotice';
import { useLoadable } from '../common/useLoadable';
import { scoreFieldError, reasonFor, type ScoreFieldError } from './field-error';
import type { SnapshotDiff, SnapshotRow } from './score-api';
import { formatTakenAt } from './snapshot-labels';

interface SnapshotPanelProps {
  snapshots: SnapshotRow[];
  /** Kept by the view, so the name typed once stays for the next snapshot. */
  author: string;
  onAuthor: (author: string) => void;
  labels: Map<string, string>;
  onTaken: () => void;
  onOpenClaims: (claimIds: string[]) => void;
}

const composites = (snapshot: SnapshotRow) =>
  ((snapshot.results as ScoreReport | undefined)?.stages ?? [])
    .map((stage) => `${stageName(stage.stage)} ${formatValue(stage.score, snapshot.method)}`)
    .join(' · ');

/**
 * The saved snapshots, newest first, with "Take snapshot" (author and note) and a diff of any two:
 * what changed stage by stage, factor by factor, and the claims that came in or went out.
 */
export function SnapshotPanel({ snapshots, author, onAuthor, labels, onTaken, onOpenClaims }: SnapshotPanelProps) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<ScoreFieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const newestFirst = [...snapshots].sort((a, b) => b.takenAt.localeCompare(a.takenAt));
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const pickedFrom = from && snapshots.some((s) => s.id === from) ? from : (newestFirst[1]?.id ?? null);
  const pickedTo = to && snapshots.some((s) => s.id === to) ? to : (newestFirst[0]?.id ?? null);

  const take = async () => {
    setBusy(true);
    try {
      await bridge().takeSnapshot({
        ...(author.trim() ? { author: author.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setError(null);
      setNote('');
      setFrom(null);
      setTo(null);
      onTaken();
    } catch (failure) {
      setError(scoreFieldError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="snapshot-panel">
      <form
        className="snapshot-take"
        aria-label="Take snapshot"
        onSubmit={(event) => {
          event.preventDefault();
          void take();
        }}
      >
        <label className={`scores-field${reasonFor(error, 'author') ? ' has-error' : ''}`}>
          <span>Author</span>
          <input
            value={author}
            onChange={(event) => onAuthor(event.target.value)}
            placeholder="Your name"
            title="Left empty, the assessment's author (or the computer's user name) is recorded"
          />
          {reasonFor(error, 'author') && (
            <span className="field-error" role="alert">
              {reasonFor(error, 'author')}
            </span>
          )}
        </label>
        <label className={`scores-field scores-field-wide${reasonFor(error, 'note') ? ' has-error' : ''}`}>
          <span>Note</span>
          <input
            value={note}
            onChange={(event) => setNote(event.target.value)}
            placeholder="What this snapshot is for, e.g. after the October controls"
          />
          {reasonFor(error, 'note') && (
            <span className="field-error" role="alert">
              {reasonFor(error, 'note')}
            </span>
          )}
        </label>
        <button type="submit" className="primary" disabled={busy}>
          Take snapshot
        </button>
      </form>
      {error && !reasonFor(error, 'author') && !reasonFor(error, 'note') && (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      )}
      {snapshots.length === 0 ? (
        <p className="scores-muted">No snapshot yet: take one to start the trend.</p>
      ) : (
        <table className="snapshot-table" aria-label="Snapshots">
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Taken</th>
              <th scope="col">Author</th>
              <th scope="col">Method</th>
              <th scope="col">Note</th>
              <th scope="col">Scores</th>
            </tr>
          </thead>
          <tbody>
            {newestFirst.map((snapshot) => (
              <tr key={snapshot.id} data-snapshot={snapshot.id}>
                <td>
                  <input
                    type="radio"
                    name="snapshot-from"
                    aria-label={`Diff from ${labels.get(snapshot.id) ?? snapshot.takenAt}`}
                    checked={pickedFrom === snapshot.id}
                    onChange={() => setFrom(snapshot.id)}
                  />
                </td>
                <td>
                  <input
                    type="radio"
                    name="snapshot-to"
                    aria-label={`Diff to ${labels.get(snapshot.id) ?? snapshot.takenAt}`}
                    checked={pickedTo === snapshot.id}
                    onChange={() => setTo(snapshot.id)}
                  />
                </td>
                <td className="snapshot-when" title={snapshot.takenAt}>
                  {formatTakenAt(snapshot.takenAt)}
                </td>
                <td>{snapshot.author ?? '—'}</td>
                <td>{snapshot.method === 'eu-sr' ? 'EU SR' : 'Weighted'}</td>
                <td>{snapshot.note ?? ''}</td>
                <td className="snapshot-scores">{composites(snapshot)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pickedFrom && pickedTo && pickedFrom !== pickedTo && (
        <SnapshotDiffView from={pickedFrom} to={pickedTo} labels={labels} onOpenClaims={onOpenClaims} />
      )}
      {snapshots.length > 1 && pickedFrom === pickedTo && (
        <p className="scores-muted">Pick two different snapshots to compare.</p>
      )}
    </div>
  );
}

/** The engine's sentence names the claims too; here they are links, so its plain-text lists are left off. */
const withoutClaimLists = (summary: string) =>
  summary
    .split('; ')
    .filter((part) => !/^claims (added|removed): /.test(part))
    .join('; ');

function ClaimLinks({ ids, onOpenClaims }: { ids: string[]; onOpenClaims: (claimIds: string[]) => void }) {
  return (
    <>
      {ids.map((id, index) => (
        <span key={id}>
          {index > 0 && ', '}
          <button type="button" className="gap-link" onClick={() => onOpenClaims([id])}>
            {id}
          </button>
        </span>
      ))}
    </>
  );
}

function SnapshotDiffView({
  from,
  to,
  labels,
  onOpenClaims,
}: {
  from: string;
  to: string;
  labels: Map<string, string>;
  onOpenClaims: (claimIds: string[]) => void;
}) {
  const load = useCallback(() => bridge().diffSnapshots({ from, to }), [from, to]);
  const diff = useLoadable<SnapshotDiff>(load);
  if (diff.error) return <ErrorNotice what="the difference between the snapshots" message={diff.error} />;
  const value = diff.value;
  if (!value) return <p className="scores-muted">Comparing…</p>;
  const method = value.to.method;
  const changed = value.stages.filter((stage) => stage.factors.length > 0 || stage.before !== stage.after);
  return (
    <section className="snapshot-diff" aria-label="Snapshot diff" aria-busy={diff.loading}>
      <h4>
        What changed from {labels.get(value.from.id) ?? value.from.takenAt} to {labels.get(value.to.id) ?? value.to.takenAt}
      </h4>
      {value.settings.length > 0 && (
        <ul className="scores-list">
          {value.settings.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {value.weights.length > 0 && (
        <p>
          Weights:{' '}
          {value.weights
            .map((w) => `${w.name.replace(/_/g, ' ')} ${(w.before * 100).toFixed(1)}% → ${(w.after * 100).toFixed(1)}%`)
            .join('; ')}
        </p>
      )}
      {changed.length === 0 && value.settings.length === 0 && value.weights.length === 0 ? (
        <p className="scores-muted">Nothing changed: the same inputs gave the same scores.</p>
      ) : (
        <ul className="snapshot-diff-stages">
          {changed.map((stage) => (
            <li key={stage.stage} data-stage={stage.stage}>
              <p className="snapshot-diff-head">
                <strong>{stageName(stage.stage)}</strong> {formatValue(stage.before, method)} → {formatValue(stage.after, method)}
                {stage.change !== null && formatValue(Math.abs(stage.change), method) !== formatValue(0, method) && (
                  <span className={stage.change > 0 ? 'snapshot-up' : 'snapshot-down'}>
                    {' '}
                    ({stage.change > 0 ? '+' : '−'}
                    {formatValue(Math.abs(stage.change), method)})
                  </span>
                )}
              </p>
              <ul className="snapshot-diff-factors">
                {stage.factors.map((factor) => (
                  <li key={factor.name} data-factor={factor.name}>
                    <span>{withoutClaimLists(factor.summary)}.</span>
                    {factor.claimsAdded.length > 0 && (
                      <span className="snapshot-claims">
                        {' '}
                        Claims that came in: <ClaimLinks ids={factor.claimsAdded} onOpenClaims={onOpenClaims} />.
                      </span>
                    )}
                    {factor.claimsRemoved.length > 0 && (
                      <span className="snapshot-claims">
                        {' '}
                        Claims that went out: <ClaimLinks ids={factor.claimsRemoved} onOpenClaims={onOpenClaims} />.
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
