import type { PublisherType, Reliability } from '../../db/evidence/vocabulary';
import { ReliabilityToggles } from '../evidence/ReliabilityToggles';
import type { Vocabulary } from '../types';

interface SourceFiltersProps {
  vocabulary: Vocabulary;
  search: string;
  onSearch: (text: string) => void;
  publisherType: PublisherType | undefined;
  onPublisherType: (type: PublisherType | undefined) => void;
  reliability: Reliability[];
  onReliability: (grades: Reliability[]) => void;
}

export function SourceFilters(props: SourceFiltersProps) {
  const { vocabulary, search, onSearch, publisherType, onPublisherType, reliability, onReliability } = props;
  return (
    <div className="source-filters">
      <input
        type="search"
        className="source-search"
        placeholder="Search title, publisher, URL, notes"
        aria-label="Search sources"
        value={search}
        onChange={(event) => onSearch(event.target.value)}
      />
      <select
        aria-label="Publisher type"
        value={publisherType ?? ''}
        onChange={(event) => onPublisherType((event.target.value || undefined) as PublisherType | undefined)}
      >
        <option value="">All publisher types</option>
        {Object.entries(vocabulary.publisherTypes).map(([key, label]) => (
          <option key={key} value={key}>
            {label}
          </option>
        ))}
      </select>
      <ReliabilityToggles vocabulary={vocabulary} selected={reliability} onChange={onReliability} ariaLabel="Reliability" />
    </div>
  );
}
