import { messageOf } from '../common/errors';

/**
 * Noticing that the workspace is locked. An encrypted workspace opens without its passphrase (the
 * desktop app's main process never holds it) and every operation then answers
 * "<file> is encrypted: enter its passphrase to open it." (db/workspace/locked-workspace.ts). The
 * bridge carries only an error's message, so the sentence itself is the signal. Any call may be the
 * first to hear it (the summary at start-up, or any view after the database process restarted), so
 * the bridge's functions are wrapped once and report it here; the unlock prompt listens.
 */
const lockedSentence = /^(.+) is encrypted: enter its passphrase to open it\.$/;

let lockedMessage: string | undefined;
const listeners = new Set<() => void>();

/** The file name of the locked workspace, when `message` is the locked sentence. */
export function lockedFileOf(message: string): string | undefined {
  return lockedSentence.exec(message)?.[1];
}

function noticeLocked(message: string): void {
  if (message === lockedMessage) return;
  lockedMessage = message;
  for (const listener of listeners) listener();
}

/** For useSyncExternalStore: the locked sentence last heard, or undefined. */
export function subscribeToLock(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentLock(): string | undefined {
  return lockedMessage;
}

const wrapped = new WeakMap<object, object>();

/** The same bridge, every function of which reports a "locked" answer before passing it on. */
export function watchForLock<T extends object>(exposed: T): T {
  let watched = wrapped.get(exposed);
  if (!watched) {
    watched = Object.fromEntries(
      Object.entries(exposed).map(([name, value]) => [
        name,
        typeof value === 'function'
          ? async (...args: unknown[]) => {
              try {
                return await (value as (...a: unknown[]) => Promise<unknown>)(...args);
              } catch (error) {
                const message = messageOf(error);
                if (lockedFileOf(message) !== undefined) noticeLocked(message);
                throw error;
              }
            }
          : value,
      ]),
    );
    wrapped.set(exposed, watched);
  }
  return watched as T;
}
