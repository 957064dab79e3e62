import type { ClaimListRow, Vocabulary } from '../types';
import { claimFigure } from './figure';

/**
 * The claim's number, right-aligned so magnitudes line up down the column, with its unit beside it
 * (units in this workspace are often descriptive, so they wrap); the metric's name is on hover.
 */
export function FigureCell({ claim, vocabulary }: { claim: ClaimListRow; vocabulary: Vocabulary }) {
  const figure = claimFigure(claim);
  return (
    <td className="claim-figure" title={vocabulary.metrics[claim.metric]}>
      <div className="figure">
        {figure ? (
          <>
            <span className="figure-number">
              <span className="figure-amount">{figure.amount}</span>
              {figure.range && <span className="figure-range">{figure.range}</span>}
            </span>
            {figure.unit && <span className="figure-unit">{figure.unit}</span>}
          </>
        ) : (
          <span className="figure-number figure-none" aria-label="No figure">
            —
          </span>
        )}
      </div>
    </td>
  );
}
