import { MAX_ARCHIVE_BYTES } from '../db/evidence/source-writes';
import { MAX_IMPORT_CHARS } from '../db/import/run-import';
import type { OperationName } from '../db/operation-names';

/**
 * Limits on an operation's input as a whole, checked in main before zod sees it. zod's per-field
 * limits refuse a long string only after walking the whole value; these refuse a request that no
 * form can produce (50 MB sent to listClaims, an object nested ten thousand levels) in a few
 * microseconds, with a message naming the operation and the field. The walk stops at the first
 * limit crossed, so its cost is bounded by the limit, not by the size of the input.
 */

/** Characters an ordinary operation's input may hold: far above any form (a report's narratives included). */
export const MAX_INPUT_CHARS = 16 * 1024 * 1024;

/** The operations that carry a file's content, with their own, larger allowance (the field's own limit decides the rest). */
const bulkInputChars: Partial<Record<OperationName, number>> = {
  // A 50 MB archived copy travels as base64: 4/3 of its size.
  attachArchive: Math.ceil((MAX_ARCHIVE_BYTES * 4) / 3) + 64 * 1024,
  previewImport: MAX_IMPORT_CHARS + 1024 * 1024,
  runImport: MAX_IMPORT_CHARS + 1024 * 1024,
};

/** Deeper than any input of the operation table (a report's items are five levels down). */
export const MAX_INPUT_DEPTH = 32;

export function maxInputChars(name: string): number {
  return bulkInputChars[name as OperationName] ?? MAX_INPUT_CHARS;
}

/** Why an input is refused before validation, or undefined when it is within the limits. */
export interface InputLimitProblem {
  message: string;
  /** The top-level field where the limit was crossed, when there is one. */
  field?: string;
}

function megabytes(chars: number): string {
  return `${Math.round(chars / (1024 * 1024))} MB`;
}

/**
 * Counts an input's characters (a string's length, a key's length, 8 for any other value, a binary
 * view's bytes) and its depth. Values that cannot come from a form (a Map, a typed array) are
 * counted, not judged: zod refuses their type afterwards, by field.
 */
export function checkInputLimits(name: string, input: unknown, limit = maxInputChars(name)): InputLimitProblem | undefined {
  let total = 0;
  let problem: InputLimitProblem | undefined;
  const tooBig = (field: string | undefined): InputLimitProblem => ({
    message: `${name}: ${field ? `${field}: ` : ''}the request is larger than ${megabytes(limit)}, the limit for this operation`,
    ...(field ? { field } : {}),
  });

  // Iterative, so a hostile depth cannot overflow the stack of main itself.
  const stack: { value: unknown; depth: number; field: string | undefined }[] = [{ value: input, depth: 0, field: undefined }];
  while (stack.length > 0 && !problem) {
    const { value, depth, field } = stack.pop()!;
    if (typeof value === 'string') total += value.length;
    else if (value === null || typeof value !== 'object') total += 8;
    else if (ArrayBuffer.isView(value)) total += value.byteLength;
    else if (value instanceof ArrayBuffer) total += value.byteLength;
    else if (depth >= MAX_INPUT_DEPTH) {
      problem = {
        message: `${name}: ${field ? `${field}: ` : ''}nested more than ${MAX_INPUT_DEPTH} levels deep; no operation takes that`,
        ...(field ? { field } : {}),
      };
      break;
    } else if (Array.isArray(value)) {
      total += 8 + value.length * 8;
      if (total > limit) {
        problem = tooBig(field);
        break;
      }
      for (const item of value) stack.push({ value: item, depth: depth + 1, field });
    } else {
      const keys = Object.keys(value);
      total += 8 + keys.length * 8;
      if (total > limit) {
        problem = tooBig(field);
        break;
      }
      for (const key of keys) {
        total += key.length;
        stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, field: field ?? key });
      }
    }
    if (total > limit) problem = tooBig(field);
  }
  return problem;
}
