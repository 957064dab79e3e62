import type { ClaimListRow } from '../types';
import { regionSide } from './regions';

/** Region (with its China / ex-China marker) and, under it, the company or facility. */
export function RegionCell({ claim }: { claim: ClaimListRow }) {
  return (
    <td className="claim-region">
      {claim.region && (
        <span className={`region region-${regionSide(claim.region)}`}>
          <span className="region-marker" aria-hidden="true" />
          {claim.region}
        </span>
      )}
      {claim.entity && <span className="claim-entity">{claim.entity}</span>}
    </td>
  );
}
