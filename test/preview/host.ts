import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isUserError } from '../../db/errors';
import { startPreviewHost } from './server';

export { startPreviewHost, type PreviewHost, type PreviewHostOptions } from './server';

const usage =
  'Usage: npm run preview -- --workspace FILE [--port N] [--exports DIR] [--imports DIR] (an encrypted workspace starts locked and the page asks for its passphrase; CHOKEPOINT_PASSPHRASE_FILE=FILE opens it unlocked)';

/** `npm run preview -- --workspace FILE [--port N] [--exports DIR]`: the real UI in a browser, against FILE; chart exports land in DIR. */
async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      workspace: { type: 'string' },
      port: { type: 'string', default: '0' },
      exports: { type: 'string' },
      imports: { type: 'string' },
    },
    strict: true,
  });
  if (!values.workspace) throw new UsageError(`--workspace is required. ${usage}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a whole number from 0 to 65535. ${usage}`);

  const host = await startPreviewHost({
    workspace: values.workspace,
    port,
    ...(values.exports ? { exportsDir: resolve(values.exports) } : {}),
    ...(values.imports ? { importsDir: resolve(values.imports) } : {}),
    // The first line of the file, as the CLI reads it; never an argument (process lists show those).
    ...(process.env.CHOKEPOINT_PASSPHRASE_FILE
      ? { passphrase: readFileSync(process.env.CHOKEPOINT_PASSPHRASE_FILE, 'utf8').split(/\r?\n/)[0]! }
      : {}),
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`Chokepoint preview at ${host.url}`);
}

class UsageError extends Error {}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(resolve(entry)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    // One line the user can act on; a stack trace only for what is a bug.
    const known =
      isUserError(error) ||
      error instanceof UsageError ||
      String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS');
    console.error(known ? `chokepoint preview: ${(error as Error).message}` : error);
    process.exit(1);
  });
}
