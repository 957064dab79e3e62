/**
 * The bridge throws `new Error(message)` and keeps only the sentence, so the field a validation
 * failure names travels in the text: "createSource: published: must be a date …" or, for an edit,
 * "updateSource: source.published: …". This reads it back so the form can show it beside the field.
 */
export interface FieldFailure {
  /** The form field, e.g. "published" or "derivedFrom"; undefined when the message names none. */
  field: string | undefined;
  /** What to show beside the field: the reason alone, without the operation and field prefix. */
  reason: string;
  /** The whole sentence, for a notice at the top of the form. */
  message: string;
}

const validationPrefix = /^(\w+): ([\w.]+): (.+)$/s;

export function cleanMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Electron prefixes errors that cross IPC; the analyst needs only the sentence.
  return message.replace(/^Error invoking remote method '[^']*': (Error: )?/, '');
}

export function fieldFailure(error: unknown): FieldFailure {
  const message = cleanMessage(error);
  const match = validationPrefix.exec(message);
  if (match) {
    const path = match[2]!.replace(/^source\./, '');
    return { field: path.split('.')[0], reason: match[3]!, message };
  }
  // Checks made after validation (a derived-from loop, an unknown parent) say so in their own words.
  if (/^Derived from /.test(message)) return { field: 'derivedFrom', reason: message, message };
  return { field: undefined, reason: message, message };
}
