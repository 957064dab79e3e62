import type { ClaimListRow, Vocabulary } from '../types';
import { ClaimRow } from './ClaimRow';
import { moveRowFocus } from './rowKeys';

interface ClaimsTableProps {
  claims: ClaimListRow[];
  vocabulary: Vocabulary;
  busy: boolean;
}

export function ClaimsTable({ claims, vocabulary, busy }: ClaimsTableProps) {
  return (
    <table className="claims-table" aria-busy={busy}>
      <colgroup>
        <col className="col-statement" />
        <col className="col-stage" />
        <col className="col-country" />
        <col className="col-figure" />
        <col className="col-year" />
        <col className="col-sources" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Claim</th>
          <th scope="col">Stage</th>
          <th scope="col">Country · entity</th>
          <th scope="col" className="numeric">
            Figure
          </th>
          <th scope="col" className="numeric">
            Year
          </th>
          <th scope="col">Sources · grade</th>
        </tr>
      </thead>
      <tbody onKeyDown={moveRowFocus}>
        {claims.map((claim) => (
          <ClaimRow key={claim.id} claim={claim} vocabulary={vocabulary} />
        ))}
      </tbody>
    </table>
  );
}
