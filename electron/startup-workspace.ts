import { join, resolve } from 'node:path';

/**
 * Which workspace to open at start-up. `--workspace FILE` (or CHOKEPOINT_WORKSPACE) wins, so
 * end-to-end tests can point the app at a file of their own; otherwise the most recent workspace;
 * otherwise, on first start, the starter workspace in the user-data folder, created on demand.
 */
export interface StartupWorkspace {
  file: string;
  /** Create the file with the starter data if it does not exist yet. */
  createWithStarter: boolean;
  /** Chosen explicitly on the command line: no fallback if it fails to open. */
  explicit: boolean;
}

export const starterWorkspaceName = 'Starter workspace.sqlite';

/** The value of `--workspace FILE` or `--workspace=FILE`, if given. */
export function workspaceArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--workspace') return argv[i + 1];
    if (arg.startsWith('--workspace=')) return arg.slice('--workspace='.length);
  }
  return undefined;
}

export function chooseStartupWorkspaces(options: {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  userData: string;
  /** Recent workspaces that still exist, newest first. */
  recent: readonly string[];
}): StartupWorkspace[] {
  const override = workspaceArgument(options.argv) ?? options.env.CHOKEPOINT_WORKSPACE;
  if (override) return [{ file: resolve(override), createWithStarter: true, explicit: true }];
  const starter = { file: join(options.userData, starterWorkspaceName), createWithStarter: true, explicit: false };
  const recent = options.recent[0];
  // If the recent one fails to open (damaged, newer schema), fall back to the starter workspace.
  return recent && resolve(recent) !== starter.file
    ? [{ file: recent, createWithStarter: false, explicit: false }, starter]
    : [starter];
}
