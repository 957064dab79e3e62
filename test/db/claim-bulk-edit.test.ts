import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeOperation, type OperationInput } from '../../db/api';
import { verifyAuditChain } from '../../db/audit/log';
import { listClaimIds } from '../../db/evidence/claim-bulk-edit';
import { claimSnapshot } from '../../db/evidence/claim-writes';
import type { AuditRecord, ClaimDetail, ClaimPage } from '../../db/evidence/views';
import { createWorkspace } from '../../db/workspace/create';
import { checkWorkspace, type Workspace } from '../../db/workspace/open';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();
let workspace: Workspace;
let sourceId: string;

beforeEach(() => {
  workspace = createWorkspace(join(tempFolder(), 'w.sqlite'), { starter: false, name: 'Bulk edit' });
  sourceId = call<{ id: string }>('createSource', {
    title: 'Plant survey',
    publisherType: 'industry_analyst',
    reliability: 'B',
  }).id;
});
afterEach(() => workspace.close());

function call<T = unknown>(name: string, input?: unknown): T {
  const result = executeOperation({ workspace }, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}
function failure(name: string, input?: unknown) {
  const result = executeOperation({ workspace }, name, input);
  if (result.ok) throw new Error(`${name} should have failed`);
  return result.error;
}

function claim(fields: Partial<OperationInput<'createClaim'>> = {}): string {
  return call<{ id: string }>('createClaim', {
    statement: 'Separation capacity',
    stage: 'separation',
    country: 'Malaysia',
    metric: 'capacity_t_per_yr',
    value: 10000,
    unit: 't',
    year: 2024,
    credibility: 4,
    citations: [{ sourceId, stance: 'supports' }],
    ...fields,
  }).id;
}

const detail = (id: string) => call<ClaimDetail>('getClaim', { id });
const history = (id: string) => call<AuditRecord[]>('getHistory', { entityType: 'claim', entityId: id });
const auditCount = () => workspace.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
/** Everything an edit could touch, to show that a refused edit wrote nothing. */
const state = () =>
  JSON.stringify([
    workspace.db.prepare('SELECT * FROM claims ORDER BY seq').all(),
    workspace.db.prepare('SELECT * FROM claim_tags ORDER BY claim_id, tag').all(),
    workspace.db.prepare('SELECT * FROM claim_evidence ORDER BY claim_seq').all(),
    auditCount(),
  ]);

describe('editing many claims at once', () => {
  it('changes every chosen claim and no other, and records each change in that claim’s own history', () => {
    const chosen = [claim({ statement: 'A' }), claim({ statement: 'B', facilityStatus: 'planned' }), claim({ statement: 'C' })];
    const other = claim({ statement: 'D' });
    const otherBefore = claimSnapshot(workspace.db, other);
    const records = auditCount();

    const result = call('updateClaims', {
      ids: chosen,
      changes: { credibility: 2, credibilityReason: '  Confirmed by the 2025 plant survey ', facilityStatus: 'operating' },
    });

    expect(result).toEqual({ updated: 3 });
    for (const id of chosen) {
      expect(detail(id)).toMatchObject({
        credibility: 2,
        credibilityReason: 'Confirmed by the 2025 plant survey',
        facilityStatus: 'operating',
      });
      const [latest] = history(id);
      expect(latest).toMatchObject({ action: 'update', entityType: 'claim', entityId: id });
      // The record holds the claim as it now stands, as a single-claim edit's record does.
      expect(latest!.after).toEqual(JSON.parse(JSON.stringify(claimSnapshot(workspace.db, id))));
      expect((latest!.before as { credibility: number }).credibility).toBe(4);
    }
    expect(claimSnapshot(workspace.db, other)).toEqual(otherBefore);
    expect(auditCount()).toBe(records + 3);
    expect(verifyAuditChain(workspace.db).firstBroken).toBeUndefined();
    // The full check compares every claim with its latest audit record: the bulk records vouch for them.
    expect(checkWorkspace(workspace.file, 'full').problems).toEqual([]);
  });

  it('refuses the whole edit when one id is unknown, naming it, and writes nothing', () => {
    const ids = [claim(), claim()];
    const before = state();
    const error = failure('updateClaims', { ids: [ids[0], 'clm-nosuchclaim', ids[1]], changes: { credibility: 1 } });
    expect(error).toEqual({ message: 'No claim with id "clm-nosuchclaim"; no claim was changed.', field: 'ids' });
    expect(state()).toBe(before);
  });

  it('refuses fields that cannot be edited in bulk, naming them, and other bad input', () => {
    const id = claim();
    const before = state();
    const cases: [unknown, string][] = [
      [{ ids: [id], changes: { value: 5 } }, 'changes.value: unknown field'],
      [{ ids: [id], changes: { statement: 'x' } }, 'changes.statement: unknown field'],
      [{ ids: [id], changes: { credibility: 2 }, also: 1 }, 'also: unknown field'],
      [{ ids: [id], changes: {} }, 'changes: choose at least one change to make'],
      [{ ids: [], changes: { credibility: 2 } }, 'ids: choose at least one claim'],
      [{ ids: [id, id], changes: { credibility: 2 } }, `ids.1: claim "${id}" is listed twice`],
      [{ ids: [id], changes: { credibility: 7 } }, 'changes.credibility'],
      [{ ids: [id], changes: { stage: 'smelting' } }, 'changes.stage'],
      [{ ids: [id], changes: { addTags: ['  '] } }, 'changes.addTags.0: a tag cannot be empty'],
      [{ ids: [id], changes: { addTags: ['x'], removeTags: ['x'] } }, 'changes.removeTags: "x" is both added and removed'],
    ];
    for (const [input, message] of cases)
      expect(failure('updateClaims', input).message, JSON.stringify(input)).toContain(message);
    expect(state()).toBe(before);
  });

  it('recomputes conflict groups when a stage changes: moving one claim of a conflict away ends it for both', () => {
    const low = claim({ value: 10000 });
    const high = claim({ value: 15000 });
    expect(detail(low).evidence.contested).toBe(true);
    expect(detail(high).conflictGroup).toBe('separation|capacity_t_per_yr|2024|malaysia');

    call('updateClaims', { ids: [high], changes: { stage: 'refining' } });

    expect(detail(high)).toMatchObject({ stage: 'refining', conflictGroup: null });
    // The claim left behind is no longer in conflict with anything: its group was recomputed too.
    expect(detail(low)).toMatchObject({ conflictGroup: null, evidence: { contested: false } });
    call('updateClaims', { ids: [high], changes: { stage: 'separation' } });
    expect(detail(low).evidence.contested).toBe(true);
  });

  it('adds and removes tags, and the tag filter and search follow', () => {
    const a = claim({ tags: ['import-2024', 'keep'] });
    const b = claim({ tags: ['import-2024'] });
    call('updateClaims', { ids: [a, b], changes: { addTags: ['checked by analyst'], removeTags: ['import-2024'] } });
    expect(detail(a).tags).toEqual(['checked by analyst', 'keep']);
    expect(detail(b).tags).toEqual(['checked by analyst']);
    expect(call<ClaimPage>('listClaims', { tag: 'import-2024' }).total).toBe(0);
    expect(call<ClaimPage>('listClaims', { search: 'analyst' }).total).toBe(2);
    // Adding a tag a claim already has is not an error and does not duplicate it.
    call('updateClaims', { ids: [a], changes: { addTags: ['keep'] } });
    expect(detail(a).tags).toEqual(['checked by analyst', 'keep']);
  });

  it('clears a facility status with null and leaves fields it was not given as they were', () => {
    const id = claim({ facilityStatus: 'idle', credibility: 5, credibilityReason: 'Old survey' });
    call('updateClaims', { ids: [id], changes: { facilityStatus: null } });
    expect(detail(id)).toMatchObject({
      facilityStatus: null,
      credibility: 5,
      credibilityReason: 'Old survey',
      stage: 'separation',
    });
  });
});

describe('the ids of the claims a filter matches', () => {
  it('selects exactly what the claims view counts, for filters and for a search', () => {
    const malaysia = [claim({ statement: 'Lynas Kuantan separation' }), claim({ statement: 'Kuantan expansion' })];
    const china = claim({ country: 'China', statement: 'Baotou separation' });
    const queries = [
      {},
      { country: 'Malaysia' },
      { search: 'separation' },
      { search: 'kuantan', country: 'Malaysia' },
      { side: 'china' },
    ];
    for (const query of queries) {
      const page = call<ClaimPage>('listClaims', { ...query, limit: 500 });
      const selected = call<{ total: number; ids: string[] }>('listClaimIds', { ...query, sort: 'country', direction: 'desc' });
      expect(selected.total, JSON.stringify(query)).toBe(page.total);
      expect(new Set(selected.ids), JSON.stringify(query)).toEqual(new Set(page.rows.map((r) => r.id)));
    }
    expect(call<{ ids: string[] }>('listClaimIds', { country: 'Malaysia' }).ids).toEqual(malaysia);
    expect(call<{ ids: string[] }>('listClaimIds', { side: 'china' }).ids).toEqual([china]);
  });

  it('gives the count but no ids when more claims match than one edit may change', () => {
    for (let i = 0; i < 4; i++) claim();
    expect(listClaimIds(workspace.db, {}, 3)).toEqual({ total: 4, ids: [], limit: 3 });
    expect(listClaimIds(workspace.db, {}, 4).ids).toHaveLength(4);
  });
});
