import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { ClaimListRow, ClaimSort, Vocabulary } from '../types';
import { ClaimCells } from './ClaimCells';
import type { ClaimWindows } from './useClaimWindows';
import { overscan, rowHeight, scrollHeight, scrollTopFor, topIndex, visibleRows, type Viewport } from './virtual';

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
  /** The claims ticked for a bulk edit, by id: they stay ticked while scrolled out of view. */
  checked: ReadonlySet<string>;
  onToggle: (id: string) => void;
}

/**
 * The claims table, virtualized: only the rows in view (plus a few either side) are in the DOM, each
 * at a fixed height and placed by its index, and the windows they need are fetched as they scroll in.
 * Focus stays on the grid; the arrow keys move the selection (aria-activedescendant), Enter opens it.
 */
export function ClaimsGrid(props: ClaimsGridProps) {
  const { windows, total, vocabulary, selected, onSelect, onOpen, sort, direction, onSort, checked, onToggle } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<Viewport & { jumped?: boolean }>({ scrollTop: 0, height: 600 });

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport({ scrollTop: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A scroll that moved more than a screen since the last one draws no extra rows either side:
  // they would be replaced before they could be seen, and drawing them is what drops frames.
  const screen = viewport.height / rowHeight;
  const { first, last, top } = visibleRows(total, viewport, viewport.jumped ? 0 : overscan);
  // Each row keeps one slot (its index modulo the most rows ever drawn at once) while it stays in
  // view, so a row scrolling in reuses the DOM of one that scrolled out instead of making its own.
  const slots = Math.ceil(screen) + 2 * overscan + 2;
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
    // Space ticks or unticks the selected row, as a click on its box does.
    if (event.key === ' ' && selected >= 0) {
      event.preventDefault();
      const claim = windows.rowAt(selected);
      if (claim) onToggle(claim.id);
      return;
    }
    const next = moves[event.key];
    if (next === undefined || total === 0) return;
    event.preventDefault();
    const index = Math.max(0, Math.min(total - 1, next));
    onSelect(index);
    scrollToRow(index);
  };

  // Rows sit in a band placed once per `bandRows` rows, each at a fixed offset inside it: while
  // scrolling, a row's props stay the same from frame to frame (only the band moves), so React
  // skips every row already drawn and the browser repaints only the rows that came into view.
  const band = first - (first % bandRows);
  const rows = [];
  for (let index = first; index <= last; index++) {
    const claim = windows.rowAt(index);
    rows.push(
      <ClaimRow
        key={index % slots}
        index={index}
        offset={(index - band) * rowHeight}
        claim={claim}
        selected={index === selected}
        // A boolean per row, not the set: ticking one claim redraws that row alone.
        checked={claim !== undefined && checked.has(claim.id)}
        vocabulary={vocabulary}
      />,
    );
  }

  // One handler for every row (by its data-index), so rows need no callbacks of their own.
  const rowIndex = (event: MouseEvent<HTMLDivElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('.claim-row');
    return row?.dataset.index === undefined ? undefined : Number(row.dataset.index);
  };
  const onRowMouseDown = (event: MouseEvent<HTMLDivElement>) => {
    const index = rowIndex(event);
    if (index !== undefined) onSelect(index);
  };
  const onRowClick = (event: MouseEvent<HTMLDivElement>) => {
    const index = rowIndex(event);
    const claim = index === undefined ? undefined : windows.rowAt(index);
    if (index === undefined || !claim) return;
    // A click on a row's box ticks it for a bulk edit; anywhere else opens the claim.
    if ((event.target as HTMLElement).closest('.row-check')) onToggle(claim.id);
    else onOpen(index);
  };

  return (
    <div className="claims-grid" role="grid" aria-rowcount={total + 1} aria-busy={windows.stale}>
      <div className="claims-head" role="row" aria-rowindex={1}>
        <div role="columnheader" className="cell col-check" aria-label="Ticked for editing" />
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
        onScroll={(event) => {
          const next = { scrollTop: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight };
          setViewport((previous) => ({
            ...next,
            jumped: Math.abs(topIndex(total, next) - topIndex(total, previous)) > next.height / rowHeight,
          }));
        }}
      >
        <div
          className="claims-spacer"
          role="rowgroup"
          style={{ height: scrollHeight(total) }}
          onMouseDown={onRowMouseDown}
          onClick={onRowClick}
        >
          <div className="claims-band" role="presentation" style={{ transform: `translateY(${top(band)}px)` }}>
            {rows}
          </div>
        </div>
      </div>
    </div>
  );
}

/** Rows per band: the band moves when the first drawn row crosses a multiple of this. */
const bandRows = 32;

interface ClaimRowProps {
  index: number;
  /** From the top of the band. */
  offset: number;
  claim: ClaimListRow | undefined;
  selected: boolean;
  checked: boolean;
  vocabulary: Vocabulary;
}

/** One row; memoized, so a scroll redraws only the rows whose claim, place, selection or tick changed. */
const ClaimRow = memo(function ClaimRow({ index, offset, claim, selected, checked, vocabulary }: ClaimRowProps) {
  return (
    <div
      id={`claim-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`claim-row${selected ? ' is-selected' : ''}${checked ? ' is-checked' : ''}${claim ? '' : ' is-loading'}`}
      data-claim-id={claim?.id}
      data-index={index}
      style={{ transform: `translateY(${offset}px)` }}
    >
      <div className="cell row-check" role="cell">
        {claim && (
          // Clicks reach it through the grid's one click handler (onRowClick); React only draws its state.
          <input type="checkbox" checked={checked} readOnly tabIndex={-1} aria-label="Tick for editing" />
        )}
      </div>
      {claim ? (
        <ClaimCells claim={claim} vocabulary={vocabulary} />
      ) : (
        <div className="cell claim-placeholder" role="cell">
          Loading…
        </div>
      )}
    </div>
  );
});
