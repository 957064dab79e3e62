/**
 * The Chokepoint command line: the same workspace functions and operation table as the app.
 * User errors print one line on stderr naming the file or argument and exit 1; a bug exits 2.
 *
 *   chokepoint init --workspace FILE [--empty] [--name NAME]
 *   chokepoint info --workspace FILE [--json]
 *   chokepoint verify --workspace FILE
 *   chokepoint import --workspace FILE --file DATA [--recipe RECIPE.json | --recipe-name NAME] [--format csv|json] [--dry-run] [--json]
 *   chokepoint export --workspace FILE --format json|csv --out FILE
 *   chokepoint claims --workspace FILE [--search TEXT] [--stage S] [--country C] [--state-media-only] [--contested] [--json]
 *   chokepoint gap --workspace FILE --stage S --metric M --year Y [filters] [--json]
 *   chokepoint chart --workspace FILE --chart KIND [--stage S] [--metric M] [--year Y] [--mode absolute|share] [filters] --out F.svg|F.png
 *   chokepoint report --workspace FILE [--report NAME | Overview] [--marking TEXT] [--page A4|Letter] --out F.html|F.pdf|F.pptx
 *   chokepoint score --workspace FILE [--method weighted|eu-sr] [--scenario NAME] [--weights FILE] [--json]
 *   chokepoint scenario --workspace FILE list|show NAME|create NAME --file OVERRIDES.json|delete NAME
 *   chokepoint snapshot --workspace FILE take [--author A] [--note N]|list|diff FROM TO [--json]
 *   chokepoint backup --workspace FILE [--list] [--json] · restore --workspace FILE --from FILE|--latest [--json]
 *   chokepoint encrypt|decrypt --workspace FILE --out FILE · rekey --workspace FILE (see cli/encryption.ts)
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { executeOperation, type OperationOutput } from '../api';
import { UserError } from '../errors';
import { createWorkspace } from '../workspace/create';
import { checkWorkspace, openWorkspaceReadOnly } from '../workspace/open';
import { backupCommand, restoreCommand } from './backup';
import { chartCommand, chartKinds } from './chart/chart-command';
import {
  encryptionCommands,
  encryptionUsage,
  newWorkspacePassphrase,
  takePassphraseOptions,
  withPassphrases,
} from './encryption';
import { gapCommand } from './gap';
import { reportCommand } from './report';
import { scenarioCommand } from './scenario';
import { scoreCommand } from './score';
import { snapshotCommand } from './snapshot';
import { claimsCommand, exportCommand, importCommand } from './transfer';

const usage = `Usage: chokepoint <command> [options]
Commands:
  init    --workspace FILE [--empty] [--name NAME] [--encrypted]
                                                     create a workspace (starter data unless --empty)
  info    --workspace FILE [--json]                  schema version and counts of sources and claims
  verify  --workspace FILE                           integrity, foreign keys and the audit chain; exit 0 when sound
  import  --workspace FILE --file DATA [--recipe RECIPE.json | --recipe-name NAME] [--format csv|json]
          [--dry-run] [--json]                       import claims from CSV (through a recipe) or workspace JSON;
                                                     all or nothing: any problem imports nothing and exits 1
  export  --workspace FILE --format json|csv --out FILE
                                                     the workspace as JSON (lossless) or its claims as CSV
  claims  --workspace FILE [--search TEXT] [--stage S] [--country C] [--state-media-only] [--contested] [--json]
                                                     list claims with their evidence status
  gap     --workspace FILE --stage S --metric M --year Y [--min-reliability A-F] [--min-credibility 1-6]
          [--exclude-state-media] [--statuses operating,construction,planned] [--json]
                                                     China vs ex-China through the capacity model
  chart   --workspace FILE --chart ${chartKinds.join('|')} --out F.svg|F.png
          [--stage S] [--metric M] [--year Y] [--mode absolute|share] [the gap filters]
                                                     draw one of the app's charts to a file (PNG at 2x)
  report  --workspace FILE [--report NAME] [--marking TEXT] [--page A4|Letter] --out F.html|F.pdf|F.pptx
                                                     a saved report, or the built-in Overview, as one standalone
                                                     HTML file, a PDF (PDF needs Chromium) or a PowerPoint deck
  score   --workspace FILE [--method weighted|eu-sr] [--scenario NAME] [--weights FILE] [--json]
                                                     risk score per stage with its band and factors
  scenario --workspace FILE list | show NAME | create NAME --file OVERRIDES.json [--description D] | delete NAME
                                                     named overrides of the assessment; never change claims
  snapshot --workspace FILE take [--author A] [--note N] [--scenario NAME] | list | diff FROM TO [--json]
                                                     dated scores for the trend, and what changed between two
  backup  --workspace FILE [--list] [--json]         back the workspace up now (into "NAME backups/"), or list its backups
  restore --workspace FILE --from BACKUP | --latest [--json]
                                                     replace the workspace with a backup; the current state is backed up first
${encryptionUsage}`;

type Summary = OperationOutput<'getWorkspaceSummary'>;

interface CommandSpec {
  options: Record<string, { type: 'string' | 'boolean' }>;
  /** Takes words after the command (scenario list, snapshot diff FROM TO); others refuse them. */
  positionals?: true;
  run(
    values: Record<string, string | boolean | undefined>,
    out: (line: string) => void,
    positionals: string[],
  ): void | Promise<void>;
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
    options: {
      workspace: { type: 'string' },
      empty: { type: 'boolean' },
      name: { type: 'string' },
      encrypted: { type: 'boolean' },
    },
    run(values, out) {
      const file = workspaceArgument(values);
      const workspace = createWorkspace(file, {
        starter: !values.empty,
        ...newWorkspacePassphrase(values),
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
      out(`${file} is sound: integrity, foreign-key and audit-trail checks passed (schema ${check.schemaVersion}).`);
    },
  },
  import: {
    options: {
      workspace: { type: 'string' },
      file: { type: 'string' },
      recipe: { type: 'string' },
      'recipe-name': { type: 'string' },
      format: { type: 'string' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    run: (values, out) => importCommand(values, out, workspaceArgument(values)),
  },
  export: {
    options: { workspace: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    run: (values, out) => exportCommand(values, out, workspaceArgument(values)),
  },
  claims: {
    options: {
      workspace: { type: 'string' },
      search: { type: 'string' },
      stage: { type: 'string' },
      country: { type: 'string' },
      'state-media-only': { type: 'boolean' },
      contested: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    run: (values, out) => claimsCommand(values, out, workspaceArgument(values)),
  },
  gap: {
    options: {
      workspace: { type: 'string' },
      stage: { type: 'string' },
      metric: { type: 'string' },
      year: { type: 'string' },
      'min-reliability': { type: 'string' },
      'min-credibility': { type: 'string' },
      'exclude-state-media': { type: 'boolean' },
      statuses: { type: 'string' },
      json: { type: 'boolean' },
    },
    run: (values, out) => gapCommand(values, out, workspaceArgument(values)),
  },
  chart: {
    options: {
      workspace: { type: 'string' },
      chart: { type: 'string' },
      stage: { type: 'string' },
      metric: { type: 'string' },
      year: { type: 'string' },
      mode: { type: 'string' },
      'min-reliability': { type: 'string' },
      'min-credibility': { type: 'string' },
      'exclude-state-media': { type: 'boolean' },
      statuses: { type: 'string' },
      out: { type: 'string' },
    },
    run: (values, out) => chartCommand(values, out, workspaceArgument(values)),
  },
  report: {
    options: {
      workspace: { type: 'string' },
      report: { type: 'string' },
      out: { type: 'string' },
      page: { type: 'string' },
      marking: { type: 'string' },
    },
    run: (values, out) => reportCommand(values, out, workspaceArgument(values)),
  },
  score: {
    options: {
      workspace: { type: 'string' },
      method: { type: 'string' },
      scenario: { type: 'string' },
      weights: { type: 'string' },
      json: { type: 'boolean' },
    },
    run: (values, out) => scoreCommand(values, out, workspaceArgument(values)),
  },
  scenario: {
    options: {
      workspace: { type: 'string' },
      file: { type: 'string' },
      description: { type: 'string' },
      json: { type: 'boolean' },
    },
    positionals: true,
    run: (values, out, positionals) => scenarioCommand(values, out, workspaceArgument(values), positionals),
  },
  snapshot: {
    options: {
      workspace: { type: 'string' },
      author: { type: 'string' },
      note: { type: 'string' },
      scenario: { type: 'string' },
      json: { type: 'boolean' },
    },
    positionals: true,
    run: (values, out, positionals) => snapshotCommand(values, out, workspaceArgument(values), positionals),
  },
  backup: {
    options: { workspace: { type: 'string' }, list: { type: 'boolean' }, json: { type: 'boolean' } },
    run: (values, out) => backupCommand(values, out, workspaceArgument(values)),
  },
  restore: {
    options: { workspace: { type: 'string' }, from: { type: 'string' }, latest: { type: 'boolean' }, json: { type: 'boolean' } },
    run: (values, out) => restoreCommand(values, out, workspaceArgument(values)),
  },
  ...encryptionCommands,
};

/** Runs one command; a command that writes images finishes asynchronously and returns its promise. */
export function runCli(argv: string[], out: (line: string) => void = console.log): void | Promise<void> {
  const [name, ...given] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(usage);
    return;
  }
  const command = commands[name];
  if (!command)
    throw new UserError(`Unknown command "${name}". Commands: ${Object.keys(commands).join(', ')} (chokepoint --help).`);
  // Global passphrase options may stand anywhere; --passphrase VALUE is refused with the reason.
  const { args: rest, sources } = takePassphraseOptions(given);
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      options: command.options,
      strict: true,
      allowPositionals: command.positionals === true,
    }));
  } catch (error) {
    throw new UserError(`${name}: ${(error as Error).message.split('\n')[0]}`);
  }
  return withPassphrases(name, values, sources, () => command.run(values, out, positionals));
}
