import type { KeyboardEvent } from 'react';
import type { OperationInput } from '../../db/api';
import type { SourceListRow } from '../../db/evidence/views';
import type { Vocabulary } from '../types';
import { ReliabilityLabel } from './ReliabilityLabel';

export type SourceSort = NonNullable<NonNullable<OperationInput<'listSources'>>['sort']>;
export type SortDirection = 'asc' | 'desc';

interface SourcesTableProps {
  rows: SourceListRow[];
  vocabulary: Vocabulary;
  busy: boolean;
  selectedId: string | undefined;
  sort: SourceSort;
  direction: SortDirection;
  onSort: (sort: SourceSort) => void;
  onOpen: (id: string) => void;
}

const columns: { key: SourceSort | null; label: string; className: string }[] = [
  { key: 'publisher', label: 'Publisher', className: 'col-publisher' },
  { key: 'title', label: 'Title', className: 'col-title' },
  { key: null, label: 'Type', className: 'col-type' },
  { key: 'published', label: 'Published', className: 'col-published' },
  { key: 'reliability', label: 'Reliability', className: 'col-reliability' },
  { key: 'claims', label: 'Claims', className: 'col-claims numeric' },
];

/** Up/Down move between rows, Enter opens the focused one: the list reads like a mail client. */
function onRowKeys(event: KeyboardEvent<HTMLTableSectionElement>, onOpen: (id: string) => void): void {
  const rows = Array.from(event.currentTarget.querySelectorAll<HTMLTableRowElement>('tr[data-source-id]'));
  const index = rows.indexOf(document.activeElement as HTMLTableRowElement);
  if (index < 0) return;
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    onOpen(rows[index]!.dataset.sourceId!);
    return;
  }
  const target =
    event.key === 'ArrowDown'
      ? rows[index + 1]
      : event.key === 'ArrowUp'
        ? rows[index - 1]
        : event.key === 'Home'
          ? rows[0]
          : event.key === 'End'
            ? rows[rows.length - 1]
            : undefined;
  if (!target) return;
  event.preventDefault();
  target.focus();
}

export function SourcesTable({ rows, vocabulary, busy, selectedId, sort, direction, onSort, onOpen }: SourcesTableProps) {
  return (
    <table className="sources-table" aria-busy={busy}>
      <colgroup>
        {columns.map((column) => (
          <col key={column.label} className={column.className} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {columns.map((column) => {
            const active = column.key !== null && column.key === sort;
            return (
              <th
                key={column.label}
                scope="col"
                className={column.className.includes('numeric') ? 'numeric' : undefined}
                aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {column.key ? (
                  <button type="button" className="src-sort" onClick={() => onSort(column.key!)}>
                    {column.label}
                    <span className="sort-mark" aria-hidden="true">
                      {active ? (direction === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                ) : (
                  column.label
                )}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody onKeyDown={(event) => onRowKeys(event, onOpen)}>
        {rows.map((row) => (
          <tr
            key={row.id}
            data-source-id={row.id}
            tabIndex={0}
            className={row.id === selectedId ? 'source-row source-row-selected' : 'source-row'}
            aria-selected={row.id === selectedId}
            onClick={() => onOpen(row.id)}
          >
            <td className="source-publisher">{row.publisher ?? <span className="muted">—</span>}</td>
            <td className="source-title">
              {row.title}
              {row.hasArchive && (
                <span className="archive-mark" title="An archived copy is kept in the workspace">
                  copy
                </span>
              )}
            </td>
            <td className="source-type">
              {vocabulary.publisherTypes[row.publisherType]}
              {row.stateAffiliated === 'yes' && (
                <span className="src-state-mark" title="State-affiliated">
                  state
                </span>
              )}
            </td>
            <td className="source-date">{row.published ?? <span className="muted">—</span>}</td>
            <td>
              <ReliabilityLabel vocabulary={vocabulary} reliability={row.reliability} compact />
            </td>
            <td className="numeric source-claims">{row.claimCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
