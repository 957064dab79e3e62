/**
 * Passphrases on the command line, and the encrypt / decrypt / rekey commands.
 *
 * A passphrase is never taken as a plain argument: `--passphrase X` would be visible to every user
 * of the machine in the process list (ps, /proc/PID/cmdline) and kept in shell history. It comes,
 * in this order, from `--passphrase-fd N` (a line read from an open file descriptor, e.g. a pipe),
 * from the file named by CHOKEPOINT_PASSPHRASE_FILE, or from a prompt without echo when stdin is a
 * terminal. The new passphrase of `rekey` likewise: --new-passphrase-fd N, CHOKEPOINT_NEW_PASSPHRASE_FILE,
 * or a prompt. A passphrase is read only when a command needs one and is kept in memory only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors';
import { checkPassphrase, isPlainSqlite, looksEncrypted, useSessionPassphrase } from '../workspace/encrypted-file';
import { changePassphrase, decryptWorkspace, encryptWorkspace } from '../workspace/encryption';

type Values = Record<string, string | boolean | undefined>;

export interface PassphraseSources {
  fd?: number;
  newFd?: number;
}

const refusal =
  'is not accepted: a passphrase on the command line is visible to every user of this machine in the process list and stays in the shell history. Use --passphrase-fd N (a line from an open file descriptor, e.g. --passphrase-fd 0 < file), CHOKEPOINT_PASSPHRASE_FILE=FILE, or run the command in a terminal to be asked.';

function fdNumber(option: string, text: string | undefined): number {
  if (text === undefined || !/^\d+$/.test(text))
    throw new UserError(`${option} needs a file descriptor number, e.g. ${option} 3.`, option.slice(2));
  return Number(text);
}

/** Takes the global passphrase options out of the arguments, wherever they stand. */
export function takePassphraseOptions(args: readonly string[]): { args: string[]; sources: PassphraseSources } {
  const rest: string[] = [];
  const sources: PassphraseSources = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [option, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (option === '--passphrase' || option === '--new-passphrase') throw new UserError(`${option} ${refusal}`, option.slice(2));
    if (option === '--passphrase-fd' || option === '--new-passphrase-fd') {
      const value = inline ?? args[++i];
      const fd = fdNumber(option, value);
      if (option === '--passphrase-fd') sources.fd = fd;
      else sources.newFd = fd;
      continue;
    }
    rest.push(arg);
  }
  return { args: rest, sources };
}

/** The first line of what the descriptor or file holds: the newline ending it is not part of the passphrase. */
function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return (end === -1 ? text : text.slice(0, end)).replace(/\r$/, '');
}

function readFromFd(fd: number, option: string): string {
  try {
    return firstLine(readFileSync(fd, 'utf8'));
  } catch (error) {
    throw new UserError(
      `${option} ${fd}: could not read a passphrase from it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
      option.slice(2),
    );
  }
}

function readFromFile(variable: string, file: string): string {
  try {
    return firstLine(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(
      `${variable}=${file}: could not read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
      'passphrase',
    );
  }
}

/** Typed ahead of a prompt (the terminal delivers "first⏎second⏎" in one chunk): kept for the next one. */
let typedAhead = '';

/** Reads a line from the terminal without echoing it; Ctrl-C or Ctrl-D cancels. */
export function promptHidden(question: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const input = process.stdin;
    process.stderr.write(question);
    const answer: string[] = [];
    let listening = false;
    const finish = () => {
      if (listening) {
        input.off('data', onData);
        input.setRawMode(false);
        input.pause();
      }
      process.stderr.write('\n');
    };
    /** Returns true once the line is complete (or cancelled). */
    function take(chunk: string): boolean {
      const chars = Array.from(chunk);
      for (let i = 0; i < chars.length; i++) {
        const char = chars[i]!;
        if (char === '\r' || char === '\n') {
          typedAhead = chars.slice(char === '\r' && chars[i + 1] === '\n' ? i + 2 : i + 1).join('');
          finish();
          resolvePromise(answer.join(''));
          return true;
        }
        if (char === '\u0003' || char === '\u0004') {
          typedAhead = '';
          finish();
          reject(new UserError('Cancelled: no passphrase was given.', 'passphrase'));
          return true;
        }
        if (char === '\u007f' || char === '\b') answer.pop();
        else answer.push(char);
      }
      return false;
    }
    function onData(chunk: string): void {
      take(chunk);
    }
    const ahead = typedAhead;
    typedAhead = '';
    if (ahead && take(ahead)) return;
    listening = true;
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.resume();
  });
}

