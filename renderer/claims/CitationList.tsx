import { GradeBadge } from '../evidence/GradeBadge';
import type { ClaimListRow, Vocabulary } from '../types';

/** Each citing source: its publisher and the Admiralty pair (source reliability + claim credibility). */
export function CitationList({ claim, vocabulary }: { claim: ClaimListRow; vocabulary: Vocabulary }) {
  if (claim.citations.length === 0) return <span className="citation-none">No source cited</span>;
  return (
    <ul className="citations">
      {claim.citations.map((citation) => (
        <li key={citation.sourceId} className="citation">
          <GradeBadge vocabulary={vocabulary} reliability={citation.reliability} credibility={claim.credibility} />
          <span
            className="citation-publisher"
            title={`${citation.sourceTitle} (${vocabulary.publisherTypes[citation.publisherType]})`}
          >
            {citation.publisher ?? citation.sourceTitle}
          </span>
          {citation.stance === 'contradicts' && <span className="citation-contradicts">contradicts</span>}
        </li>
      ))}
    </ul>
  );
}
