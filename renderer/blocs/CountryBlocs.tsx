import { Fragment, useCallback, useState } from 'react';
import type { OperationOutput } from '../../db/api';
import type { CountrySide } from '../../db/evidence/countries';
import { bridge } from '../bridge';
import { ErrorNotice } from '../common/ErrorNotice';
import { messageOf } from '../common/errors';
import { LoadingNotice } from '../common/LoadingNotice';
import { formatCount, formatNumber } from '../common/numbers';
import { useLoadable } from '../common/useLoadable';
import { HistoryPanel } from '../history/HistoryPanel';
import './blocs.css';

type CountryBloc = OperationOutput<'listCountrySides'>[number];

const sideLabels: Record<CountrySide, string> = { china: 'China', 'ex-china': 'ex-China', aggregate: 'Aggregate' };

interface CountryBlocsProps {
  revision: number;
  /** Called after a change of side, so the gap, the claims and every open view refetch. */
  onChanged: () => void;
}

/** The bloc mapping: which side of the gap each country name falls on, editable row by row. */
export function CountryBlocs({ revision, onChanged }: CountryBlocsProps) {
  const load = useCallback(() => bridge().listCountrySides(), [revision]); // eslint-disable-line react-hooks/exhaustive-deps
  const countries = useLoadable(load);
  const [filter, setFilter] = useState('');
  const [saving, setSaving] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);

  const change = async (row: CountryBloc, write: () => Promise<unknown>) => {
    setSaving(row.key);
    setError(null);
    try {
      await write();
      onChanged();
    } catch (failure) {
      setError(`${row.country}: ${messageOf(failure)}`);
    } finally {
      setSaving(null);
    }
  };

  const list = countries.value ?? [];
  const shown = filter.trim() ? list.filter((row) => row.key.includes(filter.trim().toLowerCase())) : list;
  const onSide = (side: CountrySide) => list.filter((row) => row.side === side).length;
  return (
    <section className="blocs-view" aria-labelledby="blocs-heading">
      <div className="view-toolbar">
        <h2 id="blocs-heading">Countries</h2>
        {countries.value && (
          <span className="claims-count" role="status">
            {formatCount(list.length, 'name')} · {onSide('china')} on the China side ·{' '}
            {formatCount(onSide('aggregate'), 'aggregate')}
          </span>
        )}
        <span className="toolbar-hint">
          Which side of the gap each country falls on. “China” means mainland China, under any of its names; Hong Kong, Macau and
          Taiwan are ex-China unless you map them. Aggregates such as World are a cross-check, never summed with countries. A name
          you have not mapped is ex-China.
        </span>
      </div>
      <div className="blocs-filters">
        <input
          type="search"
          className="blocs-search"
          aria-label="Find a country"
          placeholder="Find a country"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </div>
      <div className="blocs-scroll">
        {countries.error ? (
          <ErrorNotice what="the countries" message={countries.error} />
        ) : !countries.value ? (
          <LoadingNotice what="countries" />
        ) : shown.length === 0 ? (
          <p className="claims-empty">No country matches “{filter.trim()}”.</p>
        ) : (
          <table className="blocs-table column-heads sticky-heads" aria-busy={countries.loading}>
            <colgroup>
              <col className="col-country" />
              <col className="col-side" />
              <col className="col-claims" />
              <col className="col-mapping" />
              <col className="col-actions" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Country</th>
                <th scope="col">Side</th>
                <th scope="col" className="numeric">
                  Claims
                </th>
                <th scope="col">Mapping</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <Fragment key={row.key}>
                  <tr className="bloc-row" data-country={row.key}>
                    <th scope="row" className={`bloc-country bloc-${row.side}`}>
                      <span className="bloc-marker" aria-hidden="true" />
                      {row.country}
                    </th>
                    <td>
                      <select
                        aria-label={`Side of ${row.country}`}
                        value={row.side}
                        disabled={saving !== null}
                        onChange={(event) => {
                          const side = event.target.value as CountrySide;
                          void change(row, () => bridge().setCountrySide({ country: row.country, side }));
                        }}
                      >
                        {Object.entries(sideLabels).map(([side, label]) => (
                          <option key={side} value={side}>
                            {label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="numeric bloc-claims">{formatNumber(row.claims)}</td>
                    {row.mapping === 'explicit' ? (
                      <td className="bloc-mapping">Mapped</td>
                    ) : (
                      <td className="bloc-mapping is-default" title="Not mapped: ex-China by default">
                        Default
                      </td>
                    )}
                    <td className="bloc-actions">
                      {row.mapping === 'explicit' && (
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`Reset ${row.country}`}
                          title={`Remove this mapping: ${row.country} falls back to ex-China`}
                          disabled={saving !== null}
                          onClick={() => void change(row, () => bridge().resetCountrySide({ country: row.country }))}
                        >
                          Reset
                        </button>
                      )}
                      <button
                        type="button"
                        className="link-button quiet"
                        aria-expanded={historyOf === row.key}
                        aria-label={`History of ${row.country}`}
                        onClick={() => setHistoryOf((open) => (open === row.key ? null : row.key))}
                      >
                        History
                      </button>
                    </td>
                  </tr>
                  {historyOf === row.key && (
                    <tr className="bloc-history">
                      <td colSpan={5}>
                        <HistoryPanel entityType="country" entityId={row.key} revision={revision} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
