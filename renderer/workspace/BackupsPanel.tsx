import { useCallback, useState } from 'react';
import type { OperationOutput } from '../../db/api';
import { bridge } from '../bridge';
import { messageOf } from '../common/errors';
import { Modal } from '../common/Modal';
import { formatCount } from '../common/numbers';
import { useLoadable } from '../common/useLoadable';
import './backups.css';

type Listed = OperationOutput<'listBackups'>;
type Backup = Listed['backups'][number];

const kindLabels: Record<Backup['kind'], string> = {
  'before-migration': 'Before upgrade',
  'before-import': 'Before import',
  scheduled: 'Automatic',
  manual: 'Backed up by hand',
  'before-restore': 'Before restore',
};

/** "2026-11-27 09:04:12 UTC": to the second, as two backups can be taken within a minute. */
function formatTimestamp(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function holds(backup: Backup): string {
  if (backup.problem) return `Cannot be read: ${backup.problem}`;
  if (backup.claims === undefined) return 'Encrypted';
  return `${formatCount(backup.claims, 'claim')} · ${formatCount(backup.sources ?? 0, 'source')}`;
}

/** The header's Backups button and the dialog it opens. */
export function BackupsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="backups-button" onClick={() => setOpen(true)}>
        Backups
      </button>
      {open && <BackupsPanel onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * The workspace's backups, newest first, with Back up now and Restore. A restore replaces the whole
 * workspace, so closing the dialog afterwards reloads the page: every view reads the restored file.
 */
export function BackupsPanel({ onClose }: { onClose: () => void }) {
  const [revision, setRevision] = useState(0);
  const load = useCallback(() => bridge().listBackups(), [revision]); // eslint-disable-line react-hooks/exhaustive-deps
  const listed = useLoadable(load);
  const [confirming, setConfirming] = useState<Backup | undefined>(undefined);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [restored, setRestored] = useState(false);

  const close = () => {
    if (restored) window.location.reload();
    else onClose();
  };

  const backUpNow = async () => {
    setWorking(true);
    setError(undefined);
    try {
      const taken = await bridge().backUpNow();
      setNotice(`Backed up: ${holds(taken)}.`);
      setRevision((r) => r + 1);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setWorking(false);
    }
  };

  const restore = async (backup: Backup) => {
    setWorking(true);
    setError(undefined);
    try {
      const outcome = await bridge().restoreBackup({ backup: backup.name });
      setRestored(true);
      setConfirming(undefined);
      setNotice(
        `Restored the backup of ${formatTimestamp(backup.takenAt)}. The workspace as it was just before is kept as ${outcome.safetyBackup ?? 'a backup'}.`,
      );
      setRevision((r) => r + 1);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setWorking(false);
    }
  };

  const backups = listed.value?.backups ?? [];
  return (
    <Modal title="Backups" onClose={close} wide>
      <div className="backups-panel">
        <p className="backups-intro">
          Chokepoint backs the workspace up before every import and upgrade, and every 30 minutes while it changes. Backups are
          kept in <span className="backups-folder">{listed.value?.folder ?? '…'}</span>.
        </p>
        <div className="backups-actions">
          <button type="button" className={restored ? undefined : 'primary'} disabled={working} onClick={() => void backUpNow()}>
            Back up now
          </button>
          {restored && (
            <button type="button" className="primary" onClick={close}>
              Show the restored workspace
            </button>
          )}
        </div>
        {notice && (
          <p className="backups-notice" role="status">
            {notice}
          </p>
        )}
        {error && (
          <p className="backups-error" role="alert">
            {error}
          </p>
        )}
        {confirming && (
          <div className="backups-confirm" role="alertdialog" aria-label="Restore this backup?">
            <p>
              Replace the workspace with the backup of <strong>{formatTimestamp(confirming.takenAt)}</strong> ({holds(confirming)}
              )? The workspace as it is now is backed up first, so this restore can itself be undone.
            </p>
            <div className="backups-actions">
              <button type="button" className="danger" disabled={working} onClick={() => void restore(confirming)}>
                Restore
              </button>
              <button type="button" disabled={working} onClick={() => setConfirming(undefined)}>
                Cancel
              </button>
            </div>
          </div>
        )}
        {listed.error && (
          <p className="backups-error" role="alert">
            {listed.error}
          </p>
        )}
        {listed.value && backups.length === 0 && <p className="backups-empty">No backups yet.</p>}
        {backups.length > 0 && (
          <table className="backups-table">
            <thead>
              <tr>
                <th scope="col">Taken</th>
                <th scope="col">Kind</th>
                <th scope="col">Holds</th>
                <th scope="col" className="numeric">
                  Size
                </th>
                <th scope="col">
                  <span className="visually-hidden">Restore</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {backups.map((backup) => (
                <tr key={backup.name} title={backup.name}>
                  <td>{formatTimestamp(backup.takenAt)}</td>
                  <td>{kindLabels[backup.kind]}</td>
                  <td>{holds(backup)}</td>
                  <td className="numeric">{sizeText(backup.bytes)}</td>
                  <td>
                    <button
                      type="button"
                      disabled={working || backup.problem !== undefined}
                      aria-label={`Restore the backup of ${formatTimestamp(backup.takenAt)}`}
                      onClick={() => {
                        setNotice(undefined);
                        setConfirming(backup);
                      }}
                    >
                      Restore…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Modal>
  );
}
