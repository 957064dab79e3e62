import { messageOf } from '../common/errors';

/**
 * A refused write, read back into the field it names: the bridge carries only the sentence, as
 * "saveScenario: overrides.facilities.0.capacity: must not be 0 …", so the path and the reason are
 * taken out of it to show the reason beside that field.
 */
export interface ScoreFieldError {
  /** The field's path after the operation's name, e.g. "overrides.facilities.0.capacity"; null when none is named. */
  path: string | null;
  /** What to show beside the field. */
  reason: string;
  /** The whole sentence, for a notice when no field on screen matches. */
  message: string;
}

const named = /^[a-z][A-Za-z]+: ((?:[A-Za-z_]+|\d+)(?:\.(?:[A-Za-z_]+|\d+))*): (.+)$/s;

export function scoreFieldError(error: unknown): ScoreFieldError {
  const message = messageOf(error);
  const match = named.exec(message);
  return match ? { path: match[1]!, reason: match[2]!, message } : { path: null, reason: message, message };
}

/** The reason when the error names this field (or something inside it), else null. */
export function reasonFor(error: ScoreFieldError | null, ...paths: string[]): string | null {
  if (!error?.path) return null;
  const path = error.path;
  return paths.some((p) => path === p || path.startsWith(`${p}.`)) ? error.reason : null;
}
