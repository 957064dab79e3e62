import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ClaimSort, Vocabulary } from '../types';
import { ClaimCells } from './ClaimCells';
import type { ClaimWindows } from './useClaimWindows';
import { rowHeight, scrollHeight, scrollTopFor, topIndex, visibleRows, type Viewport } from './virtual';

interface Column {
  label: string;
  className: string;
  sort?: ClaimSort;
}

const columns: Column[] = [
  { label: 'Claim', className: 'col-statement', sort: 'statement' },
  { label: 'Stage', className: 'col-stage', sort: 'stage' },
  { label: 'Country · entity', className: 'col-country', sort: 'country' },
  { label: 'Figure', className: 'col-figure numeric', sort: 'value' },
  { label: 'Year', className: 'col-year numeric', sort: 'year' },
  { label: 'Evidence', className: 'col-evidence' },
  { label: 'Sources · grade', className: 'col-sources', sort: 'credibility' },
];

interface ClaimsGridProps {
  windows: ClaimWindows;
  total: number;
  vocabulary: Vocabulary;
  selected: number;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
  sort: ClaimSort;
  direction: 'asc' | 'desc';
  onSort: (sort: ClaimSort) => void;
}

/**
 * The claims table, virtualized: only the rows in view (plus a few either side) are in the DOM, each
 * at a fixed height and placed by its index, and the windows they need are fetched as they scroll in.
 * Focus stays on the grid; the arrow keys move the selection (aria-activedescendant), Enter opens it.
 */
export function ClaimsGrid(props: ClaimsGridProps) {
  const { windows, total, vocabulary, selected, onSelect, onOpen, sort, direction, onSort } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<Viewport>({ scrollTop: 0, height: 600 });

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport({ scrollTop: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const { first, last, top } = visibleRows(total, viewport);
  const { ensure } = windows;
  useEffect(() => ensure(first, last), [ensure, first, last]);

  // Keeps the selected row in view when the keyboard moves it.
  const visibleCount = Math.max(1, Math.floor(viewport.height / rowHeight));
  const scrollToRow = (index: number) => {
    const element = scroller.current;
    if (!element) return;
    const at = topIndex(total, { scrollTop: element.scrollTop, height: element.clientHeight });
    const rowsInView = element.clientHeight / rowHeight;
    let target: number | undefined;
    if (index < at) target = index;
    else if (index + 1 > at + rowsInView) target = index + 1 - rowsInView;
    if (target !== undefined) element.scrollTop = scrollTopFor(total, element.clientHeight, target);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: selected + 1,
      ArrowUp: selected - 1,
      PageDown: selected + visibleCount - 1,
      PageUp: selected - visibleCount + 1,
      Home: 0,
      End: total - 1,
    };
    if (event.key === 'Enter' && selected >= 0) {
      event.preventDefault();
      onOpen(selected);
      return;
    }
    const next = moves[event.key];
    if (next === undefined || total === 0) return;
    event.preventDefault();
    const index = Math.max(0, Math.min(total - 1, next));
    onSelect(index);
    scrollToRow(index);
  };

  const rows = [];
  for (let index = first; index <= last; index++) {
    const claim = windows.rowAt(index);
    const isSelected = index === selected;
    rows.push(
      <div
        key={index}
        id={`claim-row-${index}`}
        role="row"
        aria-rowindex={index + 2}
        aria-selected={isSelected}
        className={`claim-row${isSelected ? ' is-selected' : ''}${claim ? '' : ' is-loading'}`}
        data-claim-id={claim?.id}
        style={{ transform: `translateY(${top(index)}px)` }}
        onMouseDown={() => onSelect(index)}
        onClick={() => claim && onOpen(index)}
      >
        {claim ? (
          <ClaimCells claim={claim} vocabulary={vocabulary} />
        ) : (
          <div className="cell claim-placeholder" role="cell">
            Loading…
          </div>
        )}
      </div>,
    );
  }

  return (
    <div className="claims-grid" role="grid" aria-rowcount={total + 1} aria-busy={windows.stale}>
      <div className="claims-head" role="row" aria-rowindex={1}>
        {columns.map((column) => {
          const active = column.sort !== undefined && column.sort === sort;
          return (
            <div
              key={column.label}
              role="columnheader"
              className={`cell ${column.className}`}
              aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {column.sort ? (
                <button type="button" className="sort-button" onClick={() => onSort(column.sort!)}>
                  {column.label}
                  {/* Beside the label, outside the column's alignment line, so headers stay over their numbers. */}
                  <span className="sort-arrow" aria-hidden="true">
                    {active ? (direction === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              ) : (
                column.label
              )}
            </div>
          );
        })}
      </div>
      <div
        ref={scroller}
        className="claims-scroll"
        tabIndex={0}
        aria-label="Claims"
        aria-activedescendant={selected >= first && selected <= last ? `claim-row-${selected}` : undefined}
        onKeyDown={onKeyDown}
        onScroll={(event) => setViewport({ scrollTop: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight })}
      >
        <div className="claims-spacer" role="rowgroup" style={{ height: scrollHeight(total) }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
