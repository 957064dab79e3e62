import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');

/** Runs the real CLI in its own process, as `npm run cli -- …` does. */
export function cli(...args: string[]) {
  const run = spawnSync(tsx, [join(root, 'db/cli.ts'), ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The same, with text on stdin and extra environment: how tests feed a passphrase (never as an argument). */
export function cliWith(options: { input?: string; env?: Record<string, string> }, ...args: string[]) {
  const run = spawnSync(tsx, [join(root, 'db/cli.ts'), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    ...(options.input !== undefined ? { input: options.input } : {}),
    env: { ...process.env, ...options.env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
