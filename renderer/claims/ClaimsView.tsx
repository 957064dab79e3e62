import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { bridge } from '../bridge';
import { ErrorNotice } from '../common/ErrorNotice';
import { LoadingNotice } from '../common/LoadingNotice';
import { formatCount, formatNumber } from '../common/numbers';
import { useLoadable } from '../common/useLoadable';
import type { ClaimSort, Vocabulary } from '../types';
import { messageOf } from '../common/errors';
import { BulkEditForm } from './BulkEditForm';
import { ClaimDetailPanel } from './ClaimDetailPanel';
import { ClaimFilters, type ClaimFilterState } from './ClaimFilters';
import { ClaimsGrid } from './ClaimsGrid';
import { useClaimWindows } from './useClaimWindows';
import './claims.css';

/** Long enough to wait out a word being typed, short enough to feel immediate. */
const searchDelayMs = 150;

/** Asks the view to show a claim in its detail panel (open) or to close it there (it was deleted). */
export interface ClaimRequest {
  id: string;
  open: boolean;
}

interface ClaimsViewProps {
  vocabulary: Vocabulary;
  /** Whether the view is on screen: it stays mounted behind other views, but its shortcuts must not. */
  active: boolean;
  /** Goes up after every write anywhere in the app: the visible rows and the detail are refetched. */
  revision: number;
  /** A claim to show in the detail panel, asked for from another view (e.g. a source's citing claims). */
  openClaim: ClaimRequest | undefined;
  onNewClaim: () => void;
  onEditClaim: (id: string) => void;
  onOpenSource: (id: string) => void;
  onOpenConflict: (key: string) => void;
  /** Called after a bulk edit, so every view refetches (App's revision). */
  onChanged?: () => void;
}

const noneTicked: ReadonlySet<string> = new Set();

