import { useState, type ChangeEvent, type RefObject } from 'react';
import { ReliabilityToggles } from '../evidence/ReliabilityToggles';
import type { ClaimQuery, Facets, Vocabulary } from '../types';

export type ClaimFilterState = Omit<ClaimQuery, 'offset' | 'limit' | 'sort' | 'direction' | 'search'>;

const evidenceLabels = {
  corroborated: 'Corroborated',
  single_source: 'Single source',
  state_media_only: 'State-media only',
  contested: 'Contested',
} as const;

const sideLabels = { china: 'China', 'ex-china': 'Ex-China', aggregate: 'Aggregates (World…)' } as const;

interface SelectFilterProps {
  label: string;
  value: string;
  onChange: (event: ChangeEvent<HTMLSelectElement>) => void;
  anyLabel: string;
  options: [value: string, label: string][];
}

/** One drop-down filter; the empty choice means "any". */
function SelectFilter({ label, value, onChange, anyLabel, options }: SelectFilterProps) {
  return (
    <label className="filter">
      <span className="filter-label">{label}</span>
      <select value={value} onChange={onChange}>
        <option value="">{anyLabel}</option>
        {options.map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

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
      <SelectFilter
        label="Stage"
        value={filters.stage ?? ''}
        onChange={choose('stage')}
        anyLabel="Any"
        options={Object.entries(vocabulary.stages)}
      />
      <SelectFilter
        label="China / ex-China"
        value={filters.side ?? ''}
        onChange={choose('side')}
        anyLabel="Both"
        options={Object.entries(sideLabels)}
      />
      <SelectFilter
        label="Country"
        value={filters.country ?? ''}
        onChange={choose('country')}
        anyLabel="Any"
        options={(facets?.countries ?? []).map((country) => [country, country])}
      />
      <SelectFilter
        label="Metric"
        value={filters.metric ?? ''}
        onChange={choose('metric')}
        anyLabel="Any"
        options={Object.entries(vocabulary.metrics)}
      />
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
      <SelectFilter
        label="Evidence"
        value={filters.evidence ?? ''}
        onChange={choose('evidence')}
        anyLabel="Any"
        options={Object.entries(evidenceLabels)}
      />
      <div className="filter filter-grades" role="group" aria-labelledby="filter-grades-label">
        <span className="filter-label" id="filter-grades-label">
          Source reliability
        </span>
        <ReliabilityToggles
          vocabulary={vocabulary}
          selected={filters.reliability ?? []}
          onChange={(grades) => set('reliability', grades)}
        />
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
      <SelectFilter
        label="Publisher type"
        value={filters.publisherType ?? ''}
        onChange={choose('publisherType')}
        anyLabel="Any"
        options={Object.entries(vocabulary.publisherTypes)}
      />
      <SelectFilter
        label="Tag"
        value={filters.tag ?? ''}
        onChange={choose('tag')}
        anyLabel="Any"
        options={(facets?.tags ?? []).map((tag) => [tag, tag])}
      />
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
