import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWorkspaceToFile } from '../../db/export/export-file';
import { createWorkspace } from '../../db/workspace/create';
import { createDatabaseService } from '../../electron/database-service';

const passphrase = 'the database process keeps me in memory';
let folder: string;
let encrypted: string;
let exported: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'chokepoint-db-process-encrypted-'));
  encrypted = join(folder, 'fixture.sqlite');
  createWorkspace(encrypted, { starter: false, passphrase }).close();
  const plain = createWorkspace(join(folder, 'plain.sqlite'), { starter: true });
  exported = join(folder, 'starter.json');
  exportWorkspaceToFile(plain.db, 'json', exported);
  plain.close();
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the database process with an encrypted workspace', () => {
  it('says it needs the passphrase, refuses a wrong one, and imports with a snapshot reader on the right one', async () => {
    const file = join(folder, 'open-me.sqlite');
    copyFileSync(encrypted, file);
    const service = createDatabaseService();
    try {
      // Without one it opens locked (database-service-locked.test.ts): every request asks for it.
      expect(service.answer({ kind: 'open', file })).toMatchObject({ ok: true, value: { file } });
      expect(service.answer({ kind: 'operation', name: 'getWorkspaceSummary', input: {} })).toEqual({
        ok: false,
        error: { message: 'open-me.sqlite is encrypted: enter its passphrase to open it.', field: 'passphrase' },
      });
      expect(service.answer({ kind: 'open', file, passphrase: 'guess' })).toEqual({
        ok: false,
        error: { message: `The passphrase is wrong for ${file}.`, field: 'passphrase' },
      });
      expect(service.answer({ kind: 'open', file, passphrase })).toMatchObject({ ok: true, value: { file } });

      // During the import, other requests are answered by a second connection, which needs the key too.
      let duringImport: unknown;
      const report = await service.startImport({ kind: 'importFile', file: exported, input: {} }, () => {
        duringImport ??= service.answer({ kind: 'operation', name: 'getWorkspaceSummary', input: {} });
      });
      expect(report).toMatchObject({ ok: true });
      // Answered by the reader while the import ran (a keyless reader answers "file is not a database").
      expect(duringImport).toMatchObject({ ok: true });
      expect(service.answer({ kind: 'operation', name: 'getWorkspaceSummary', input: {} })).toMatchObject({
        ok: true,
        value: { claims: 80 },
      });
    } finally {
      service.close();
    }
    expect(readFileSync(file).includes(Buffer.from(passphrase))).toBe(false);
    expect(readFileSync(file).includes(Buffer.from('Baotou'))).toBe(false);
  }, 60_000);
});
