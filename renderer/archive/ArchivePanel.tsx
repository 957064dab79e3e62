import { useCallback, useState, type ChangeEvent } from 'react';
import type { SourceDetail } from '../../db/evidence/views';
import { bridge } from '../bridge';
import type { ClaimDraftPrefill } from '../claims/claim-draft';
import { useLoadable } from '../common/useLoadable';
import { cleanMessage } from '../sources/field-errors';
import { ArchiveText } from './ArchiveText';
import { formatBytes, maxArchiveBytes, mediaTypeOf, readAsBase64 } from './read-file';
import './archive.css';

interface ArchivePanelProps {
  source: SourceDetail;
  onChanged: () => void;
  onCaptureClaim: (draft: ClaimDraftPrefill) => void;
}

/** The source's archived copy: kept in the workspace with its SHA-256, read offline, inert. */
export function ArchivePanel({ source, onChanged, onCaptureClaim }: ArchivePanelProps) {
  const archive = source.archive;
  const [replacing, setReplacing] = useState(false);
  const [pasted, setPasted] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      setPasted('');
      setReplacing(false);
      onChanged();
    } catch (failure) {
      setError(cleanMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const attachFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > maxArchiveBytes) {
      setError(`${file.name} is ${formatBytes(file.size)}; the limit for an archived copy is 50 MB.`);
      return;
    }
    void run(async () =>
      bridge().attachArchive({
        sourceId: source.id,
        kind: 'file',
        fileName: file.name,
        mediaType: mediaTypeOf(file),
        base64: await readAsBase64(file),
      }),
    );
  };

  const showAttach = !archive || replacing;
  return (
    <section className="panel-section archive-panel" aria-label="Archived copy">
      <h4>Archived copy</h4>
      {archive && (
        <dl className="archive-meta">
          <dt>Kept</dt>
          <dd>
            {archive.kind === 'text' ? 'Pasted text' : (archive.fileName ?? 'File')} · {archive.mediaType} ·{' '}
            <span className="archive-size">{formatBytes(archive.size)}</span>
            <span className="muted"> · as of {archive.addedAt.slice(0, 10)}</span>
          </dd>
          <dt>SHA-256</dt>
          <dd>
            <code className="archive-hash">{archive.sha256}</code>
          </dd>
        </dl>
      )}
      {archive && !replacing && (
        <div className="archive-actions">
          <button type="button" onClick={() => setReplacing(true)}>
            Replace…
          </button>
          <button type="button" disabled={busy} onClick={() => void run(() => bridge().removeArchive({ sourceId: source.id }))}>
            Remove copy
          </button>
        </div>
      )}
      {showAttach && (
        <div className="archive-attach">
          <p className="muted">
            {archive ? 'Replace the copy' : 'No copy kept yet.'} Attach a file (up to 50 MB) or paste the text of the page.
          </p>
          <label className="file-button">
            <input type="file" className="visually-hidden" aria-label="Attach a file" disabled={busy} onChange={attachFile} />
            Attach file…
          </label>
          <textarea
            className="archive-paste"
            aria-label="Paste the text to keep"
            placeholder="Paste the article text here"
            rows={4}
            value={pasted}
            disabled={busy}
            onChange={(event) => setPasted(event.target.value)}
          />
          <div className="archive-actions">
            <button
              type="button"
              disabled={busy || !pasted.trim()}
              onClick={() => void run(() => bridge().attachArchive({ sourceId: source.id, kind: 'text', text: pasted }))}
            >
              Keep pasted text
            </button>
            {replacing && (
              <button type="button" onClick={() => setReplacing(false)}>
                Cancel
              </button>
            )}
          </div>
        </div>
      )}
      {error && (
        <p className="src-error" role="alert">
          {error}
        </p>
      )}
      {archive && <ArchiveViewer sourceId={source.id} sha256={archive.sha256} onCaptureClaim={onCaptureClaim} />}
    </section>
  );
}

function ArchiveViewer(props: { sourceId: string; sha256: string; onCaptureClaim: (draft: ClaimDraftPrefill) => void }) {
  const { sourceId, sha256, onCaptureClaim } = props;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- sha256: a replaced copy is read again.
  const load = useCallback(() => bridge().getArchive({ sourceId }), [sourceId, sha256]);
  const content = useLoadable(load);
  if (content.error) return <p className="src-error">{content.error}</p>;
  if (!content.value) return <p className="muted">Reading the copy…</p>;
  if (content.value.text === null)
    return <p className="archive-binary">Binary copy kept; preview not available. Its SHA-256 above identifies it.</p>;
  return <ArchiveText sourceId={sourceId} text={content.value.text} onCaptureClaim={onCaptureClaim} />;
}
