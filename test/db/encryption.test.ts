import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeOperation } from '../../db/api';
import { verifyAuditChain } from '../../db/audit/log';
import { saveWorkspaceCopy } from '../../db/workspace/copy';
import { createWorkspace } from '../../db/workspace/create';
import { changePassphrase, decryptWorkspace, encryptWorkspace } from '../../db/workspace/encryption';
import { checkWorkspace, openWorkspace, openWorkspaceReadOnly, type Workspace } from '../../db/workspace/open';
import { runCli } from '../../db/cli/commands';
import { connectAgain } from '../../db/workspace/sqlite';
import { rememberWorkspace, saveRecentWorkspaces } from '../../electron/recent-workspaces';
import { cliWith } from './run-cli';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const passphrase = 'correct horse battery staple 7';
const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

function summary(workspace: Workspace) {
  const result = executeOperation({ workspace }, 'getWorkspaceSummary', {});
  if (!result.ok) throw new Error(result.error.message);
  const { sources, claims, schemaVersion } = result.value as { sources: number; claims: number; schemaVersion: number };
  return { sources, claims, schemaVersion };
}

function searchIds(workspace: Workspace, search: string): string[] {
  const result = executeOperation({ workspace }, 'listClaims', { search, limit: 50 });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { rows: { id: string }[] }).rows.map((row) => row.id);
}