const interactive = () => process.stdin.isTTY === true && process.stderr.isTTY === true;

interface Wanted {
  /** Why it is needed, for the prompt and the message when none can be read. */
  purpose: string;
  /** A new passphrase: prompted twice, so a typing mistake does not lock the analyst out. */
  fresh: boolean;
}

async function ask(wanted: Wanted): Promise<string> {
  const first = checkPassphrase(await promptHidden(`${wanted.purpose}: `));
  if (!wanted.fresh) return first;
  const again = await promptHidden('Type it again: ');
  if (again !== first) throw new UserError('The two passphrases differ; nothing was changed.', 'passphrase');
  return first;
}

/** A passphrase from the fd or file when given (synchronously), else a prompt, else a clear refusal. */
function obtain(wanted: Wanted, fd: number | undefined, fdOption: string, variable: string): string | Promise<string> {
  if (fd !== undefined) return checkPassphrase(readFromFd(fd, fdOption), `The passphrase from ${fdOption} ${fd}`);
  const file = process.env[variable];
  if (file) return checkPassphrase(readFromFile(variable, file), `The passphrase in ${variable}`);
  if (interactive()) return ask(wanted);
  throw new UserError(
    `${wanted.purpose} is needed: give it with ${fdOption} N or ${variable}=FILE, or run the command in a terminal to be asked (never as a plain argument).`,
    'passphrase',
  );
}

/** What the encryption commands read; set for the length of one command by withPassphrases. */
let current: string | undefined;
let fresh: string | undefined;

function encryptedWorkspace(values: Values): string | undefined {
  const file = typeof values.workspace === 'string' && values.workspace.trim() ? resolve(values.workspace) : undefined;
  return file && existsSync(file) && !isPlainSqlite(file) && looksEncrypted(file) ? file : undefined;
}

/**
 * Reads the passphrases the command needs, then runs it. Synchronous unless it has to prompt, so
 * commands on plain workspaces behave exactly as before.
 */
export function withPassphrases(
  command: string,
  values: Values,
  sources: PassphraseSources,
  run: () => void | Promise<void>,
): void | Promise<void> {
  const steps: { wanted: Wanted; fd: number | undefined; fdOption: string; variable: string; set: (p: string) => void }[] = [];
  const workspace = typeof values.workspace === 'string' ? values.workspace : 'the workspace';
  const currentStep = (purpose: string) => ({
    wanted: { purpose, fresh: false },
    fd: sources.fd,
    fdOption: '--passphrase-fd',
    variable: 'CHOKEPOINT_PASSPHRASE_FILE',
    set: (p: string) => (current = p),
  });
  const file = typeof values.workspace === 'string' ? resolve(values.workspace) : undefined;
  if ((command === 'rekey' || command === 'decrypt') && (!file || !existsSync(file) || isPlainSqlite(file))) {
    // Nothing to ask: the command itself says the workspace is missing or not encrypted.
  } else if (command === 'encrypt' || (command === 'init' && values.encrypted === true)) {
    const target = command === 'encrypt' ? (typeof values.out === 'string' ? values.out : 'the encrypted workspace') : workspace;
    steps.push({
      ...currentStep(`New passphrase for ${target}`),
      wanted: { purpose: `New passphrase for ${target}`, fresh: true },
    });
  } else if (command === 'rekey') {
    steps.push(currentStep(`Current passphrase of ${workspace}`));
    steps.push({
      wanted: { purpose: `New passphrase for ${workspace}`, fresh: true },
      fd: sources.newFd,
      fdOption: '--new-passphrase-fd',
      variable: 'CHOKEPOINT_NEW_PASSPHRASE_FILE',
      set: (p) => (fresh = p),
    });
  } else if (command === 'decrypt' || encryptedWorkspace(values) || sources.fd !== undefined) {
    steps.push(currentStep(`Passphrase of ${workspace}`));
  }

  const forget = () => {
    current = undefined;
    fresh = undefined;
    useSessionPassphrase(undefined);
  };
  const runWithSession = () => {
    useSessionPassphrase(current);
    let result: void | Promise<void>;
    try {
      result = run();
    } catch (error) {
      forget();
      throw error;
    }
    if (result instanceof Promise) return result.finally(forget);
    forget();
  };

  // Read what can be read synchronously; fall back to async only for prompts.
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const value = obtain(step.wanted, step.fd, step.fdOption, step.variable);
    if (value instanceof Promise) {
      return (async () => {
        step.set(await value);
        for (const later of steps.slice(i + 1)) later.set(await obtain(later.wanted, later.fd, later.fdOption, later.variable));
        return runWithSession();
      })().catch((error: unknown) => {
        forget();
        throw error;
      });
    }
    step.set(value);
  }
  return runWithSession();
}

