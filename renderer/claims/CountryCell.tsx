import type { ClaimListRow } from '../types';

/** Country (with its China / ex-China / aggregate marker) and, under it, the company or facility. */
export function CountryCell({ claim }: { claim: ClaimListRow }) {
  return (
    <td className="claim-country">
      {claim.country && (
        <span className={`country country-${claim.side ?? 'ex-china'}`}>
          <span className="country-marker" aria-hidden="true" />
          {claim.country}
        </span>
      )}
      {claim.entity && <span className="claim-entity">{claim.entity}</span>}
    </td>
  );
}
