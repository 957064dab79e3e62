import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeOperation, type OperationInput } from '../../db/api';
import { paging } from '../../db/evidence/claim-query';
import type { ClaimPage } from '../../db/evidence/views';
import { CURRENT_SCHEMA_VERSION, migrations } from '../../db/migrations';
import { createWorkspace } from '../../db/workspace/create';
import { openWorkspace, type Workspace } from '../../db/workspace/open';
import { multiplyClaims } from '../e2e/workspaces';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();
let workspace: Workspace;
const defaultWalk = paging.walkAtMost;

beforeEach(() => {
  const file = join(tempFolder(), 'w.sqlite');
  createWorkspace(file, { starter: true }).close();
  multiplyClaims(file, 7); // 80 starter claims × 8 = 640
  workspace = openWorkspace(file);
});
afterEach(() => {
  paging.walkAtMost = defaultWalk;
  workspace.close();
});

function call<T = unknown>(name: string, input?: unknown): T {
  const result = executeOperation({ workspace }, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}
const page = (query: object) => call<ClaimPage>('listClaims', { limit: 500, ...query });
const sourceId = () => page({}).rows[0]!.citations[0]!.sourceId;
const claim = (fields: Partial<OperationInput<'createClaim'>>) =>
  call<{ id: string }>('createClaim', { statement: 'A claim', citations: [{ sourceId: sourceId() }], ...fields }).id;

/** Every claim of a query, in the order the table shows them, read page by page as a scroll would. */
function scrolled(query: object, pageSize = 70): { total: number; ids: string[] } {
  const first = page({ ...query, offset: 0, limit: pageSize });
  const ids = first.rows.map((row) => row.id);
  for (let offset = pageSize; offset < first.total; offset += pageSize)
    ids.push(...page({ ...query, offset, limit: pageSize }).rows.map((row) => row.id));
  return { total: first.total, ids };
}

describe('claims table pages', () => {
  const queries: object[] = [
    {},
    { stage: 'mining' },
    { sort: 'updated', direction: 'desc' },
    { side: 'china', sort: 'value', direction: 'desc' },
    { evidence: 'contested' },
    { evidence: 'state_media_only' },
    { stage: 'mining', yearFrom: 2020, sort: 'value', direction: 'desc' },
    { country: 'China', sort: 'year' },
    { country: 'china', sort: 'country', direction: 'desc' },
    { metric: 'production_t', evidence: 'contested' },
    { metric: 'production_t', country: 'China', yearFrom: 2020 },
    { stage: 'mining', metric: 'production_t', sort: 'stage', direction: 'desc' },
    { evidence: 'corroborated', sort: 'credibility' },
    { credibilityAtMost: 3, sort: 'credibility', direction: 'desc' },
    { metric: 'capacity_t_per_yr', sort: 'country', direction: 'desc' },
    { search: 'rare' },
    { search: 'China', stage: 'mining' },
    { search: 'capacity', sort: 'year', direction: 'desc' },
    { search: 'USGS', evidence: 'corroborated', sort: 'statement' },
  ];

  it('shows the same claims in the same order however a page is found, and the count matches them', () => {
    const totals: number[] = [];
    for (const query of queries) {
      paging.walkAtMost = defaultWalk;
      const chosen = scrolled(query);
      paging.walkAtMost = Number.POSITIVE_INFINITY; // always walk the sort index
      const walked = scrolled(query, 45);
      paging.walkAtMost = 0; // always collect the keys and slice them
      const sliced = scrolled(query, 90);
      totals.push(chosen.total);
      expect(chosen.ids.length, JSON.stringify(query)).toBe(chosen.total);
      expect(new Set(chosen.ids).size, JSON.stringify(query)).toBe(chosen.total);
      expect(walked, JSON.stringify(query)).toEqual(chosen);
      expect(sliced, JSON.stringify(query)).toEqual(chosen);
      if (chosen.total <= 500) expect(page(query).rows.map((row) => row.id)).toEqual(chosen.ids);
    }
    // Most of these select a few dozen to hundreds of claims, more than one page.
    expect(totals.filter((total) => total > 70).length).toBeGreaterThan(8);
  });

  it('orders by the sort column, then by age, as the column headers promise', () => {
    const expected = workspace.db
      .prepare(
        `SELECT c.id FROM claims c JOIN claim_evidence e ON e.claim_seq = c.seq
          WHERE e.side = 'china' ORDER BY c.value DESC, c.seq DESC`,
      )
      .pluck()
      .all() as string[];
    expect(expected.length).toBeGreaterThan(0);
    for (const walkAtMost of [0, defaultWalk, Number.POSITIVE_INFINITY]) {
      paging.walkAtMost = walkAtMost;
      expect(scrolled({ side: 'china', sort: 'value', direction: 'desc' }).ids).toEqual(expected);
    }
  });

  it('counts a new claim and shows it, after the same filter was already counted', () => {
    const before = page({ stage: 'mining', offset: 100, limit: 10 }).total;
    expect(scrolled({ stage: 'mining' }).total).toBe(before);
    const id = claim({ statement: 'Newly seen mine output', stage: 'mining', country: 'Chile' });
    expect(page({ stage: 'mining', offset: 100, limit: 10 }).total).toBe(before + 1);
    expect(scrolled({ stage: 'mining' }).ids).toContain(id);
    expect(page({ sort: 'updated', direction: 'desc', limit: 1 }).rows[0]!.id).toBe(id);

    // Moving it to another stage moves it between the counts; deleting it takes it out.
    const refining = page({ stage: 'refining' }).total;
    call('updateClaim', {
      id,
      claim: {
        statement: 'Newly seen refinery output',
        stage: 'refining',
        country: 'Chile',
        citations: [{ sourceId: sourceId() }],
      },
    });
    expect(page({ stage: 'mining' }).total).toBe(before);
    expect(page({ stage: 'refining' }).total).toBe(refining + 1);
    call('deleteClaim', { id });
    expect(page({ stage: 'refining' }).total).toBe(refining);
    expect(scrolled({ stage: 'refining' }).ids).not.toContain(id);
  });

  it('finds a claim written after the same search was run, on every page of its results', () => {
    expect(page({ search: 'Zzyzx' }).total).toBe(0);
    const broad = scrolled({ search: 'rare' });
    const id = claim({ statement: 'Zzyzx rare earth separation line' });
    expect(page({ search: 'Zzyzx' }).rows.map((row) => row.id)).toEqual([id]);
    const after = scrolled({ search: 'rare' });
    expect(after.total).toBe(broad.total + 1);
    expect(after.ids).toContain(id);
  });

  it('sees a change another connection made to the file', () => {
    const before = page({ stage: 'magnets' }).total;
    const other = new Database(workspace.file);
    try {
      other.prepare(`UPDATE claims SET stage = 'magnets' WHERE seq = (SELECT min(seq) FROM claims WHERE stage = 'mining')`).run();
    } finally {
      other.close();
    }
    expect(page({ stage: 'magnets' }).total).toBe(before + 1);
  });

  it('forgets what it read inside a transaction that was rolled back', () => {
    const before = page({ stage: 'policy' }).total;
    const db = workspace.db;
    expect(() =>
      db.transaction(() => {
        db.prepare(`UPDATE claims SET stage = 'policy' WHERE stage = 'mining'`).run();
        expect(page({ stage: 'policy' }).total).toBeGreaterThan(before);
        throw new Error('undo');
      })(),
    ).toThrow('undo');
    expect(page({ stage: 'policy' }).total).toBe(before);
  });
});

describe('migration 7: claim paging', () => {
  it('upgrades a schema-6 workspace, keeping its claims and adding the paging indexes', () => {
    const file = join(tempFolder(), 'v6.sqlite');
    const v6 = openWorkspace(file, { create: true, migrations: migrations.slice(0, 6) });
    v6.db.exec(`
      INSERT INTO sources (id, title, publisher_type, reliability) VALUES ('s1', 'USGS', 'government', 'B');
      INSERT INTO claims (id, statement, stage, country, metric, value, year, credibility) VALUES
        ('c1', 'China mine output', 'mining', 'China', 'production_t', 270000, 2024, 3),
        ('c2', 'Australia mine output', 'mining', 'Australia', 'production_t', 13000, 2024, 2);
      INSERT INTO claim_citations (claim_id, source_id) VALUES ('c1', 's1'), ('c2', 's1');`);
    v6.close();

    const upgraded = openWorkspace(file);
    try {
      expect(upgraded.db.pragma('user_version', { simple: true })).toBe(CURRENT_SCHEMA_VERSION);
      expect(existsSync(upgraded.backupFile!)).toBe(true);
      const indexes = upgraded.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).pluck().all();
      expect(indexes).toEqual(
        expect.arrayContaining(['claims_by_credibility', 'claims_by_metric', 'claim_evidence_corroborated']),
      );
      expect(upgraded.db.prepare('SELECT id FROM claims ORDER BY credibility').pluck().all()).toEqual(['c2', 'c1']);
    } finally {
      upgraded.close();
    }
  });
});
