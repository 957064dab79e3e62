import { useCallback, useState, type ReactNode } from 'react';
import { ArchivePanel } from '../archive/ArchivePanel';
import { bridge } from '../bridge';
import { HistoryPanel } from '../history/HistoryPanel';
import type { ClaimDraftPrefill } from '../claims/claim-draft';
import { ErrorNotice } from '../common/ErrorNotice';
import { LoadingNotice } from '../common/LoadingNotice';
import { useLoadable } from '../common/useLoadable';
import type { Vocabulary } from '../types';
import { cleanMessage } from './field-errors';
import { ReliabilityLabel } from './ReliabilityLabel';
import { useSourceNames } from './useSourceNames';

interface SourceDetailPanelProps {
  id: string;
  version: number;
  vocabulary: Vocabulary;
  onOpenSource: (id: string) => void;
  onOpenClaim: (id: string) => void;
  onCaptureClaim: (draft: ClaimDraftPrefill) => void;
  onEdit: () => void;
  onChanged: () => void;
  onDeleted: () => void;
  onClose: () => void;
}

const affiliation = { yes: 'Yes', no: 'No', unknown: 'Unknown' } as const;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

const none = <span className="muted">—</span>;

export function SourceDetailPanel(props: SourceDetailPanelProps) {
  const { id, version, vocabulary, onOpenSource, onOpenClaim, onCaptureClaim, onEdit, onChanged, onDeleted, onClose } = props;
  const [localVersion, setLocalVersion] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- versions: re-read after a write.
  const load = useCallback(() => bridge().getSource({ id }), [id, version, localVersion]);
  const detail = useLoadable(load);
  const names = useSourceNames(version);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | undefined>(undefined);
  const [deleting, setDeleting] = useState(false);

  const remove = async () => {
    setDeleting(true);
    setDeleteError(undefined);
    try {
      await bridge().deleteSource({ id });
      onDeleted();
    } catch (error) {
      setDeleteError(cleanMessage(error));
      setConfirming(false);
    } finally {
      setDeleting(false);
    }
  };

  if (detail.error) return <ErrorNotice what="this source" message={detail.error} />;
  const source = detail.value;
  if (!source) return <LoadingNotice what="source" />;

  const derivedTitle = (parent: string) => names.find((n) => n.id === parent)?.title;

  return (
    <div className="source-detail">
      <header className="panel-header">
        <div>
          <p className="panel-kicker">{source.publisher ?? vocabulary.publisherTypes[source.publisherType]}</p>
          <h3>{source.title}</h3>
        </div>
        <div className="panel-actions">
          <button type="button" onClick={onEdit}>
            Edit
          </button>
          <button type="button" onClick={() => setConfirming(true)} disabled={confirming}>
            Delete…
          </button>
          <button type="button" className="close-button" aria-label="Close source" onClick={onClose}>
            ×
          </button>
        </div>
      </header>

      {confirming && (
        <div className="confirm-bar" role="alertdialog" aria-label="Confirm delete">
          <span>Delete this source? Its history stays in the audit log.</span>
          <button type="button" className="danger-button" onClick={() => void remove()} disabled={deleting}>
            Delete source
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {deleteError && (
        <div className="src-error" role="alert">
          {deleteError}
        </div>
      )}

      <dl className="source-fields">
        <Field label="Reliability">
          <ReliabilityLabel vocabulary={vocabulary} reliability={source.reliability} />
          {source.reliabilityReason && <p className="field-note">{source.reliabilityReason}</p>}
        </Field>
        <Field label="Publisher">{source.publisher ?? none}</Field>
        <Field label="Publisher type">{vocabulary.publisherTypes[source.publisherType]}</Field>
        <Field label="Origin country">{source.originCountry ?? none}</Field>
        <Field label="State-affiliated">{affiliation[source.stateAffiliated]}</Field>
        <Field label="Published">{source.published ? <span className="date">{source.published}</span> : none}</Field>
        <Field label="Accessed">{source.accessed ? <span className="date">as of {source.accessed}</span> : none}</Field>
        <Field label="URL">
          {/* Text only, selectable for copying: Chokepoint never opens the network. */}
          {source.url ? <code className="source-url">{source.url}</code> : none}
        </Field>
        <Field label="Retrieved via">{source.retrievedVia ?? none}</Field>
        <Field label="Notes">{source.notes ? <p className="source-notes">{source.notes}</p> : none}</Field>
      </dl>

      <section className="panel-section" aria-label="Derivation">
        <h4>Derived from</h4>
        {source.derivedFrom.length === 0 ? (
          <p className="muted">Nothing: this source is its own origin.</p>
        ) : (
          <ul className="link-list">
            {source.derivedFrom.map((parent) => (
              <li key={parent}>
                <button type="button" className="src-link" onClick={() => onOpenSource(parent)}>
                  {derivedTitle(parent) ?? parent}
                </button>
              </li>
            ))}
          </ul>
        )}
        {source.derivedFrom.length > 0 && (
          <>
            <h4>Rests on origins</h4>
            <ul className="link-list">
              {source.origins.map((origin) => (
                <li key={origin.id}>
                  <button type="button" className="src-link" onClick={() => onOpenSource(origin.id)}>
                    {origin.title}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        <h4>Derived by</h4>
        {source.derivedBy.length === 0 ? (
          <p className="muted">No source relays this one.</p>
        ) : (
          <ul className="link-list">
            {source.derivedBy.map((child) => (
              <li key={child.id}>
                <button type="button" className="src-link" onClick={() => onOpenSource(child.id)}>
                  {child.title}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel-section" aria-label="Cited by">
        <h4>Cited by {source.citedBy.length === 1 ? '1 claim' : `${source.citedBy.length} claims`}</h4>
        {source.citedBy.length === 0 ? (
          <p className="muted">No claim cites this source.</p>
        ) : (
          <ul className="link-list cited-by">
            {source.citedBy.map((claim) => (
              <li key={claim.id}>
                <button type="button" className="src-link" onClick={() => onOpenClaim(claim.id)}>
                  {claim.statement}
                </button>
                {claim.stance === 'contradicts' && <span className="stance-mark">contradicts</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <ArchivePanel
        source={source}
        onChanged={() => {
          setLocalVersion((v) => v + 1);
          onChanged();
        }}
        onCaptureClaim={onCaptureClaim}
      />

      <details className="panel-section source-history">
        <summary>
          <h4>History</h4>
        </summary>
        <HistoryPanel entityType="source" entityId={id} revision={version + localVersion} />
      </details>
    </div>
  );
}
