import { join } from 'node:path';
import { CURRENT_SCHEMA_VERSION } from '../../db/migrations';
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { executeOperation, operations, validateOperation } from '../../db/api';
import { operationNames } from '../../db/operation-names';
import { createWorkspace } from '../../db/workspace/create';
import type { Workspace } from '../../db/workspace/open';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();
let workspace: Workspace;

beforeEach(() => {
  workspace = createWorkspace(join(tempFolder(), 'Rare earths.sqlite'), { starter: true });
});
afterEach(() => workspace.close());

function call(name: string, input?: unknown) {
  return executeOperation({ workspace }, name, input);
}

describe('the operation table', () => {
  it('has exactly the operations the preload exposes', () => {
    expect(Object.keys(operations).sort()).toEqual([...operationNames].sort());
  });

  it('summarizes the workspace', () => {
    expect(call('getWorkspaceSummary')).toMatchObject({
      ok: true,
      value: {
        name: 'Rare earths',
        file: workspace.file,
        schemaVersion: CURRENT_SCHEMA_VERSION,
        sources: 52,
        claims: 80,
        grading: expect.stringMatching(/assigned by rule/) as unknown,
      },
    });
  });

  it('pages through claims with their citing sources and grades', () => {
    const first = call('listClaims', { limit: 50 });
    const second = call('listClaims', { offset: 50, limit: 50 });
    if (!first.ok || !second.ok) throw new Error('listClaims failed');
    const a = first.value as { total: number; rows: { id: string; citations: { reliability: string }[] }[] };
    const b = second.value as typeof a;
    expect(a.total).toBe(80);
    expect(a.rows).toHaveLength(50);
    expect(b.rows).toHaveLength(30);
    expect(new Set([...a.rows, ...b.rows].map((r) => r.id)).size).toBe(80);
    expect(a.rows[0]!.citations[0]!.reliability).toMatch(/^[A-F]$/);
  });

  it('places every claim on a side of the gap: China, ex-China, or an aggregate that is neither', () => {
    const result = call('listClaims', { limit: 500 });
    if (!result.ok) throw new Error(result.error.message);
    const rows = (result.value as { rows: { country: string | null; side: string | null }[] }).rows;
    const sideOf = (country: string) => new Set(rows.filter((r) => r.country === country).map((r) => r.side));
    expect(sideOf('China')).toEqual(new Set(['china']));
    expect(sideOf('Burma (Myanmar)')).toEqual(new Set(['ex-china']));
    expect(sideOf('World')).toEqual(new Set(['aggregate']));
    expect(sideOf('European Union')).toEqual(new Set(['aggregate']));
  });

  it('filters claims by stage', () => {
    const result = call('listClaims', { stage: 'magnets' });
    if (!result.ok) throw new Error(result.error.message);
    const page = result.value as { total: number; rows: { stage: string }[] };
    expect(page.total).toBe(13);
    expect(new Set(page.rows.map((r) => r.stage))).toEqual(new Set(['magnets']));
  });

  it('refuses bad input with a message naming the field, and runs nothing', () => {
    expect(call('listClaims', { limit: 'all' })).toMatchObject({
      ok: false,
      error: { field: 'limit', message: expect.stringMatching(/^listClaims: limit:/) as unknown },
    });
    expect(call('listClaims', { limit: 100_000 })).toMatchObject({ ok: false, error: { field: 'limit' } });
    expect(call('listClaims', { stage: 'smelting' })).toMatchObject({ ok: false, error: { field: 'stage' } });
    expect(call('listClaims', { limit: 10, sql: 'DROP TABLE claims' })).toMatchObject({
      ok: false,
      error: { field: 'sql', message: 'listClaims: sql: unknown field' },
    });
    expect(call('dropEverything', {})).toMatchObject({ ok: false, error: { message: 'Unknown operation "dropEverything".' } });
    expect(call('listClaims', 'limit=10')).toMatchObject({ ok: false });
    expect(workspace.db.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(80);
  });

  it('validates without running, for the IPC layer', () => {
    expect(validateOperation('listClaims', {})).toEqual({
      name: 'listClaims',
      input: { offset: 0, limit: 100, sort: 'stage', direction: 'asc' },
    });
    expect(() => validateOperation('__proto__', {})).toThrow(/Unknown operation/);
  });

  it('offers the Admiralty wording so every view says the same thing', () => {
    const result = call('getVocabulary');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({
      reliability: { A: 'Completely reliable', F: 'Reliability cannot be judged' },
      credibility: { 1: 'Confirmed by other sources' },
    });
  });
});
