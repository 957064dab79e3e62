import type { z } from 'zod';
import { UserError } from './errors';

/**
 * Messages in the analyst's words where zod's defaults are not: a field left out "is required"
 * (zod says "expected string, received undefined"). A schema's own message still wins.
 */
export const plainMessages = {
  error: (issue: { code: string; input?: unknown }) =>
    issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined,
};

/** Turns zod's first issue into one sentence that names the field, e.g. "limit: must be at most 500". */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input, plainMessages);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  const field = path.map(String).join('.');
  const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
  throw new UserError(`${what}: ${field ? `${field}: ` : ''}${message}`, field || undefined);
}
