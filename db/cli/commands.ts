/**
 * The Chokepoint command line: the same workspace functions and operation table as the app.
 * User errors print one line on stderr naming the file or argument and exit 1; a bug exits 2.
 *
 *   chokepoint init --workspace FILE [--empty] [--name NAME]
 *   chokepoint info --workspace FILE [--json]
 *   chokepoint verify --workspace FILE
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { executeOperation, type OperationOutput } from '../api';
import { UserError } from '../errors';
import { createWorkspace } from '../workspace/create';
import { checkWorkspace, openWorkspaceReadOnly } from '../workspace/open';

const usage = `Usage: chokepoint <command> [options]
Commands:
  init    --workspace FILE [--empty] [--name NAME]   create a workspace (starter data unless --empty)
  info    --workspace FILE [--json]                  schema version and counts of sources and claims
  verify  --workspace FILE                           full integrity check; exit 0 when sound`;

type Summary = OperationOutput<'getWorkspaceSummary'>;

interface CommandSpec {
  options: Record<string, { type: 'string' | 'boolean' }>;
  run(values: Record<string, string | boolean | undefined>, out: (line: string) => void): void;
}

function workspaceArgument(values: Record<string, string | boolean | undefined>): string {
  const file = values.workspace;
  if (typeof file !== 'string' || file.trim() === '') throw new UserError('--workspace FILE is required.', 'workspace');
  return resolve(file);
}

function summarize(file: string): Summary {
  const workspace = openWorkspaceReadOnly(file);
  try {
    const result = executeOperation({ workspace }, 'getWorkspaceSummary', {});
    if (!result.ok) throw new UserError(result.error.message);
    return result.value as Summary;
  } finally {
    workspace.close();
  }
}

const commands: Record<string, CommandSpec> = {
  init: {
    options: { workspace: { type: 'string' }, empty: { type: 'boolean' }, name: { type: 'string' } },
    run(values, out) {
      const file = workspaceArgument(values);
      const workspace = createWorkspace(file, {
        starter: !values.empty,
        ...(typeof values.name === 'string' ? { name: values.name } : {}),
      });
      workspace.close();
      const summary = summarize(file);
      out(`Created ${file}: ${summary.sources} sources, ${summary.claims} claims (schema ${summary.schemaVersion}).`);
    },
  },
  info: {
    options: { workspace: { type: 'string' }, json: { type: 'boolean' } },
    run(values, out) {
      const summary = summarize(workspaceArgument(values));
      if (values.json) {
        out(
          JSON.stringify({
            schemaVersion: summary.schemaVersion,
            sources: summary.sources,
            claims: summary.claims,
            name: summary.name,
            file: summary.file,
          }),
        );
      } else {
        out(
          `${summary.name} (${summary.file})\nschema ${summary.schemaVersion} · ${summary.sources} sources · ${summary.claims} claims`,
        );
      }
    },
  },
  verify: {
    options: { workspace: { type: 'string' } },
    run(values, out) {
      const file = workspaceArgument(values);
      const check = checkWorkspace(file, 'full');
      if (check.problems.length > 0) {
        const more = check.problems.length > 1 ? ` (and ${check.problems.length - 1} more problems)` : '';
        throw new UserError(`${file} is damaged: ${check.problems[0]}${more}.`, 'workspace');
      }
      out(`${file} is sound: integrity and foreign-key checks passed (schema ${check.schemaVersion}).`);
    },
  },
};

export function runCli(argv: string[], out: (line: string) => void = console.log): void {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(usage);
    return;
  }
  const command = commands[name];
  if (!command)
    throw new UserError(`Unknown command "${name}". Commands: ${Object.keys(commands).join(', ')} (chokepoint --help).`);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UserError(`${name}: ${(error as Error).message.split('\n')[0]}`);
  }
  command.run(values, out);
}
