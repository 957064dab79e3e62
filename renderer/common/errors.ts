/**
 * The bridge carries only an error's message. Operation input errors read
 * "createClaim: citations.0.excerpt: must be at most 4000 characters", so the operation and the field
 * can be read back out of it, to put the message beside the field it names.
 */
export function messageOf(error: unknown): string {
  // Electron prefixes errors that cross IPC ("Error invoking remote method …"); the analyst needs only the sentence.
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error invoking remote method '[^']*': (Error: )?/, '');
}

export interface FieldError {
  /** The field path without the operation's wrapper, e.g. "statement" or "citations.0.sourceId". */
  field: string | null;
  message: string;
}

const operationPrefix = /^[a-z][A-Za-z]+: /;
const fieldPrefix = /^([A-Za-z]+(?:\.[A-Za-z0-9]+)*): (.+)$/s;

export function fieldErrorOf(error: unknown, wrapper?: string): FieldError {
  const message = messageOf(error);
  const rest = message.replace(operationPrefix, '');
  const match = rest !== message ? fieldPrefix.exec(rest) : null;
  if (!match) return { field: null, message };
  let field = match[1]!;
  if (wrapper && field.startsWith(`${wrapper}.`)) field = field.slice(wrapper.length + 1);
  return { field, message: `${field.split('.')[0]}: ${match[2]!}` };
}
