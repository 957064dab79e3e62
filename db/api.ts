import { z } from 'zod';
import { isUserError, UserError } from './errors';
import { countClaims, listClaims } from './evidence/claims';
import { countSources, listSources } from './evidence/sources';
import { stages, vocabulary } from './evidence/vocabulary';
import { isOperationName, type OperationName, type OperationResult } from './operation-names';
import { parseInput } from './validation';
import { getMeta } from './workspace/meta';
import type { Workspace } from './workspace/open';
import { basename, extname } from 'node:path';

/**
 * The one table of operations that every front end calls: the Electron IPC layer, the CLI and the
 * preview host used by end-to-end tests. Each entry is a zod schema for its input and a handler
 * over the open workspace. Inputs are strict objects: an unknown key is a mistake, not a no-op.
 */
export interface OperationContext {
  workspace: Workspace;
}

interface Operation<S extends z.ZodType, R> {
  input: S;
  run(context: OperationContext, input: z.output<S>): R;
}

function operation<S extends z.ZodType, R>(input: S, run: (context: OperationContext, input: z.output<S>) => R): Operation<S, R> {
  return { input, run };
}

const noInput = z.strictObject({}).optional().default({});

export const operations = {
  getWorkspaceSummary: operation(noInput, ({ workspace }) => ({
    name: getMeta(workspace.db, 'name') ?? basename(workspace.file, extname(workspace.file)),
    file: workspace.file,
    schemaVersion: workspace.db.pragma('user_version', { simple: true }) as number,
    sources: countSources(workspace.db),
    claims: countClaims(workspace.db),
  })),

  getVocabulary: operation(noInput, () => vocabulary),

  listClaims: operation(
    z.strictObject({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
      stage: z.enum(stages).optional(),
    }),
    ({ workspace }, query) => listClaims(workspace.db, query),
  ),

  listSources: operation(noInput, ({ workspace }) => listSources(workspace.db)),
} satisfies Record<OperationName, Operation<z.ZodType, unknown>>;

// The reverse direction of the `satisfies` above: every operation in the table has a public name.
type MissingFromNames = Exclude<keyof typeof operations, OperationName>;
const namesAreComplete: MissingFromNames extends never ? true : never = true;
void namesAreComplete;

type Operations = typeof operations;
export type OperationInput<K extends OperationName> = z.input<Operations[K]['input']>;
export type OperationOutput<K extends OperationName> = ReturnType<Operations[K]['run']>;

/** What `window.chokepoint` offers the renderer: one async function per operation. */
export type ChokepointBridge = {
  [K in OperationName]: (input?: OperationInput<K>) => Promise<OperationOutput<K>>;
};

/** Checks an operation's name and input at a trust boundary (IPC, HTTP, CLI) without running it. */
export function validateOperation(name: unknown, input: unknown): { name: OperationName; input: unknown } {
  if (!isOperationName(name)) throw new UserError(`Unknown operation ${JSON.stringify(String(name)).slice(0, 80)}.`, 'operation');
  const op = operations[name] as Operation<z.ZodType, unknown>;
  return { name, input: parseInput(op.input, input, name) };
}

/**
 * The result a front end shows for a failure: a user error as it is (one line naming the field),
 * anything else as a bug in `what`, logged with its stack for the developer.
 */
export function failureResult(error: unknown, what: string): OperationResult {
  if (isUserError(error)) return { ok: false, error: { message: error.message, ...(error.field ? { field: error.field } : {}) } };
  console.error(`${what} failed`, error);
  return { ok: false, error: { message: `Chokepoint could not complete ${what}: ${(error as Error).message}` } };
}

/** Validates and runs an operation, turning a user error into a result the front end can show. */
export function executeOperation(context: OperationContext, name: unknown, input: unknown): OperationResult {
  try {
    const valid = validateOperation(name, input);
    const op = operations[valid.name] as Operation<z.ZodType, unknown>;
    return { ok: true, value: op.run(context, valid.input) };
  } catch (error) {
    return failureResult(error, String(name));
  }
}
