import { useCallback, useState } from 'react';
import { CountryBlocs } from './blocs/CountryBlocs';
import { bridge } from './bridge';
import type { ClaimDraftPrefill } from './claims/claim-draft';
import { ClaimForm, type ClaimFormRequest } from './claims/ClaimForm';
import { ClaimsView, type ClaimRequest } from './claims/ClaimsView';
import { ErrorNotice } from './common/ErrorNotice';
import { LoadingNotice } from './common/LoadingNotice';
import { useLoadable } from './common/useLoadable';
import { ConflictsView } from './conflicts/ConflictsView';
import { GapView } from './gap/GapView';
import { ImportView } from './import/ImportView';
import { ReportsView } from './reports/ReportsView';
import { ScoresView } from './scores/ScoresView';
import { SourcesView } from './sources/SourcesView';
import type { Vocabulary } from './types';
import { WorkspaceHeader } from './workspace/WorkspaceHeader';
import { UnlockWorkspace } from './workspace/UnlockWorkspace';
import { ViewTabs, type ViewName } from './workspace/ViewTabs';

const loadVocabulary = () => bridge().getVocabulary();

export function App() {
  // Goes up after every write, so the header counts, the table window and any open detail refetch.
  const [revision, setRevision] = useState(0);
  const refresh = useCallback(() => setRevision((r) => r + 1), []);
  const loadSummary = useCallback(() => bridge().getWorkspaceSummary(), [revision]); // eslint-disable-line react-hooks/exhaustive-deps
  const summary = useLoadable(loadSummary);
  const vocabulary = useLoadable(loadVocabulary);
  const [view, setView] = useState<ViewName>('claims');
  const [form, setForm] = useState<ClaimFormRequest | null>(null);
  // An object, not an id, so asking for the same claim again still opens it; a deleted claim's panel closes.
  const [claimRequest, setOpenClaim] = useState<ClaimRequest | undefined>(undefined);
  const [focusSourceId, setFocusSourceId] = useState<string | undefined>(undefined);
  const [focusConflict, setFocusConflict] = useState<string | undefined>(undefined);

  const openClaimView = useCallback((id: string) => {
    setOpenClaim({ id, open: true });
    setView('claims');
  }, []);
  const openSource = useCallback((id: string) => {
    setFocusSourceId(id);
    setView('sources');
  }, []);
  const openConflict = useCallback((key: string) => {
    setFocusConflict(key);
    setView('conflicts');
  }, []);
  const captureClaim = useCallback((draft: ClaimDraftPrefill) => setForm({ kind: 'new', draft }), []);

  return (
    <div className="app">
      <WorkspaceHeader summary={summary}>
        <ViewTabs view={view} onChange={setView} />
      </WorkspaceHeader>
      <main className="app-main">
        {vocabulary.value ? (
          <Views
            view={view}
            vocabulary={vocabulary.value}
            revision={revision}
            openClaim={claimRequest}
            focusSourceId={focusSourceId}
            focusConflict={focusConflict}
            onNewClaim={() => setForm({ kind: 'new' })}
            onEditClaim={(id) => setForm({ kind: 'edit', id })}
            onOpenClaim={openClaimView}
            onOpenSource={openSource}
            onOpenConflict={openConflict}
            onCaptureClaim={captureClaim}
            onChanged={refresh}
            workspaceName={summary.value?.name}
          />
        ) : vocabulary.error ? (
          <ErrorNotice what="the evidence vocabulary" message={vocabulary.error} />
        ) : (
          <LoadingNotice what="workspace" />
        )}
      </main>
      {form && vocabulary.value && (
        <ClaimForm
          vocabulary={vocabulary.value}
          request={form}
          onClose={() => setForm(null)}
          onSaved={(id, deleted) => {
            setForm(null);
            refresh();
            setOpenClaim({ id, open: !deleted });
            if (!deleted) setView('claims');
          }}
        />
      )}
      <UnlockWorkspace />
    </div>
  );
}

interface ViewsProps {
  view: ViewName;
  vocabulary: Vocabulary;
  revision: number;
  openClaim: ClaimRequest | undefined;
  focusSourceId: string | undefined;
  focusConflict: string | undefined;
  onNewClaim: () => void;
  onEditClaim: (id: string) => void;
  onOpenClaim: (id: string) => void;
  onOpenSource: (id: string) => void;
  onOpenConflict: (key: string) => void;
  onCaptureClaim: (draft: ClaimDraftPrefill) => void;
  onChanged: () => void;
  workspaceName: string | undefined;
}

/**
 * The eight views; the claims view stays mounted so its filters, scroll and selection survive a visit
 * elsewhere, and so do the scores and reports views once opened, so a claim opened from one does not
 * lose an edit there (a half-written report narrative included).
 */
function Views(props: ViewsProps) {
  const { view, vocabulary, revision } = props;
  const [scoresSeen, setScoresSeen] = useState(false);
  if (view === 'scores' && !scoresSeen) setScoresSeen(true);
  const [reportsSeen, setReportsSeen] = useState(false);
  if (view === 'reports' && !reportsSeen) setReportsSeen(true);
  return (
    <>
      {view === 'gap' && (
        <div className="view-slot">
          <GapView
            vocabulary={vocabulary}
            revision={revision}
            workspaceName={props.workspaceName}
            onOpenClaims={(ids) => {
              if (ids[0]) props.onOpenClaim(ids[0]);
            }}
          />
        </div>
      )}
      {scoresSeen && (
        <div className="view-slot" hidden={view !== 'scores'}>
          <ScoresView
            vocabulary={vocabulary}
            revision={revision}
            workspaceName={props.workspaceName}
            onOpenClaims={(ids) => {
              if (ids[0]) props.onOpenClaim(ids[0]);
            }}
          />
        </div>
      )}
      {reportsSeen && (
        <div className="view-slot" hidden={view !== 'reports'}>
          <ReportsView vocabulary={vocabulary} revision={revision} />
        </div>
      )}
      <div className="view-slot" hidden={view !== 'claims'}>
        <ClaimsView
          vocabulary={vocabulary}
          active={view === 'claims'}
          revision={revision}
          openClaim={props.openClaim}
          onNewClaim={props.onNewClaim}
          onEditClaim={props.onEditClaim}
          onOpenSource={props.onOpenSource}
          onOpenConflict={props.onOpenConflict}
          onChanged={props.onChanged}
        />
      </div>
      {view === 'sources' && (
        <div className="view-slot">
          <SourcesView
            vocabulary={vocabulary}
            onOpenClaim={props.onOpenClaim}
            onCaptureClaim={props.onCaptureClaim}
            focusSourceId={props.focusSourceId}
          />
        </div>
      )}
      {view === 'conflicts' && (
        <div className="view-slot">
          <ConflictsView
            vocabulary={vocabulary}
            revision={revision}
            focusKey={props.focusConflict}
            onOpenClaim={props.onOpenClaim}
            onChanged={props.onChanged}
          />
        </div>
      )}
      {view === 'countries' && (
        <div className="view-slot">
          <CountryBlocs revision={revision} onChanged={props.onChanged} />
        </div>
      )}
      {view === 'import' && (
        <div className="view-slot">
          <ImportView vocabulary={vocabulary} onImported={props.onChanged} />
        </div>
      )}
    </>
  );
}