/** Every text value in every table, as the decrypted workspace holds it. */
function allText(workspace: Workspace): string {
  const tables = workspace.db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  return tables
    .map((table) => JSON.stringify(workspace.db.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`).all()))
    .join('\n');
}

/*
 * Deriving the key (PBKDF2-SHA512, 256,000 rounds: SQLCipher 4's default, deliberately slow) costs
 * about 0.25 s per connection on an idle core, so the encrypted starter workspace is made once and
 * copied for each test.
 */
let fixtureFolder: string;
let fixture: { file: string; excerpt: string; claimId: string };
const plaintextStarter = () => join(fixtureFolder, 'plain.sqlite');

beforeAll(() => {
  fixtureFolder = mkdtempSync(join(tmpdir(), 'chokepoint-encryption-'));
  const file = join(fixtureFolder, 'secret.sqlite');
  const workspace = createWorkspace(file, { starter: true, passphrase });
  const excerpt = 'Zirkonbeta cracking and leaching plant';
  const sourceId = workspace.db.prepare('SELECT id FROM sources LIMIT 1').pluck().get() as string;
  const created = executeOperation({ workspace }, 'createClaim', {
    statement: `Lynas reported its ${excerpt} processed its first feedstock in 2024.`,
    stage: 'separation',
    country: 'Australia',
    year: 2024,
    citations: [{ sourceId }],
  });
  if (!created.ok) throw new Error(created.error.message);
  workspace.close();
  fixture = { file, excerpt, claimId: (created.value as { id: string }).id };
  createWorkspace(plaintextStarter(), { starter: true }).close();
}, 120_000);

afterAll(() => rmSync(fixtureFolder, { recursive: true, force: true }));

/** A copy of the encrypted starter workspace (80 starter claims and one added) in `dir`. */
function encryptedStarter(dir: string): { file: string; excerpt: string; claimId: string } {
  const file = join(dir, 'secret.sqlite');
  copyFileSync(fixture.file, file);
  return { ...fixture, file };
}

describe('encryption at rest', { timeout: 60_000 }, () => {
  it('keeps claims unreadable in the file and -wal, and reopens with data, search and audit trail intact', () => {
    const dir = tempFolder();
    const { file, excerpt, claimId } = encryptedStarter(dir);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 16).equals(sqliteHeader)).toBe(false);
    expect(bytes.includes(Buffer.from(excerpt))).toBe(false);
    expect(bytes.includes(Buffer.from('Baotou'))).toBe(false); // starter data too
    expect(bytes.includes(Buffer.from(passphrase))).toBe(false);

    const workspace = openWorkspace(file, { passphrase });
    try {
      // A write left in the write-ahead log is encrypted as well.
      workspace.db.pragma('wal_autocheckpoint = 0');
      const sourceId = workspace.db.prepare('SELECT id FROM sources LIMIT 1').pluck().get() as string;
      const added = executeOperation({ workspace }, 'createClaim', {
        statement: 'Walonly neodymium note from Mountain Pass.',
        citations: [{ sourceId }],
      });
      expect(added.ok).toBe(true);
      const wal = readFileSync(`${file}-wal`);
      expect(wal.length).toBeGreaterThan(0);
      expect(wal.includes(Buffer.from('Walonly'))).toBe(false);
      expect(wal.includes(Buffer.from(passphrase))).toBe(false);

      expect(summary(workspace)).toMatchObject({ sources: 52, claims: 82 });
      expect(searchIds(workspace, 'Zirkonbeta')).toEqual([claimId]);
      expect(searchIds(workspace, 'Walonly')).toHaveLength(1);
      expect(verifyAuditChain(workspace.db).firstBroken).toBeUndefined();
      // Nothing the workspace stores (audit log, settings, meta) holds the passphrase.
      expect(allText(workspace)).not.toContain(passphrase);
      // A second connection (the import's snapshot reader) opens with the remembered key.
      const reader = connectAgain(workspace.db, { readonly: true, fileMustExist: true });
      expect(reader.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(82);
      reader.close();
    } finally {
      workspace.close();
    }
    expect(checkWorkspace(file, 'full', passphrase).problems).toEqual([]);
  });

  it('asks for the passphrase without one and says it is wrong for a wrong one, leaving the file unchanged', () => {
    const { file } = encryptedStarter(tempFolder());
    const before = sha256(file);
    expect(() => openWorkspace(file)).toThrow(`${file} is encrypted: open it with its passphrase.`);
    expect(() => openWorkspaceReadOnly(file)).toThrow('is encrypted: open it with its passphrase');
    expect(() => checkWorkspace(file, 'full')).toThrow('is encrypted');
    expect(() => openWorkspace(file, { passphrase: '' })).toThrow('The passphrase is empty.');
    for (const wrong of ['correct horse battery staple', 'Correct horse battery staple 7', 'x']) {
      expect(() => openWorkspace(file, { passphrase: wrong })).toThrow(`The passphrase is wrong for ${file}.`);
    }
    expect(sha256(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('still calls a file of another kind "not a Chokepoint workspace"', () => {
    const dir = tempFolder();
    const text = join(dir, 'notes.sqlite');
    writeFileSync(text, 'claim,source\n'.repeat(2000));
    expect(() => openWorkspace(text)).toThrow('is not a Chokepoint workspace');
    expect(() => openWorkspace(text, { passphrase })).toThrow('is not a Chokepoint workspace');
  });

  it('encrypts an existing workspace into a new file with the same counts, keeping the plain original', () => {
    const dir = tempFolder();
    const plain = join(dir, 'plain.sqlite');
    copyFileSync(plaintextStarter(), plain);
    const workspace = openWorkspace(plain);
    const counts = summary(workspace);
    workspace.close();
    const plainHash = sha256(plain);
    const target = join(dir, 'plain-encrypted.sqlite');

    const result = encryptWorkspace(plain, target, passphrase);
    expect(result.removedOriginal).toBe(false);
    expect(sha256(plain)).toBe(plainHash);
    expect(readFileSync(target).subarray(0, 16).equals(sqliteHeader)).toBe(false);
    expect(readFileSync(target).includes(Buffer.from('Baotou'))).toBe(false);
    const encrypted = openWorkspace(target, { passphrase });
    expect(summary(encrypted)).toEqual(counts);
    expect(verifyAuditChain(encrypted.db).firstBroken).toBeUndefined();
    // Save a copy of an encrypted workspace writes an encrypted copy (same passphrase).
    const copy = join(dir, 'copy.sqlite');
    saveWorkspaceCopy(encrypted, copy);
    encrypted.close();
    expect(readFileSync(copy).includes(Buffer.from('Baotou'))).toBe(false);
    expect(() => openWorkspace(copy)).toThrow('is encrypted');

    expect(() => encryptWorkspace(plain, target, passphrase)).toThrow('already exists');
    expect(() => encryptWorkspace(target, join(dir, 'again.sqlite'), passphrase)).toThrow('already encrypted');
    expect(() => encryptWorkspace(plain, join(dir, 'empty.sqlite'), '')).toThrow('The passphrase is empty.');
    expect(existsSync(join(dir, 'empty.sqlite'))).toBe(false);

    encryptWorkspace(plain, join(dir, 'moved.sqlite'), passphrase, { removeOriginal: true });
    expect(existsSync(plain)).toBe(false);
  });

  it('changes the passphrase in place and decrypts to a plain copy', () => {
    const dir = tempFolder();
    const { file } = encryptedStarter(dir);
    const next = 'a new passphrase, with "quotes" and \'apostrophes\'';
    changePassphrase(file, passphrase, next);
    expect(() => openWorkspace(file, { passphrase })).toThrow('The passphrase is wrong');
    const reopened = openWorkspace(file, { passphrase: next });
    expect(summary(reopened)).toMatchObject({ claims: 81 });
    reopened.close();
    expect(() => changePassphrase(file, passphrase, 'whatever')).toThrow('The passphrase is wrong');

    const plain = join(dir, 'plain.sqlite');
    decryptWorkspace(file, plain, next);
    expect(readFileSync(plain).subarray(0, 16).equals(sqliteHeader)).toBe(true);
    const opened = openWorkspace(plain);
    expect(summary(opened)).toMatchObject({ claims: 81 });
    opened.close();
    expect(() => decryptWorkspace(plain, join(dir, 'x.sqlite'), next)).toThrow('is not encrypted');
  });

  it('never writes the passphrase to the recent-workspaces list', () => {
    const dir = tempFolder();
    const { file } = encryptedStarter(dir);
    const recentFile = join(dir, 'recent-workspaces.json');
    openWorkspace(file, { passphrase }).close();
    saveRecentWorkspaces(recentFile, rememberWorkspace([], file));
    expect(readFileSync(recentFile, 'utf8')).toContain('secret.sqlite');
    expect(readFileSync(recentFile, 'utf8')).not.toContain(passphrase);
  });
});

describe('encryption on the command line', () => {
  it('creates and re-keys with passphrases from a descriptor and files, with clear messages without or with a wrong one', () => {
    const dir = tempFolder();
    const file = join(dir, 'cli.sqlite');
    const init = cliWith(
      { input: `${passphrase}\n` },
      'init',
      '--workspace',
      file,
      '--empty',
      '--encrypted',
      '--passphrase-fd',
      '0',
    );
    expect(init.stderr).toBe('');
    expect(init.stdout).toMatch(/0 sources, 0 claims/);
    expect(readFileSync(file).subarray(0, 16).equals(sqliteHeader)).toBe(false);

    // In this process (no terminal, no descriptor, no file): the command says how to give it.
    expect(() => runCli(['info', '--workspace', file])).toThrow(
      /Passphrase of .* is needed: give it with --passphrase-fd N or CHOKEPOINT_PASSPHRASE_FILE=FILE, or run the command in a terminal/,
    );

    const wrong = cliWith({ input: 'not it\n' }, 'info', '--workspace', file, '--passphrase-fd', '0');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(`chokepoint: The passphrase is wrong for ${file}.\n`);

    const current = join(dir, 'current.txt');
    const next = join(dir, 'next.txt');
    writeFileSync(current, `${passphrase}\n`, { mode: 0o600 });
    writeFileSync(next, 'second passphrase\r\n', { mode: 0o600 });
    const rekey = cliWith(
      { env: { CHOKEPOINT_PASSPHRASE_FILE: current, CHOKEPOINT_NEW_PASSPHRASE_FILE: next } },
      'rekey',
      '--workspace',
      file,
    );
    expect(rekey.stderr).toBe('');
    expect(rekey.stdout).toMatch(/Changed the passphrase/);
    expect(summary(openWorkspaceReadOnly(file, { passphrase: 'second passphrase' }))).toMatchObject({ claims: 0 });
  }, 120_000);

  it('refuses a passphrase given as an argument, and encrypts and decrypts through the commands', () => {
    expect(() => runCli(['info', '--workspace', 'w.sqlite', '--passphrase', 'hunter2'])).toThrow(
      /--passphrase is not accepted: a passphrase on the command line is visible to every user of this machine in the process list/,
    );
    expect(() => runCli(['info', '--workspace', 'w.sqlite', '--passphrase=hunter2'])).toThrow('--passphrase is not accepted');

    const dir = tempFolder();
    const plain = join(dir, 'plain.sqlite');
    copyFileSync(plaintextStarter(), plain);
    const passphraseFile = join(dir, 'passphrase.txt');
    writeFileSync(passphraseFile, `${passphrase}\n`, { mode: 0o600 });
    const lines: string[] = [];
    const previous = process.env.CHOKEPOINT_PASSPHRASE_FILE;
    process.env.CHOKEPOINT_PASSPHRASE_FILE = passphraseFile;
    try {
      const encrypted = join(dir, 'encrypted.sqlite');
      // Synchronous: the passphrase came from the file, no prompt.
      expect(runCli(['encrypt', '--workspace', plain, '--out', encrypted], (line) => lines.push(line))).toBeUndefined();
      expect(lines.join('\n')).toMatch(/80 claims, 52 sources, checked[\s\S]*The plain original .* is unchanged .* delete it/);
      expect(existsSync(plain)).toBe(true);
      const decrypted = join(dir, 'decrypted.sqlite');
      expect(runCli(['decrypt', '--workspace', encrypted, '--out', decrypted], (line) => lines.push(line))).toBeUndefined();
      expect(lines.at(-1)).toMatch(/decrypted.sqlite is NOT encrypted: anyone with the file can read it/);
      expect(readFileSync(decrypted).subarray(0, 16).equals(sqliteHeader)).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.CHOKEPOINT_PASSPHRASE_FILE;
      else process.env.CHOKEPOINT_PASSPHRASE_FILE = previous;
    }
  }, 60_000);
});
