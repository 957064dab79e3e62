import { useState } from 'react';
import type { GapResult } from '../../db/model/types';
import { formatShare, stageName } from '../charts/format';

/**
 * A large workspace leaves tens of thousands of claims out of a stage overview; drawing them all as
 * links froze the window for seconds. The list grows on request instead.
 */
const EXCLUSIONS_SHOWN = 200;

/** How the numbers were made, in plain words, and every claim the rules left out with the reason. */
export function MethodNote({ results, onOpenClaims }: { results: GapResult[]; onOpenClaims: (ids: string[]) => void }) {
  const [shown, setShown] = useState(EXCLUSIONS_SHOWN);
  const notes = [...new Set(results.flatMap((result) => result.notes))];
  const excluded = results.flatMap((result) => result.excluded.map((item) => ({ ...item, stage: result.stage })));
  const topDown = results.flatMap((result) => result.topDown.map((item) => ({ ...item, stage: result.stage })));
  return (
    <section className="gap-method" aria-label="Method">
      <div>
        <h3>Method</h3>
        {notes.length > 0 ? (
          <ul className="gap-notes">
            {notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        ) : (
          <p className="gap-empty">No method notes.</p>
        )}
        {topDown.length > 0 && (
          <>
            <h4>Published shares (top-down)</h4>
            <ul className="gap-notes">
              {topDown.map((item) => (
                <li key={item.claimId}>
                  <button type="button" className="gap-link" onClick={() => onOpenClaims([item.claimId])}>
                    {stageName(item.stage)}: {formatShare(item.share)}
                  </button>{' '}
                  {item.disagrees && <span className="gap-disagrees">outside the computed band</span>} {item.statement}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div>
        <h3>Left out ({excluded.length.toLocaleString('en-US')})</h3>
        {excluded.length === 0 ? (
          <p className="gap-empty">Every claim for these stages counts.</p>
        ) : (
          <ul className="gap-excluded">
            {excluded.slice(0, shown).map((item) => (
              <li key={`${item.stage}-${item.claimId}`} data-claim-id={item.claimId}>
                <button type="button" className="gap-link" onClick={() => onOpenClaims([item.claimId])}>
                  {item.claimId}
                </button>
                <span className="gap-excluded-stage">{stageName(item.stage)}</span>
                <span className="gap-excluded-reason">{item.reason}</span>
              </li>
            ))}
          </ul>
        )}
        {excluded.length > shown && (
          <button type="button" className="gap-link" onClick={() => setShown(shown + 1000)}>
            Show {Math.min(1000, excluded.length - shown).toLocaleString('en-US')} more of{' '}
            {(excluded.length - shown).toLocaleString('en-US')} not shown
          </button>
        )}
      </div>
    </section>
  );
}
