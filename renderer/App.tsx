import { bridge } from './bridge';
import { ClaimsView } from './claims/ClaimsView';
import { ErrorNotice } from './common/ErrorNotice';
import { LoadingNotice } from './common/LoadingNotice';
import { useLoadable } from './common/useLoadable';
import { WorkspaceHeader } from './workspace/WorkspaceHeader';

// Module-level so their identity never changes: each is fetched once per window.
const loadSummary = () => bridge().getWorkspaceSummary();
const loadVocabulary = () => bridge().getVocabulary();

export function App() {
  const summary = useLoadable(loadSummary);
  const vocabulary = useLoadable(loadVocabulary);
  return (
    <div className="app">
      <WorkspaceHeader summary={summary} />
      <main className="app-main">
        {vocabulary.value ? (
          <ClaimsView vocabulary={vocabulary.value} />
        ) : vocabulary.error ? (
          <ErrorNotice what="the evidence vocabulary" message={vocabulary.error} />
        ) : (
          <LoadingNotice what="workspace" />
        )}
      </main>
    </div>
  );
}
