import type { ReactNode } from 'react';
import type { Loadable } from '../common/useLoadable';
import { formatCount } from '../common/numbers';
import type { WorkspaceSummary } from '../types';
import { BackupsButton } from './BackupsPanel';
import './workspace.css';

/** The top bar: which workspace is open and how much evidence it holds. */
export function WorkspaceHeader({ summary, children }: { summary: Loadable<WorkspaceSummary>; children?: ReactNode }) {
  const workspace = summary.value;
  return (
    <header className="workspace-header">
      <span className="app-name">Chokepoint</span>
      {workspace ? (
        <>
          <div className="workspace-identity">
            <h1 className="workspace-name">{workspace.name}</h1>
            <span className="workspace-file" title={`Schema version ${workspace.schemaVersion}`}>
              {workspace.file}
            </span>
          </div>
          {children}
          <dl className="workspace-counts">
            <div>
              <dt className="visually-hidden">Sources</dt>
              <dd>{formatCount(workspace.sources, 'source')}</dd>
            </div>
            <div>
              <dt className="visually-hidden">Claims</dt>
              <dd>{formatCount(workspace.claims, 'claim')}</dd>
            </div>
          </dl>
          <BackupsButton />
        </>
      ) : summary.error ? (
        <span className="workspace-error" role="alert">
          {summary.error}
        </span>
      ) : (
        <span className="workspace-loading" role="status">
          Opening workspace…
        </span>
      )}
    </header>
  );
}
