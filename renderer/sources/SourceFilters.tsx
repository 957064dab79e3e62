import type { PublisherType, Reliability } from '../../db/evidence/vocabulary';
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
  const grades = Object.keys(vocabulary.reliability) as Reliability[];
  const toggle = (grade: Reliability) =>
    onReliability(reliability.includes(grade) ? reliability.filter((g) => g !== grade) : [...reliability, grade].sort());
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
      <div className="grade-filter" role="group" aria-label="Reliability">
        {grades.map((grade) => (
          <button
            key={grade}
            type="button"
            aria-pressed={reliability.includes(grade)}
            title={`${grade} · ${vocabulary.reliability[grade]}`}
            onClick={() => toggle(grade)}
          >
            {grade}
          </button>
        ))}
      </div>
    </div>
  );
}
