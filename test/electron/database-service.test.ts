import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabaseService, type DatabaseService } from '../../electron/database-service';

const services: DatabaseService[] = [];
function service(): DatabaseService {
  const created = createDatabaseService();
  services.push(created);
  return created;
}
afterEach(() => services.splice(0).forEach((s) => s.close()));

const folder = () => mkdtempSync(join(tmpdir(), 'chokepoint-db-process-'));

describe('the database process', () => {
  it('creates a missing workspace on open when asked, and reports it as the open workspace', () => {
    const db = service();
    const file = join(folder(), 'Starter workspace.sqlite');
    const opened = db.answer({ kind: 'open', file, createWithStarter: true });
    expect(opened).toEqual({ ok: true, value: { file, name: 'Starter workspace' } });
    expect(existsSync(file)).toBe(true);
    expect(db.answer({ kind: 'current' })).toEqual(opened);
  });

  it('runs operations against the open workspace, validating their input', () => {
    const db = service();
    const file = join(folder(), 'empty.sqlite');
    expect(db.answer({ kind: 'create', file, starter: false, name: 'Magnets' })).toMatchObject({
      ok: true,
      value: { name: 'Magnets' },
    });
    expect(db.answer({ kind: 'operation', name: 'getWorkspaceSummary', input: {} })).toMatchObject({
      ok: true,
      value: { name: 'Magnets', claims: 0 },
    });
    expect(db.answer({ kind: 'operation', name: 'listClaims', input: { limit: -1 } })).toMatchObject({
      ok: false,
      error: { field: 'limit' },
    });
  });

  it('says so when no workspace is open', () => {
    expect(service().answer({ kind: 'operation', name: 'listSources', input: {} })).toMatchObject({
      ok: false,
      error: { message: /No workspace is open/ },
    });
  });

  it('refuses a damaged file without writing to it, and keeps the previous workspace open', () => {
    const db = service();
    const dir = folder();
    const good = join(dir, 'good.sqlite');
    db.answer({ kind: 'create', file: good, starter: false });
    const damaged = join(dir, 'damaged.sqlite');
    writeFileSync(damaged, 'SQLite format 3\0 but then garbage'.padEnd(4096, '\x01'));
    const before = readFileSync(damaged);
    const result = db.answer({ kind: 'open', file: damaged });
    expect(result).toMatchObject({ ok: false, error: { field: 'workspace' } });
    expect(readFileSync(damaged).equals(before)).toBe(true);
    expect(existsSync(`${damaged}-wal`)).toBe(false);
    expect(db.answer({ kind: 'current' })).toMatchObject({ ok: true, value: { file: good } });
  });

  it('saves a copy that opens as a workspace of its own', () => {
    const db = service();
    const dir = folder();
    db.answer({ kind: 'create', file: join(dir, 'a.sqlite'), starter: false, name: 'Original' });
    const copy = join(dir, 'a copy.sqlite');
    expect(db.answer({ kind: 'saveCopy', target: copy })).toEqual({ ok: true, value: { file: copy } });
    expect(db.answer({ kind: 'open', file: copy })).toMatchObject({ ok: true, value: { file: copy, name: 'Original' } });
  });

  it('exports the open workspace as JSON and as a CSV of claims (File ▸ Export)', () => {
    const db = service();
    const dir = folder();
    db.answer({ kind: 'create', file: join(dir, 'starter.sqlite'), starter: true });
    const json = join(dir, 'starter.json');
    const csv = join(dir, 'starter claims.csv');
    expect(db.answer({ kind: 'export', format: 'json', target: json })).toEqual({ ok: true, value: { file: json } });
    expect(db.answer({ kind: 'export', format: 'csv', target: csv })).toEqual({ ok: true, value: { file: csv } });
    const exported = JSON.parse(readFileSync(json, 'utf8')) as { sources: unknown[]; claims: unknown[] };
    expect([exported.sources.length, exported.claims.length]).toEqual([52, 80]);
    // Header plus one line per claim (statements hold no line breaks in the starter data).
    expect(readFileSync(csv, 'utf8').trim().split('\r\n')).toHaveLength(81);
    expect(db.answer({ kind: 'export', format: 'csv', target: join(dir, 'no such folder', 'x.csv') })).toMatchObject({
      ok: false,
      error: { field: 'target', message: expect.stringMatching(/Cannot write .*: its folder does not exist/) as unknown },
    });
  });

  it('refuses to create over an existing file', () => {
    const db = service();
    const file = join(folder(), 'exists.sqlite');
    writeFileSync(file, '');
    expect(db.answer({ kind: 'create', file, starter: false })).toMatchObject({
      ok: false,
      error: { message: /already exists/ },
    });
  });
});
