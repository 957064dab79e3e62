import type { ClaimListRow, Vocabulary } from '../types';
import { CitationList } from './CitationList';
import { FigureCell } from './FigureCell';
import { CountryCell } from './CountryCell';

export function ClaimRow({ claim, vocabulary }: { claim: ClaimListRow; vocabulary: Vocabulary }) {
  return (
    <tr className="claim-row" tabIndex={0} data-claim-id={claim.id}>
      <td className="claim-statement">{claim.statement}</td>
      <td className="claim-stage">{claim.stage ? vocabulary.stages[claim.stage] : '—'}</td>
      <CountryCell claim={claim} />
      <FigureCell claim={claim} vocabulary={vocabulary} />
      <td className="claim-year">{claim.year ?? '—'}</td>
      <td className="claim-sources">
        <CitationList claim={claim} vocabulary={vocabulary} />
      </td>
    </tr>
  );
}
