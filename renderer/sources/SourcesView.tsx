import { useEffect, useMemo, useState } from 'react';
import type { PublisherType, Reliability } from '../../db/evidence/vocabulary';
import type { ClaimDraftPrefill } from '../claims/claim-draft';
import { ErrorNotice } from '../common/ErrorNotice';
import { LoadingNotice } from '../common/LoadingNotice';
import { formatCount } from '../common/numbers';
import type { Vocabulary } from '../types';
import { SourceDetailPanel } from './SourceDetailPanel';
import { SourceFilters } from './SourceFilters';
import { SourceForm } from './SourceForm';
import { SourcesTable, type SortDirection, type SourceSort } from './SourcesTable';
import { useSourceWindows } from './useSourceWindows';
import './sources.css';

export interface SourcesViewProps {
  vocabulary: Vocabulary;
  onOpenClaim: (id: string) => void;
  onCaptureClaim: (draft: ClaimDraftPrefill) => void;
  /** A source to open on arrival, e.g. from a claim's citation. */
  focusSourceId?: string;
}

type Panel = { mode: 'none' } | { mode: 'detail'; id: string } | { mode: 'edit'; id: string } | { mode: 'create' };

export function SourcesView({ vocabulary, onOpenClaim, onCaptureClaim, focusSourceId }: SourcesViewProps) {
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [publisherType, setPublisherType] = useState<PublisherType | undefined>(undefined);
  const [reliability, setReliability] = useState<Reliability[]>([]);
  const [sort, setSort] = useState<SourceSort>('publisher');
  const [direction, setDirection] = useState<SortDirection>('asc');
  const [panel, setPanel] = useState<Panel>(focusSourceId ? { mode: 'detail', id: focusSourceId } : { mode: 'none' });
  // Bumped after every write so the table, the detail and the derived-from picker read again.
  const [version, setVersion] = useState(0);

  // A new focus from elsewhere in the app (a claim's citation) opens that source, once per change.
  const [focused, setFocused] = useState(focusSourceId);
  if (focusSourceId !== focused) {
    setFocused(focusSourceId);
    if (focusSourceId) setPanel({ mode: 'detail', id: focusSourceId });
  }

  // Typing should not send a query per keystroke; a short pause is enough to feel immediate.
  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(searchText.trim()), 180);
    return () => window.clearTimeout(timer);
  }, [searchText]);

  const query = useMemo(
    () => ({
      sort,
      direction,
      ...(search ? { search } : {}),
      ...(publisherType ? { publisherType } : {}),
      ...(reliability.length ? { reliability } : {}),
    }),
    [search, publisherType, reliability, sort, direction],
  );
  // Fetched window by window as the table scrolls; `version` re-reads them in place after a write.
  const windows = useSourceWindows(query, version);
  const total = windows.total;

  const changeSort = (next: SourceSort) => {
    if (next === sort) setDirection(direction === 'asc' ? 'desc' : 'asc');
    else {
      setSort(next);
      setDirection(next === 'claims' ? 'desc' : 'asc');
    }
  };

  const selectedId = panel.mode === 'detail' || panel.mode === 'edit' ? panel.id : undefined;
  const filtered = !!search || !!publisherType || reliability.length > 0;
  const saved = (id: string) => {
    setVersion((v) => v + 1);
    setPanel({ mode: 'detail', id });
  };

  return (
    <section className="sources-view" aria-labelledby="sources-heading">
      <div className="sources-toolbar">
        <h2 id="sources-heading">Sources</h2>
        <SourceFilters
          vocabulary={vocabulary}
          search={searchText}
          onSearch={setSearchText}
          publisherType={publisherType}
          onPublisherType={setPublisherType}
          reliability={reliability}
          onReliability={setReliability}
        />
        <span className="sources-count" role="status">
          {total === undefined ? '' : formatCount(total, 'source')}
        </span>
        <button type="button" className="primary-button" onClick={() => setPanel({ mode: 'create' })}>
          New source
        </button>
      </div>
      <div className="sources-body">
        <div className="sources-main">
          {windows.error ? (
            <ErrorNotice what="the sources" message={windows.error} />
          ) : total === undefined ? (
            <LoadingNotice what="sources" />
          ) : total === 0 ? (
            <p className="sources-empty">
              {filtered ? 'No source matches these filters.' : 'This workspace has no sources yet.'}
            </p>
          ) : (
            <SourcesTable
              windows={windows}
              total={total}
              vocabulary={vocabulary}
              selectedId={selectedId}
              sort={sort}
              direction={direction}
              onSort={changeSort}
              onOpen={(id) => setPanel({ mode: 'detail', id })}
            />
          )}
        </div>
        {panel.mode !== 'none' && (
          <aside className="source-panel" aria-label={panel.mode === 'create' ? 'New source' : 'Source'}>
            {panel.mode === 'detail' ? (
              <SourceDetailPanel
                key={panel.id}
                id={panel.id}
                version={version}
                vocabulary={vocabulary}
                onOpenSource={(id) => setPanel({ mode: 'detail', id })}
                onOpenClaim={onOpenClaim}
                onCaptureClaim={onCaptureClaim}
                onEdit={() => setPanel({ mode: 'edit', id: panel.id })}
                onChanged={() => setVersion((v) => v + 1)}
                onDeleted={() => {
                  setVersion((v) => v + 1);
                  setPanel({ mode: 'none' });
                }}
                onClose={() => setPanel({ mode: 'none' })}
              />
            ) : (
              <SourceForm
                key={panel.mode === 'edit' ? `edit-${panel.id}` : 'create'}
                vocabulary={vocabulary}
                editId={panel.mode === 'edit' ? panel.id : undefined}
                version={version}
                onSaved={saved}
                onCancel={() => setPanel(panel.mode === 'edit' ? { mode: 'detail', id: panel.id } : { mode: 'none' })}
              />
            )}
          </aside>
        )}
      </div>
    </section>
  );
}
