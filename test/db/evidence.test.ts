import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeOperation } from '../../db/api';
import { verifyAuditChain } from '../../db/audit/log';
import type { OperationInput } from '../../db/api';
import type { ClaimDetail, ClaimListRow, ClaimPage, ConflictGroup, SourceDetail } from '../../db/evidence/views';
import { createWorkspace } from '../../db/workspace/create';
import { checkWorkspace, type Workspace } from '../../db/workspace/open';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();
let workspace: Workspace;

beforeEach(() => {
  workspace = createWorkspace(join(tempFolder(), 'w.sqlite'), { starter: true });
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

const source = (fields: OperationInput<'createSource'>) => call<{ id: string }>('createSource', fields).id;
const claim = (fields: OperationInput<'createClaim'>) => call<{ id: string }>('createClaim', fields).id;
const evidenceOf = (id: string) => call<ClaimDetail>('getClaim', { id }).evidence;
const page = (query: object) => call<ClaimPage>('listClaims', { limit: 500, ...query });

describe('evidence status', () => {
  it('marks the four claims relayed from China Northern Rare Earth state-media releases as state-media only', () => {
    const rows = page({ evidence: 'state_media_only' }).rows;
    const relayed = rows.filter((r) =>
      r.citations.some((c) => c.publisher?.startsWith('Rare Earth Exchanges (REEx), summarising China Northern')),
    );
    expect(relayed).toHaveLength(4);
    expect(relayed.map((r) => r.statement).join(' ')).toMatch(/11,200/);
    for (const row of relayed)
      expect(row.evidence).toMatchObject({ stateMediaOnly: true, corroborated: false, independentOrigins: 1 });
  });

  it('follows derived-from links: a relay of a company release is not a second origin', () => {
    const release = source({ title: 'Lynas annual report', publisherType: 'company', reliability: 'C' });
    const relay = source({ title: 'Mining news restating the report', publisherType: 'news', derivedFrom: [release] });
    const relayOfRelay = source({ title: 'Aggregator copy', publisherType: 'news', derivedFrom: [relay] });
    const id = claim({
      statement: 'Lynas separated 10,000 t NdPr',
      citations: [
        { sourceId: release, stance: 'supports' },
        { sourceId: relayOfRelay, stance: 'supports' },
      ],
    });
    expect(evidenceOf(id)).toMatchObject({ independentOrigins: 1, corroborated: false });
    const detail = call<ClaimDetail>('getClaim', { id });
    expect(detail.chains[1]!.paths[0]!.map((link) => link.title)).toEqual([
      'Aggregator copy',
      'Mining news restating the report',
      'Lynas annual report',
    ]);

    const independent = source({ title: 'Government statistics', publisherType: 'government', reliability: 'B' });
    call('updateClaim', {
      id,
      claim: {
        statement: 'Lynas separated 10,000 t NdPr',
        citations: [
          { sourceId: relayOfRelay, stance: 'supports' },
          { sourceId: independent, stance: 'supports' },
        ],
      },
    });
    expect(evidenceOf(id)).toMatchObject({ independentOrigins: 2, corroborated: true, stateMediaOnly: false });
  });

  it('marks state-media only when every supporting origin is state-affiliated, even through a relay', () => {
    const xinhua = source({ title: 'Xinhua item', publisherType: 'state_media' });
    const relay = source({ title: 'Newsletter relay', publisherType: 'news', stateAffiliated: 'no', derivedFrom: [xinhua] });
    const id = claim({ statement: 'Plant X reached 5,000 t', citations: [{ sourceId: relay }] });
    expect(evidenceOf(id)).toMatchObject({ stateMediaOnly: true, independentOrigins: 1 });
    const agency = source({ title: 'Agency', publisherType: 'government' });
    call('updateClaim', {
      id,
      claim: { statement: 'Plant X reached 5,000 t', citations: [{ sourceId: relay }, { sourceId: agency }] },
    });
    expect(evidenceOf(id)).toMatchObject({ stateMediaOnly: false, corroborated: true });
  });

  it('marks a claim contested when an independent source contradicts it, but not when its own origin does', () => {
    const report = source({ title: 'Company report', publisherType: 'company' });
    const restatement = source({ title: 'Restatement', publisherType: 'news', derivedFrom: [report] });
    const id = claim({
      statement: 'Output 3,000 t',
      citations: [
        { sourceId: report, stance: 'supports' },
        { sourceId: restatement, stance: 'contradicts' },
      ],
    });
    expect(evidenceOf(id)).toMatchObject({ contested: false });
    const analyst = source({ title: 'Analyst note', publisherType: 'industry_analyst' });
    call('updateClaim', {
      id,
      claim: { statement: 'Output 3,000 t', citations: [{ sourceId: report }, { sourceId: analyst, stance: 'contradicts' }] },
    });
    expect(evidenceOf(id)).toMatchObject({ contested: true, contestedBecause: ['an independent source contradicts it'] });
  });

  it('refuses a derived-from link that would make a loop', () => {
    const a = source({ title: 'A', publisherType: 'news' });
    const b = source({ title: 'B', publisherType: 'news', derivedFrom: [a] });
    const error = failure('updateSource', { id: a, source: { title: 'A', publisherType: 'news', derivedFrom: [b] } });
    expect(error.message).toMatch(/would make a loop/);
  });
});

describe('conflict groups', () => {
  it('groups the starter figures that disagree: China 2023 mine production 240,000 t vs 255,000 t', () => {
    const groups = call<ConflictGroup[]>('listConflictGroups');
    const china = groups.find((g) => g.key === 'mining|production_t|2023|china')!;
    expect(china.claims.map((c) => c.value)).toEqual([240000, 255000]);
    expect(china.spread).toBeCloseTo(0.0625, 4);
    expect(china.subject).toBe('China · Mining · Production (t) · 2023');
    const subjects = groups.map((g) => g.key);
    expect(subjects).toEqual(expect.arrayContaining(['mining|production_t|2024|australia', 'mining|production_t|2024|nigeria']));
    for (const row of china.claims) expect(row.evidence.contested).toBe(true);
  });

  it('applies the 5% tolerance: 5.0% apart is not a conflict, 5.1% is', () => {
    const s = source({ title: 'S', publisherType: 'news' });
    const base: Omit<OperationInput<'createClaim'>, 'statement'> = {
      stage: 'metals',
      metric: 'capacity_t_per_yr',
      year: 2030,
      entity: 'Plant Q',
      citations: [{ sourceId: s }],
    };
    const a = claim({ ...base, statement: 'Plant Q 1,000 t/yr', value: 1000 });
    const b = claim({ ...base, statement: 'Plant Q 1,050 t/yr', value: 1050 });
    expect(evidenceOf(a).contested).toBe(false);
    expect(call<ClaimDetail>('getClaim', { id: b }).conflictGroup).toBeNull();
    const c = claim({ ...base, statement: 'Plant Q 1,051 t/yr', value: 1051 });
    for (const id of [a, b, c])
      expect(call<ClaimDetail>('getClaim', { id }).conflictGroup).toBe('metals|capacity_t_per_yr|2030|plant q');
    // Deleting the outlier dissolves the group again.
    call('deleteClaim', { id: c });
    expect(evidenceOf(a).contested).toBe(false);
  });

  it('keeps the preferred claim with its reason, and audits it', () => {
    const key = 'mining|production_t|2023|china';
    const [older] = call<ConflictGroup[]>('listConflictGroups', { key })[0]!.claims;
    expect(failure('setPreferredClaim', { groupKey: key, claimId: older!.id, reason: '  ' }).field).toBe('reason');
    call('setPreferredClaim', {
      groupKey: key,
      claimId: 'mine-cn-2023-usgs2025',
      reason: 'Later USGS edition revises the earlier estimate',
    });
    const group = call<ConflictGroup[]>('listConflictGroups', { key })[0]!;
    expect(group.preferredClaimId).toBe('mine-cn-2023-usgs2025');
    expect(group.claims.find((c) => c.id === 'mine-cn-2023-usgs2025')!.preferred).toBe(true);
    expect(call<{ action: string }[]>('getHistory', { entityType: 'conflict_group', entityId: key })[0]!.action).toBe('prefer');
    expect(failure('setPreferredClaim', { groupKey: key, claimId: 'mine-au-2024-usgs2025', reason: 'x' }).message).toMatch(
      /not in the conflict group/,
    );
  });
});

describe('sources and claims', () => {
  it('refuses to delete a cited source and says which claims cite it', () => {
    const error = failure('deleteSource', { id: 'src-shanghai-daily-a8d96e' });
    expect(error.message).toMatch(/is cited by 1 claim \(.+\); remove those citations first/);
    expect(call<SourceDetail>('getSource', { id: 'src-shanghai-daily-a8d96e' }).citedBy).toHaveLength(1);
  });

  it('validates claim forms field by field', () => {
    const s = source({ title: 'S', publisherType: 'news' });
    expect(failure('createClaim', { statement: '   ', citations: [{ sourceId: s }] }).field).toBe('statement');
    expect(failure('createClaim', { statement: 'x', citations: [] }).field).toBe('citations');
    expect(failure('createClaim', { statement: 'x', value: 10, valueLow: 20, citations: [{ sourceId: s }] }).field).toBe('value');
    expect(failure('createClaim', { statement: 'x', citations: [{ sourceId: 'nope' }] }).message).toMatch(
      /"nope", which does not exist/,
    );
    expect(failure('createSource', { title: 'T', publisherType: 'news', published: '2024-13' }).field).toBe('published');
  });

  it('keeps archived copies with their SHA-256', () => {
    const s = source({ title: 'Article', publisherType: 'news' });
    const stored = call<{ sha256: string; size: number }>('attachArchive', {
      sourceId: s,
      kind: 'text',
      text: 'Huaxing reached 11,200 tons per year',
    });
    expect(stored).toEqual({
      sha256: createHash('sha256').update('Huaxing reached 11,200 tons per year').digest('hex'),
      size: 36,
    });
    expect(call<{ text: string; sha256: string }>('getArchive', { sourceId: s })).toMatchObject({
      text: 'Huaxing reached 11,200 tons per year',
      sha256: stored.sha256,
    });
  });

  it('reads figures from a selection: "11,200 tons per year" and "93%"', () => {
    expect(call('suggestFigures', { text: 'metal capacity reached 11,200 tons per year with a yield above 93%' })).toEqual([
      { value: 11200, unit: 't/yr', metric: 'capacity_t_per_yr', matched: '11,200 tons per year' },
      { value: 93, unit: '%', metric: 'share_pct', matched: '93%' },
    ]);
  });
});

describe('search and filters', () => {
  it('finds claims by words in statements, excerpts and source titles, with the last word as a prefix', () => {
    expect(page({ search: 'Huaxing' }).rows.map((r) => r.id).length).toBeGreaterThan(0);
    const prefix = page({ search: 'Huax' });
    expect(prefix.total).toBe(page({ search: 'Huaxing' }).total);
    expect(page({ search: '"Mineral Commodity Summaries"' }).total).toBeGreaterThan(5);
    expect(page({ search: 'AND OR NOT ( * "' }).total).toBe(0);
  });

  it('filters by China vs ex-China, evidence, reliability and tag', () => {
    const china = page({ side: 'china' }).rows;
    expect(china.length).toBeGreaterThan(20);
    expect(new Set(china.map((r: ClaimListRow) => r.country))).toEqual(new Set(['China']));
    const contested = page({ evidence: 'contested' }).rows.map((r) => r.id);
    expect(contested).toEqual(expect.arrayContaining(['mine-cn-2023-usgs2025', 'mine-cn-2023-usgs2024']));
    for (const row of page({ reliability: ['D'] }).rows) expect(row.citations.some((c) => c.reliability === 'D')).toBe(true);
    const s = source({ title: 'S', publisherType: 'news' });
    const id = claim({ statement: 'Tagged', tags: ['watchlist'], citations: [{ sourceId: s }] });
    expect(page({ tag: 'watchlist' }).rows.map((r) => r.id)).toEqual([id]);
  });
});

describe('audit trail', () => {
  it('records every change with before and after, chained by hash', () => {
    const s = source({ title: 'S', publisherType: 'news' });
    const id = claim({ statement: 'First wording', citations: [{ sourceId: s }] });
    call('updateClaim', { id, claim: { statement: 'Second wording', citations: [{ sourceId: s }] } });
    const history = call<
      { action: string; before: { statement: string } | null; after: { statement: string } | null; actor: string }[]
    >('getHistory', { entityType: 'claim', entityId: id });
    expect(history.map((h) => h.action)).toEqual(['update', 'create']);
    expect(history[0]!.before!.statement).toBe('First wording');
    expect(history[0]!.after!.statement).toBe('Second wording');
    expect(history[0]!.actor.length).toBeGreaterThan(0);
    expect(verifyAuditChain(workspace.db)).toEqual({ records: 4 });
  });

  it("refuses to rewrite the log, and verify names the first record edited behind the app's back", () => {
    const s = source({ title: 'S', publisherType: 'news' });
    claim({ statement: 'One', citations: [{ sourceId: s }] });
    expect(() => workspace.db.prepare("UPDATE audit_log SET actor = 'mallory'").run()).toThrow(/append-only/);
    const file = workspace.file;
    workspace.close();

    const tamper = new Database(file);
    tamper.exec('DROP TRIGGER audit_log_is_append_only_update');
    tamper.prepare("UPDATE audit_log SET after = replace(after, 'One', 'Two') WHERE seq = 3").run();
    tamper.close();
    const check = checkWorkspace(file, 'full');
    expect(check.problems).toEqual([
      expect.stringMatching(/audit trail is broken: audit record 3 \(create claim clm-\w+ at .*\) does not match its hash/),
    ]);
    workspace = createWorkspace(join(tempFolder(), 'fresh.sqlite'), { starter: false });
  });
});
