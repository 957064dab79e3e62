import { useId, useState } from 'react';
import type { ReportItem } from '../../db/report/inputs';
import type { Vocabulary } from '../types';
import { evidenceNames } from './item-words';
import { ReportField } from './ReportField';

type ClaimsItem = Extract<ReportItem, { kind: 'claims' }>;
type Filter = NonNullable<ClaimsItem['filter']>;

interface ClaimsItemFieldsProps {
  item: ClaimsItem;
  vocabulary: Vocabulary;
  countries: readonly string[];
  onChange: (item: ClaimsItem) => void;
  reasonFor: (field: string) => string | null;
}

/** Ids typed or pasted from the Claims view, one per line or separated by commas or spaces. */
const idsOf = (text: string) => [...new Set(text.split(/[\s,;]+/).filter((id) => id !== ''))];

/**
 * A claims table: the claims a filter finds when the report is drawn (so new claims join it), or a
 * fixed list of claim ids (so the table stays exactly as chosen).
 */
export function ClaimsItemFields({ item, vocabulary, countries, onChange, reasonFor }: ClaimsItemFieldsProps) {
  const byIds = item.claimIds !== undefined;
  const listId = useId();
  // The typed text is kept as typed, so a trailing comma or a half-pasted id is not rewritten under the cursor.
  const [idText, setIdText] = useState((item.claimIds ?? []).join('\n'));
  const filter = item.filter ?? {};
  const setFilter = (change: Partial<Filter>) => {
    const next: Filter = { ...filter, ...change };
    for (const key of Object.keys(next) as (keyof Filter)[]) if (!next[key]) delete next[key];
    onChange({ ...item, filter: next });
  };
  const { claimIds: _ids, filter: _filter, ...rest } = item;
  return (
    <div className="report-grid report-item-grid">
      <ReportField label="Table title" reason={reasonFor('title')} wide>
        <input
          value={item.title ?? ''}
          placeholder="Claims"
          onChange={(event) => onChange({ ...item, title: event.target.value || undefined })}
        />
      </ReportField>
      <fieldset className="report-field report-field-wide">
        <legend className="report-field-label">Which claims</legend>
        <div className="gap-segmented" role="group" aria-label="Which claims">
          <button type="button" aria-pressed={!byIds} onClick={() => onChange({ ...rest, filter: {} })}>
            By filter
          </button>
          <button type="button" aria-pressed={byIds} onClick={() => onChange({ ...rest, claimIds: idsOf(idText) })}>
            By claim ids
          </button>
        </div>
      </fieldset>
      {byIds ? (
        <ReportField
          label="Claim ids"
          reason={reasonFor('claimIds')}
          wide
          hint="One per line, or separated by commas: the ids shown in the Claims view."
        >
          <textarea
            rows={3}
            value={idText}
            aria-invalid={reasonFor('claimIds') ? true : undefined}
            onChange={(event) => {
              setIdText(event.target.value);
              onChange({ ...rest, claimIds: idsOf(event.target.value) });
            }}
          />
        </ReportField>
      ) : (
        <>
          <ReportField label="Search" reason={reasonFor('filter.search')}>
            <input
              type="search"
              value={filter.search ?? ''}
              placeholder="words in the statement"
              onChange={(event) => setFilter({ search: event.target.value })}
            />
          </ReportField>
          <ReportField label="Stage" reason={reasonFor('filter.stage')}>
            <select
              value={filter.stage ?? ''}
              onChange={(event) => setFilter({ stage: (event.target.value || undefined) as Filter['stage'] })}
            >
              <option value="">Any stage</option>
              {Object.entries(vocabulary.stages).map(([stage, label]) => (
                <option key={stage} value={stage}>
                  {label}
                </option>
              ))}
            </select>
          </ReportField>
          <ReportField label="Country" reason={reasonFor('filter.country')}>
            <input
              value={filter.country ?? ''}
              list={listId}
              placeholder="any country"
              onChange={(event) => setFilter({ country: event.target.value })}
            />
            <datalist id={listId}>
              {countries.map((country) => (
                <option key={country} value={country} />
              ))}
            </datalist>
          </ReportField>
          <ReportField label="Metric" reason={reasonFor('filter.metric')}>
            <select
              value={filter.metric ?? ''}
              onChange={(event) => setFilter({ metric: (event.target.value || undefined) as Filter['metric'] })}
            >
              <option value="">Any metric</option>
              {Object.entries(vocabulary.metrics).map(([metric, label]) => (
                <option key={metric} value={metric}>
                  {label}
                </option>
              ))}
            </select>
          </ReportField>
          <ReportField label="Evidence" reason={reasonFor('filter.evidence')}>
            <select
              value={filter.evidence ?? ''}
              onChange={(event) => setFilter({ evidence: (event.target.value || undefined) as Filter['evidence'] })}
            >
              <option value="">Any evidence</option>
              {Object.entries(evidenceNames).map(([evidence, label]) => (
                <option key={evidence} value={evidence}>
                  {label}
                </option>
              ))}
            </select>
          </ReportField>
        </>
      )}
    </div>
  );
}
