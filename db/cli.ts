#!/usr/bin/env node
/**
 * Entry point of the `chokepoint` command (npm run cli -- …, or the package's bin). The commands
 * live in cli/commands.ts; here only the process edges: arguments in, exit code and stderr out.
 */
import { runCli } from './cli/commands';
import { isUserError } from './errors';

async function main(): Promise<void> {
  try {
    await runCli(process.argv.slice(2));
  } catch (error) {
    if (isUserError(error)) {
      process.stderr.write(`chokepoint: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`chokepoint: internal error: ${(error as Error).message}\n`);
      if (process.env.CHOKEPOINT_DEBUG) console.error(error);
      process.exitCode = 2;
    }
  }
}

void main();
