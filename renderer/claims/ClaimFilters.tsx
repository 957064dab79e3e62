import { useState, type ChangeEvent, type RefObject } from 'react';
import type { ClaimQuery, Facets, Reliability, Vocabulary } from '../types';

export type ClaimFilterState = Omit<ClaimQuery, 'offset' | 'limit' | 'sort' | 'direction' | 'search'>;

const evidenceLabels = {
  corroborated: 'Corroborated',
  single_source: 'Single source',
  state_media_only: 'State-media only',
  contested: 'Contested',
} as const;

const sideLabels = { china: 'China', 'ex-china': 'Ex-China', aggregate: 'Aggregates (World…)' } as const;
const grades: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F'];

interface ClaimFiltersProps {
  vocabulary: Vocabulary;
  facets: Facets | undefined;
  search: string;
  onSearch: (search: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  filters: ClaimFilterState;
  onChange: (filters: ClaimFilterState) => void;
}

/** Search and every filter of the claims table, in two dense rows; empty means "any". */
export function ClaimFilters({ vocabulary, facets, search, onSearch, searchRef, filters, onChange }: ClaimFiltersProps) {
  const set = <K extends keyof ClaimFilterState>(key: K, value: ClaimFilterState[K] | undefined) => {
    const next = { ...filters };
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  const choose =
    <K extends keyof ClaimFilterState>(key: K) =>
    (event: ChangeEvent<HTMLSelectElement>) =>
      set(key, (event.target.value || undefined) as ClaimFilterState[K]);
  const toggleGrade = (grade: Reliability) => {
    const current = filters.reliability ?? [];
    set('reliability', current.includes(grade) ? current.filter((g) => g !== grade) : [...current, grade].sort());
  };
  const active = Object.keys(filters).length > 0 || search.length > 0;

  return (
    <div className="claim-filters">
      <label className="filter filter-search">
        <span className="filter-label">Search</span>
        <input
          ref={searchRef}
          type="search"
          placeholder="Words in claims, sources, entities…  ( / )"
          value={search}
          onChange={(event) => onSearch(event.target.value)}
          aria-keyshortcuts="/"
        />
      </label>
      <label className="filter">
        <span className="filter-label">Stage</span>
        <select value={filters.stage ?? ''} onChange={choose('stage')}>
          <option value="">Any</option>
          {Object.entries(vocabulary.stages).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">China / ex-China</span>
        <select value={filters.side ?? ''} onChange={choose('side')}>
          <option value="">Both</option>
          {Object.entries(sideLabels).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Country</span>
        <select value={filters.country ?? ''} onChange={choose('country')}>
          <option value="">Any</option>
          {facets?.countries.map((country) => (
            <option key={country} value={country}>
              {country}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Metric</span>
        <select value={filters.metric ?? ''} onChange={choose('metric')}>
          <option value="">Any</option>
          {Object.entries(vocabulary.metrics).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <div className="filter filter-years" role="group" aria-labelledby="filter-year-label">
        <span className="filter-label" id="filter-year-label">
          Year
        </span>
        <YearInput
          label="Year from"
          placeholder={facets?.years.first}
          value={filters.yearFrom}
          onChange={(v) => set('yearFrom', v)}
        />
        <span aria-hidden="true">–</span>
        <YearInput label="Year to" placeholder={facets?.years.last} value={filters.yearTo} onChange={(v) => set('yearTo', v)} />
      </div>
      <div className="filter-break" />
      <label className="filter">
        <span className="filter-label">Evidence</span>
        <select value={filters.evidence ?? ''} onChange={choose('evidence')}>
          <option value="">Any</option>
          {Object.entries(evidenceLabels).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <div className="filter filter-grades" role="group" aria-labelledby="filter-grades-label">
        <span className="filter-label" id="filter-grades-label">
          Source reliability
        </span>
        <div className="grade-toggles">
          {grades.map((grade) => (
            <button
              key={grade}
              type="button"
              aria-pressed={filters.reliability?.includes(grade) ?? false}
              title={`${grade}: ${vocabulary.reliability[grade]}`}
              onClick={() => toggleGrade(grade)}
            >
              {grade}
            </button>
          ))}
        </div>
      </div>
      <label className="filter">
        <span className="filter-label">Credibility</span>
        <select
          value={filters.credibilityAtMost ?? ''}
          onChange={(event) => set('credibilityAtMost', event.target.value ? Number(event.target.value) : undefined)}
        >
          <option value="">Any</option>
          {Object.entries(vocabulary.credibility).map(([key, label]) => (
            <option key={key} value={key}>
              {key === '1' ? `1 ${label}` : `≤ ${key} ${label}`}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Publisher type</span>
        <select value={filters.publisherType ?? ''} onChange={choose('publisherType')}>
          <option value="">Any</option>
          {Object.entries(vocabulary.publisherTypes).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Tag</span>
        <select value={filters.tag ?? ''} onChange={choose('tag')}>
          <option value="">Any</option>
          {facets?.tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="filter-clear"
        disabled={!active}
        onClick={() => {
          onSearch('');
          onChange({});
        }}
      >
        Clear
      </button>
    </div>
  );
}

interface YearInputProps {
  label: string;
  placeholder: number | null | undefined;
  value: number | undefined;
  onChange: (year: number | undefined) => void;
}

/** A four-digit year; the filter applies once four digits are typed and lifts when the box is emptied. */
function YearInput({ label, placeholder, value, onChange }: YearInputProps) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const [shown, setShown] = useState(value);
  // "Clear" lifts the filter from outside: the box empties with it (adjusted while rendering, not in an effect).
  if (shown !== value) {
    setShown(value);
    if (value === undefined && /^\d{4}$/.test(text)) setText('');
  }
  return (
    <input
      aria-label={label}
      inputMode="numeric"
      maxLength={4}
      placeholder={placeholder ? String(placeholder) : ''}
      value={text}
      onChange={(event) => {
        const next = event.target.value.replace(/\D/g, '');
        setText(next);
        if (/^\d{4}$/.test(next)) onChange(Number(next));
        else if (value !== undefined) onChange(undefined);
      }}
    />
  );
}
