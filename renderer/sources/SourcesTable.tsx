import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { OperationInput } from '../../db/api';
import { rowHeight, scrollHeight, scrollTopFor, topIndex, visibleRows, type Viewport } from '../claims/virtual';
import type { SourceListRow, Vocabulary } from '../types';
import { ReliabilityLabel } from './ReliabilityLabel';
import type { SourceWindows } from './useSourceWindows';

export type SourceSort = NonNullable<NonNullable<OperationInput<'listSources'>>['sort']>;
export type SortDirection = 'asc' | 'desc';

interface SourcesTableProps {
  windows: SourceWindows;
  total: number;
  vocabulary: Vocabulary;
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

/**
 * The sources table, virtualized like the claims grid (and with its row height and geometry from
 * renderer/claims/virtual.ts): only the rows in view, plus a few either side, are in the DOM, between
 * two spacer rows that stand for the rest; their windows are fetched as they scroll in. Up/Down,
 * PageUp/PageDown, Home and End move the focused row through the whole list; Enter opens it.
 */
export function SourcesTable(props: SourcesTableProps) {
  const { windows, total, vocabulary, selectedId, sort, direction, onSort, onOpen } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLTableSectionElement>(null);
  const [viewport, setViewport] = useState<Viewport>({ scrollTop: 0, height: 600 });
  // The row the keyboard is on, by index: it may be far outside the rows in the DOM.
  const [focusIndex, setFocusIndex] = useState<number | undefined>(undefined);

  /** The rows' own viewport: the scroller less the sticky header over its top. */
  const measure = (element: HTMLDivElement): Viewport => ({
    scrollTop: element.scrollTop,
    height: Math.max(rowHeight, element.clientHeight - (head.current?.offsetHeight ?? 0)),
  });

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const update = () => setViewport(measure(element));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const { first, last, top } = visibleRows(total, viewport);
  const { ensure } = windows;
  useEffect(() => ensure(first, last), [ensure, first, last]);

  // Moves DOM focus onto the keyboard's row once it has been drawn.
  useEffect(() => {
    if (focusIndex === undefined) return;
    const row = scroller.current?.querySelector<HTMLTableRowElement>(`tr[data-index="${focusIndex}"]`);
    if (row && document.activeElement !== row) row.focus({ preventScroll: true });
  });

  const scrollToRow = (index: number) => {
    const element = scroller.current;
    if (!element) return;
    const view = measure(element);
    const at = topIndex(total, view);
    const rowsInView = view.height / rowHeight;
    let target: number | undefined;
    if (index < at) target = index;
    else if (index + 1 > at + rowsInView) target = index + 1 - rowsInView;
    if (target === undefined) return;
    element.scrollTop = scrollTopFor(total, view.height, target);
    setViewport(measure(element));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLTableRowElement>('tr[data-index]');
    if (!row) return;
    const index = Number(row.dataset.index);
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      if (row.dataset.sourceId) onOpen(row.dataset.sourceId);
      return;
    }
    const page = Math.max(1, Math.floor(viewport.height / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: total - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const target = Math.max(0, Math.min(total - 1, next));
    setFocusIndex(target);
    scrollToRow(target);
  };

  const rows = [];
  for (let index = first; index <= last; index++) {
    const source = windows.rowAt(index);
    rows.push(
      <SourceRow
        key={index}
        index={index}
        source={source}
        vocabulary={vocabulary}
        selected={!!source && source.id === selectedId}
        onFocus={() => setFocusIndex(index)}
        onOpen={onOpen}
      />,
    );
  }
  // Spacer rows stand for the rows not drawn, so the scrolled height is the geometry's own.
  const above = Math.max(0, top(first));
  const below = Math.max(0, scrollHeight(total) - (top(last) + rowHeight));

  return (
    <div ref={scroller} className="sources-scroll" onScroll={(event) => setViewport(measure(event.currentTarget))}>
      <table className="sources-table column-heads sticky-heads" aria-busy={windows.stale} aria-rowcount={total + 1}>
        <colgroup>
          {columns.map((column) => (
            <col key={column.label} className={column.className} />
          ))}
        </colgroup>
        <thead ref={head}>
          <tr aria-rowindex={1}>
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
        <tbody onKeyDown={onKeyDown}>
          {above > 0 && (
            <tr className="source-spacer" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: above }} />
            </tr>
          )}
          {rows}
          {below > 0 && (
            <tr className="source-spacer" aria-hidden="true">
              <td colSpan={columns.length} style={{ height: below }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

interface SourceRowProps {
  index: number;
  source: SourceListRow | undefined;
  vocabulary: Vocabulary;
  selected: boolean;
  onFocus: () => void;
  onOpen: (id: string) => void;
}

/** One row at the fixed height the geometry assumes: long text is clipped to two lines, whole on hover. */
function SourceRow({ index, source, vocabulary, selected, onFocus, onOpen }: SourceRowProps) {
  if (!source)
    return (
      <tr data-index={index} aria-rowindex={index + 2} tabIndex={-1} className="source-row is-loading" onFocus={onFocus}>
        <td colSpan={columns.length} className="muted">
          Loading…
        </td>
      </tr>
    );
  return (
    <tr
      data-index={index}
      data-source-id={source.id}
      aria-rowindex={index + 2}
      tabIndex={0}
      className={selected ? 'source-row source-row-selected' : 'source-row'}
      aria-selected={selected}
      onFocus={onFocus}
      onClick={() => onOpen(source.id)}
    >
      <td className="source-publisher">
        <div className="source-clip" title={source.publisher ?? undefined}>
          {source.publisher ?? <span className="muted">—</span>}
        </div>
      </td>
      <td className="source-title">
        <div className="source-clip" title={source.title}>
          {source.title}
          {source.hasArchive && (
            <span className="archive-mark" title="An archived copy is kept in the workspace">
              copy
            </span>
          )}
        </div>
      </td>
      <td className="source-type">
        <div className="source-clip">
          {vocabulary.publisherTypes[source.publisherType]}
          {source.stateAffiliated === 'yes' && (
            <span className="src-state-mark" title="State-affiliated">
              state
            </span>
          )}
        </div>
      </td>
      <td className="source-date">{source.published ?? <span className="muted">—</span>}</td>
      <td>
        <ReliabilityLabel vocabulary={vocabulary} reliability={source.reliability} compact />
      </td>
      <td className="numeric source-claims">{source.claimCount}</td>
    </tr>
  );
}