export function ClaimsView(props: ClaimsViewProps) {
  const { vocabulary, active, revision, openClaim, onNewClaim, onEditClaim, onOpenSource, onOpenConflict, onChanged } = props;
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<ClaimFilterState>({});
  const [sortChoice, setSortChoice] = useState<{ sort: ClaimSort; direction: 'asc' | 'desc' } | null>(null);
  const [selected, setSelected] = useState(-1);
  const [detailId, setDetailId] = useState<string | undefined>(openClaim?.open ? openClaim.id : undefined);
  const searchRef = useRef<HTMLInputElement>(null);
  // Claims ticked for a bulk edit, by id; the bulk edit form while it is open; what the last one did.
  const [ticked, setTicked] = useState<ReadonlySet<string>>(noneTicked);
  const [editing, setEditing] = useState(false);
  const [bulkNote, setBulkNote] = useState<string | null>(null);
  const [tickingAll, setTickingAll] = useState(false);

  const loadFacets = useCallback(() => bridge().listFacets(), [revision]); // eslint-disable-line react-hooks/exhaustive-deps
  const facets = useLoadable(loadFacets);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchText.trim()), searchDelayMs);
    return () => clearTimeout(timer);
  }, [searchText]);

  // Searching ranks by relevance until the analyst picks a column to sort by.
  const sort = sortChoice ?? { sort: search ? 'relevance' : 'stage', direction: 'asc' };
  const query = useMemo(
    () => ({ ...filters, ...(search ? { search } : {}), sort: sort.sort, direction: sort.direction }),
    [filters, search, sort.sort, sort.direction],
  );
  const windows = useClaimWindows(query, revision);
  // A new query starts with nothing selected; a claim asked for from elsewhere opens in the panel.
  // Both are adjusted while rendering (React's pattern for state that follows a prop), not in effects.
  const queryKey = JSON.stringify(query);
  const [seen, setSeen] = useState({ queryKey, openClaim });
  if (seen.queryKey !== queryKey || seen.openClaim !== openClaim) {
    if (seen.queryKey !== queryKey) {
      setSelected(-1);
      // Ticks belong to the filter they were made under: a bulk edit never reaches claims out of view.
      setTicked(noneTicked);
      setBulkNote(null);
    }
    if (seen.openClaim !== openClaim && openClaim?.open) setDetailId(openClaim.id);
    if (seen.openClaim !== openClaim && openClaim && !openClaim.open && detailId === openClaim.id) setDetailId(undefined);
    setSeen({ queryKey, openClaim });
  }

  // "/" jumps to the search box from anywhere in the view; Esc closes the detail panel.
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
      if (event.key === '/' && !typing && !document.querySelector('.modal')) {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (event.key === 'Escape' && !document.querySelector('.modal')) {
        setDetailId(undefined);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);

  const select = (index: number) => {
    setSelected(index);
    if (detailId) {
      const claim = windows.rowAt(index);
      if (claim) setDetailId(claim.id);
    }
  };
  const open = (index: number) => {
    setSelected(index);
    const claim = windows.rowAt(index);
    if (claim) setDetailId(claim.id);
  };
  const chooseSort = (column: ClaimSort) =>
    setSortChoice(
      sort.sort === column
        ? { sort: column, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
        : { sort: column, direction: 'asc' },
    );
  const onSearch = (text: string) => {
    setSearchText(text);
    setSortChoice(null);
  };

  const toggle = useCallback((id: string) => {
    setBulkNote(null);
    setTicked((previous) => {
      const next = new Set(previous);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  // The ids come from the database process: "all matching" may be far more claims than are loaded.
  const tickAllMatching = async () => {
    setTickingAll(true);
    setBulkNote(null);
    try {
      const { ids, total: matching, limit } = await bridge().listClaimIds(query);
      if (ids.length === 0 && matching > limit)
        setBulkNote(
          `${formatNumber(matching)} claims match; one edit changes at most ${formatNumber(limit)}. Narrow the filters.`,
        );
      else setTicked(new Set(ids));
    } catch (failure) {
      setBulkNote(messageOf(failure));
    } finally {
      setTickingAll(false);
    }
  };

  const total = windows.total;
  const filtered = Object.keys(filters).length > 0 || search.length > 0;

  return (
    <section className="claims-view" aria-labelledby="claims-heading">
      <div className="view-toolbar">
        <h2 id="claims-heading">Claims</h2>
        <span className="claims-count" role="status">
          {total === undefined ? 'Counting…' : filtered ? `${formatNumber(total)} matching` : formatCount(total, 'claim')}
          {search && sort.sort === 'relevance' && <span className="claims-sorted"> · by relevance</span>}
        </span>
        <span className="toolbar-hint">↑↓ PgUp PgDn Home End move · Enter opens · / searches · Esc closes</span>
        <button type="button" className="primary" onClick={onNewClaim}>
          New claim
        </button>
      </div>
      <ClaimFilters
        vocabulary={vocabulary}
        facets={facets.value}
        search={searchText}
        onSearch={onSearch}
        searchRef={searchRef}
        filters={filters}
        onChange={setFilters}
      />
      {total !== undefined && total > 0 && (
        <div className="bulk-bar" role="group" aria-label="Bulk edit">
          <span className="bulk-count">
            {ticked.size > 0 ? `${formatCount(ticked.size, 'claim')} ticked` : 'Tick claims to edit them together'}
          </span>
          {ticked.size < total && (
            <button type="button" disabled={tickingAll} onClick={() => void tickAllMatching()}>
              {filtered ? `Tick all ${formatNumber(total)} matching` : `Tick all ${formatNumber(total)}`}
            </button>
          )}
          {ticked.size > 0 && (
            <>
              <button type="button" className="primary" onClick={() => setEditing(true)}>
                Edit {formatCount(ticked.size, 'claim')}…
              </button>
              <button type="button" onClick={() => setTicked(noneTicked)}>
                Clear ticks
              </button>
            </>
          )}
          {bulkNote && (
            <span className="bulk-note" role="status">
              {bulkNote}
            </span>
          )}
        </div>
      )}
      <div className={`claims-body${detailId ? ' with-detail' : ''}`}>
        <div className="claims-main">
          {windows.error ? (
            <ErrorNotice what="the claims" message={windows.error} />
          ) : total === undefined ? (
            <LoadingNotice what="claims" />
          ) : total === 0 ? (
            <p className="claims-empty">{filtered ? 'No claim matches these filters.' : 'This workspace has no claims yet.'}</p>
          ) : (
            <ClaimsGrid
              windows={windows}
              total={total}
              vocabulary={vocabulary}
              selected={selected}
              onSelect={select}
              onOpen={open}
              sort={sort.sort}
              direction={sort.direction}
              onSort={chooseSort}
              checked={ticked}
              onToggle={toggle}
            />
          )}
        </div>
        {detailId && (
          <ClaimDetailPanel
            id={detailId}
            vocabulary={vocabulary}
            revision={revision}
            onClose={() => setDetailId(undefined)}
            onEdit={onEditClaim}
            onOpenSource={onOpenSource}
            onOpenConflict={onOpenConflict}
          />
        )}
      </div>
      {editing && (
        <BulkEditForm
          vocabulary={vocabulary}
          ids={[...ticked]}
          onClose={() => setEditing(false)}
          onDone={(updated) => {
            setEditing(false);
            setTicked(noneTicked);
            setBulkNote(`Updated ${formatCount(updated, 'claim')}.`);
            onChanged?.();
          }}
        />
      )}
    </section>
  );
}