/** init --encrypted: the new workspace's passphrase (read by withPassphrases). */
export function newWorkspacePassphrase(values: Values): { passphrase?: string } {
  return values.encrypted === true && current !== undefined ? { passphrase: current } : {};
}

function required(values: Values, option: string, example: string): string {
  const value = values[option];
  if (typeof value !== 'string' || value.trim() === '') throw new UserError(`--${option} ${example} is required.`, option);
  return resolve(value);
}

function claimsAndSources(tables: Record<string, number>): string {
  return `${tables.claims ?? 0} claims, ${tables.sources ?? 0} sources`;
}

export const encryptionCommands = {
  encrypt: {
    options: { workspace: { type: 'string' }, out: { type: 'string' }, 'remove-original': { type: 'boolean' } },
    run(values: Values, out: (line: string) => void) {
      const source = required(values, 'workspace', 'FILE');
      const target = required(values, 'out', 'FILE');
      const result = encryptWorkspace(source, target, current!, { removeOriginal: values['remove-original'] === true });
      out(
        `Encrypted ${source} into ${target} (SQLCipher 4: AES-256, key from the passphrase): ${claimsAndSources(result.tables)}, checked.`,
      );
      out(
        result.removedOriginal
          ? `Deleted the plain original ${source}. An ordinary delete may leave its contents recoverable from the disk; copies and backups of it are still plain.`
          : `The plain original ${source} is unchanged and readable by anyone with the file: delete it (and its copies and backups) once you have opened ${target}.`,
      );
    },
  },
  decrypt: {
    options: { workspace: { type: 'string' }, out: { type: 'string' } },
    run(values: Values, out: (line: string) => void) {
      const source = required(values, 'workspace', 'FILE');
      const target = required(values, 'out', 'FILE');
      const result = decryptWorkspace(source, target, current!);
      out(`Decrypted ${source} into ${target}: ${claimsAndSources(result.tables)}, checked.`);
      out(`${target} is NOT encrypted: anyone with the file can read it. ${source} is unchanged.`);
    },
  },
  rekey: {
    options: { workspace: { type: 'string' } },
    run(values: Values, out: (line: string) => void) {
      const file = required(values, 'workspace', 'FILE');
      changePassphrase(file, current!, fresh!);
      out(`Changed the passphrase of ${file}. Copies and backups made earlier still open with the old passphrase.`);
    },
  },
} as const;

/** The help lines for these commands and the global passphrase options. */
export const encryptionUsage = `  encrypt --workspace FILE --out FILE [--remove-original]
                                                     write an encrypted copy (SQLCipher 4); the plain original
                                                     is kept unless --remove-original
  decrypt --workspace FILE --out FILE                write a plain (unencrypted) copy of an encrypted workspace
  rekey   --workspace FILE                           change the passphrase of an encrypted workspace
Passphrases (encrypted workspaces; init --encrypted creates one): asked without echo in a terminal, or
  --passphrase-fd N / CHOKEPOINT_PASSPHRASE_FILE=FILE, and for rekey's new one --new-passphrase-fd N /
  CHOKEPOINT_NEW_PASSPHRASE_FILE=FILE (the first line is read). Never as an argument: ps shows arguments.`;
