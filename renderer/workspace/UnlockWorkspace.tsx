import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { bridge } from '../bridge';
import { messageOf } from '../common/errors';
import { currentLock, lockedFileOf, subscribeToLock } from './workspace-lock';
import '../common/modal.css';
import './unlock.css';

/** The desktop app has a File menu to open another workspace; the browser preview has none. */
const inDesktopApp = /\bElectron\//.test(navigator.userAgent);

/**
 * The passphrase prompt of an encrypted workspace, over the whole window while it is locked. It
 * cannot be dismissed: nothing in the workspace can be read until it is unlocked. The passphrase is
 * read from the field (never kept in React state), the field is emptied as it is sent, and the page
 * reloads on success so that every view reads the unlocked workspace from scratch.
 */
export function UnlockWorkspace() {
  const locked = useSyncExternalStore(subscribeToLock, currentLock);
  if (locked === undefined) return null;
  return <UnlockPrompt message={locked} />;
}

function UnlockPrompt({ message }: { message: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const file = lockedFileOf(message) ?? 'This workspace';

  useEffect(() => input.current?.focus(), []);

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    const field = input.current;
    if (!field || working) return;
    const passphrase = field.value;
    field.value = '';
    if (passphrase.length === 0) {
      setError('Enter the passphrase.');
      field.focus();
      return;
    }
    setWorking(true);
    setError(undefined);
    try {
      await bridge().unlockWorkspace({ passphrase });
      window.location.reload();
    } catch (failure) {
      setError(messageOf(failure));
      setWorking(false);
      // After the re-render that enables the field again.
      setTimeout(() => input.current?.focus(), 0);
    }
  };

  return (
    <div className="modal-backdrop unlock-backdrop">
      <form
        className="modal unlock-workspace"
        role="dialog"
        aria-modal="true"
        aria-label="Unlock workspace"
        onSubmit={(event) => void unlock(event)}
      >
        <div className="modal-head">
          <h2>Unlock {file}</h2>
        </div>
        <div className="unlock-body">
          <p className="unlock-intro">
            <strong>{file}</strong> is encrypted. Enter its passphrase to open it: Chokepoint keeps it in memory only while the
            workspace is open, and never writes it anywhere.
          </p>
          <label className="unlock-label">
            Passphrase
            <input
              ref={input}
              type="password"
              name="passphrase"
              autoComplete="off"
              spellCheck={false}
              maxLength={1024}
              disabled={working}
              aria-invalid={error !== undefined}
              aria-describedby={error !== undefined ? 'unlock-error' : undefined}
            />
          </label>
          {error !== undefined && (
            <p id="unlock-error" className="unlock-error" role="alert">
              {error}
            </p>
          )}
          <div className="unlock-actions">
            <button type="submit" className="primary" disabled={working}>
              {working ? 'Unlocking…' : 'Unlock'}
            </button>
            {inDesktopApp && <span className="unlock-hint">Open another workspace from the File menu.</span>}
          </div>
        </div>
      </form>
    </div>
  );
}
