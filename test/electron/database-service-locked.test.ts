import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWorkspace } from '../../db/workspace/create';
import type { OperationName } from '../../db/operation-names';
import type { DatabaseRequest } from '../../electron/database-messages';
import { createDatabaseService, type DatabaseService } from '../../electron/database-service';

/**
 * The app opens an encrypted workspace without its passphrase (main never has it): the database
 * process holds the file, locked, and answers every request with "enter its passphrase" until the
 * page's unlockWorkspace brings it. These are the behaviours the analyst sees through the prompt.
 */
const passphrase = 'locked until the analyst types me';
let folder: string;
let encrypted: string;
let plain: string;
const services: DatabaseService[] = [];

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'chokepoint-locked-'));
  encrypted = join(folder, 'fixture-encrypted.sqlite');
  createWorkspace(encrypted, { starter: true, passphrase }).close();
  plain = join(folder, 'plain.sqlite');
  createWorkspace(plain, { starter: false }).close();
}, 60_000);
afterEach(() => {
  for (const service of services.splice(0)) service.close();
  vi.restoreAllMocks();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function service(): DatabaseService {
  const created = createDatabaseService();
  services.push(created);
  return created;
}

function copyOfEncrypted(name: string): string {
  const file = join(folder, name);
  copyFileSync(encrypted, file);
  return file;
}

// Any name, a wrong one included: the database process must answer whatever main sends.
const operation = (name: string, input: unknown = {}): DatabaseRequest => ({
  kind: 'operation',
  name: name as OperationName,
  input,
});
const lockedAnswer = (fileName: string) => ({
  ok: false,
  error: { message: `${fileName} is encrypted: enter its passphrase to open it.`, field: 'passphrase' },
});

describe('an encrypted workspace opened without its passphrase', () => {
  it('opens locked: named by its file, every request answers "enter its passphrase", nothing is read', () => {
    const file = copyOfEncrypted('Field notes.sqlite');
    const db = service();
    expect(db.answer({ kind: 'open', file })).toEqual({ ok: true, value: { file, name: 'Field notes' } });
    expect(db.answer({ kind: 'current' })).toEqual({ ok: true, value: { file, name: 'Field notes' } });
    for (const name of ['getWorkspaceSummary', 'getVocabulary', 'listClaims', 'suggestFigures', 'createClaim', 'nonsense']) {
      expect(db.answer(operation(name)), name).toEqual(lockedAnswer('Field notes.sqlite'));
    }
    expect(db.answer({ kind: 'saveCopy', target: join(folder, 'copy.sqlite') })).toEqual(lockedAnswer('Field notes.sqlite'));
    expect(db.answer({ kind: 'export', format: 'json', target: join(folder, 'out.json') })).toEqual(
      lockedAnswer('Field notes.sqlite'),
    );
  });

  it('refuses a wrong passphrase with a clear message and stays locked; the right one opens every view', () => {
    const file = copyOfEncrypted('unlock-me.sqlite');
    const db = service();
    db.answer({ kind: 'open', file });
    expect(db.answer(operation('unlockWorkspace', { passphrase: 'a guess' }))).toEqual({
      ok: false,
      error: { message: 'The passphrase is wrong for unlock-me.sqlite.', field: 'passphrase' },
    });
    expect(db.answer(operation('getWorkspaceSummary'))).toEqual(lockedAnswer('unlock-me.sqlite'));
    // Checked by the operation table's own schema: empty, too long, or extra fields never reach SQLite.
    expect(db.answer(operation('unlockWorkspace', { passphrase: '' }))).toMatchObject({
      ok: false,
      error: { message: 'unlockWorkspace: passphrase: enter the passphrase', field: 'passphrase' },
    });
    expect(db.answer(operation('unlockWorkspace', { passphrase: 'x'.repeat(1025) }))).toMatchObject({
      ok: false,
      error: { field: 'passphrase' },
    });
    expect(db.answer(operation('unlockWorkspace', { passphrase, remember: true }))).toMatchObject({ ok: false });
    expect(db.answer(operation('getWorkspaceSummary'))).toEqual(lockedAnswer('unlock-me.sqlite'));

    expect(db.answer(operation('unlockWorkspace', { passphrase }))).toMatchObject({ ok: true, value: { file } });
    expect(db.answer(operation('getWorkspaceSummary'))).toMatchObject({ ok: true, value: { claims: 80, file } });
    expect(db.answer(operation('listClaims', { limit: 5 }))).toMatchObject({ ok: true });
    // Unlocking again is harmless; choosing the same file again (Open Recent) keeps it open.
    expect(db.answer(operation('unlockWorkspace', { passphrase: 'anything' }))).toMatchObject({ ok: true, value: { file } });
    expect(db.answer({ kind: 'open', file })).toMatchObject({ ok: true, value: { file } });
    expect(db.answer(operation('getWorkspaceSummary'))).toMatchObject({ ok: true, value: { claims: 80 } });
  }, 30_000);

  it('comes back locked after the database process restarts: the passphrase lived only in the old process', () => {
    const file = copyOfEncrypted('restarted.sqlite');
    const before = service();
    before.answer({ kind: 'open', file });
    expect(before.answer(operation('unlockWorkspace', { passphrase }))).toMatchObject({ ok: true });
    before.close();
    // database-client.ts reopens the last file with { kind: 'open', file } and nothing else.
    const after = service();
    expect(after.answer({ kind: 'open', file })).toEqual({ ok: true, value: { file, name: 'restarted' } });
    expect(after.answer(operation('listClaims', {}))).toEqual(lockedAnswer('restarted.sqlite'));
  }, 30_000);

  it('closes the workspace that was open, and a failed open afterwards leaves the locked one waiting', () => {
    const file = copyOfEncrypted('second.sqlite');
    const db = service();
    expect(db.answer({ kind: 'open', file: plain })).toMatchObject({ ok: true });
    expect(db.answer({ kind: 'open', file })).toMatchObject({ ok: true, value: { file } });
    expect(db.answer(operation('getWorkspaceSummary'))).toEqual(lockedAnswer('second.sqlite'));
    expect(db.answer({ kind: 'open', file: join(folder, 'missing.sqlite') })).toMatchObject({ ok: false });
    expect(db.answer(operation('getWorkspaceSummary'))).toEqual(lockedAnswer('second.sqlite'));
    // Opening a plain workspace instead is always possible.
    expect(db.answer({ kind: 'open', file: plain })).toMatchObject({ ok: true, value: { file: plain } });
    expect(db.answer(operation('getWorkspaceSummary'))).toMatchObject({ ok: true, value: { file: plain } });
  });

  it('never logs the passphrase, right or wrong', () => {
    const logged: unknown[][] = [];
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args));
    }
    const file = copyOfEncrypted('quiet.sqlite');
    const db = service();
    db.answer({ kind: 'open', file });
    const wrong = db.answer(operation('unlockWorkspace', { passphrase: 'wrong-secret-value' }));
    const right = db.answer(operation('unlockWorkspace', { passphrase }));
    expect(right).toMatchObject({ ok: true });
    const everything = JSON.stringify([wrong, right, logged.map((args) => args.map((arg) => inspect(arg, { depth: 8 })))]);
    expect(everything).not.toContain('wrong-secret-value');
    expect(everything).not.toContain(passphrase);
  }, 30_000);
});
