import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { OperationInput } from '../../db/api';
import { verifyAuditChain } from '../../db/audit/log';
import type { CountryBloc } from '../../db/evidence/bloc-query';
import { refreshEvidence } from '../../db/evidence/refresh';
import type { AuditRecord, ClaimPage } from '../../db/evidence/views';
import { exportWorkspace } from '../../db/export/export-workspace';
import { importClaims } from '../../db/import/run-import';
import { CURRENT_SCHEMA_VERSION, migrations } from '../../db/migrations';
import type { GapResult } from '../../db/model/types';
import { openWorkspace, type Workspace } from '../../db/workspace/open';
import { claimContent, counts } from './fixtures/workspace-state';
import { call, failure, useWorkspaces } from './fixtures/operations';

const workspaces = useWorkspaces();
const empty = workspaces.create;
const tempFolder = workspaces.folder;

const blocs = (workspace: Workspace) => call<CountryBloc[]>(workspace, 'listCountrySides');
const bloc = (workspace: Workspace, country: string) => blocs(workspace).find((row) => row.country === country);
const sidesOf = (workspace: Workspace) =>
  Object.fromEntries(
    call<ClaimPage>(workspace, 'listClaims', { limit: 500, sort: 'statement' }).rows.map((row) => [row.statement, row.side]),
  );
/** Everything a change of side could touch, to show a refused change touched none of it. */
const state = (workspace: Workspace) => ({
  mapping: blocs(workspace),
  sides: sidesOf(workspace),
  audit: counts(workspace.db).audit_log,
});

/** An empty workspace with separation capacity for 2024: China 600, Taiwan 50 (spelled two ways), Australia 300. */
function separationFixture(): Workspace {
  const workspace = empty();
  const sourceId = call<{ id: string }>(workspace, 'createSource', {
    title: 'Statistics office',
    publisherType: 'government',
    reliability: 'B',
  }).id;
  const claim = (statement: string, fields: Partial<OperationInput<'createClaim'>>) =>
    call(workspace, 'createClaim', {
      statement,
      stage: 'separation',
      metric: 'capacity_t_per_yr',
      year: 2024,
      unit: 't/yr',
      citations: [{ sourceId }],
      ...fields,
    });
  claim('China 600', { country: 'China', value: 600 });
  claim('Taiwan 50', { country: 'Taiwan', value: 50 });
  claim('Taiwan mining', { country: 'TAIWAN', stage: 'mining', value: 5 });
  claim('Australia 300', { country: 'Australia', value: 300 });
  return workspace;
}
const separation = (workspace: Workspace) =>
  call<GapResult>(workspace, 'getGap', { stage: 'separation', metric: 'capacity_t_per_yr', year: 2024 });

describe('migration 3: the bloc mapping', () => {
  it('upgrades a schema-2 workspace: keeps its data, seeds the mapping and recomputes every side from it', () => {
    const file = join(tempFolder(), 'v2.sqlite');
    const v2 = openWorkspace(file, { create: true, migrations: migrations.slice(0, 2) });
    v2.db.exec(`
      INSERT INTO sources (id, title, publisher_type, reliability) VALUES ('s1', 'Statistics office', 'government', 'B');
      INSERT INTO claims (id, statement, country, metric, value, year) VALUES
        ('c1', 'China output', 'China', 'production_t', 270000, 2024),
        ('c2', 'PRC output', ' prc ', 'production_t', 270000, 2024),
        ('c3', 'World output', 'World', 'production_t', 390000, 2024),
        ('c4', 'Taiwan output', 'Taiwan', 'production_t', 10, 2024),
        ('c5', 'Hong Kong output', 'Hong Kong', 'production_t', 10, 2024),
        ('c6', 'No country', NULL, 'qualitative', NULL, NULL);
      INSERT INTO claim_citations (claim_id, source_id) SELECT id, 's1' FROM claims;`);
    // Evidence as this code computes it before the mapping exists: every country ex-China. The
    // migration must recompute the sides, whatever schema 2 stored.
    refreshEvidence(v2.db, 'all');
    expect(v2.db.prepare('SELECT DISTINCT side FROM claim_evidence WHERE side IS NOT NULL').pluck().all()).toEqual(['ex-china']);
    const before = { counts: counts(v2.db), claims: claimContent(v2.db) };
    v2.close();

    const upgraded = openWorkspace(file);
    workspaces.adopt(upgraded);
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(CURRENT_SCHEMA_VERSION);
    expect(upgraded.backupFile).toMatch(new RegExp(`v2\\.backup-before-schema-${CURRENT_SCHEMA_VERSION}-`));
    expect(existsSync(upgraded.backupFile!)).toBe(true);
    expect({ counts: counts(upgraded.db), claims: claimContent(upgraded.db) }).toEqual(before);
    expect(sidesOf(upgraded)).toEqual({
      'China output': 'china',
      'PRC output': 'china',
      'World output': 'aggregate',
      'Taiwan output': 'ex-china',
      'Hong Kong output': 'ex-china',
      'No country': null,
    });
    const mapped = blocs(upgraded).filter((row) => row.mapping === 'explicit');
    expect(mapped.filter((row) => row.side === 'china').map((row) => row.country)).toEqual([
      'China',
      'Mainland China',
      "People's Republic of China",
      'Peoples Republic of China',
      'PRC',
    ]);
    expect(mapped.filter((row) => row.side === 'aggregate').map((row) => row.country)).toEqual([
      'EU',
      'European Union',
      'Global',
      'Rest of world',
      'Total',
      'World',
      'World total',
    ]);
    const backup = new Database(upgraded.backupFile, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(2);
    backup.close();
  });
});

describe('listing the countries', () => {
  it('gives every mapped name and every country in claims, with its side, whether mapped, and its claims', () => {
    const workspace = separationFixture();
    const rows = blocs(workspace);
    expect(rows.find((row) => row.key === 'taiwan')).toEqual({
      country: 'Taiwan',
      key: 'taiwan',
      side: 'ex-china',
      mapping: 'default',
      claims: 2,
    });
    expect(bloc(workspace, 'China')).toMatchObject({ side: 'china', mapping: 'explicit', claims: 1 });
    expect(bloc(workspace, 'PRC')).toMatchObject({ side: 'china', mapping: 'explicit', claims: 0 });
    expect(bloc(workspace, 'World')).toMatchObject({ side: 'aggregate', mapping: 'explicit', claims: 0 });
    const names = rows.map((row) => row.country.toLowerCase());
    expect(names).toEqual([...names].sort());
  });
});

describe('changing a country’s side', () => {
  it('moves every claim of Taiwan, however spelled, to China, and the gap model follows', () => {
    const workspace = separationFixture();
    expect(separation(workspace)).toMatchObject({ china: { value: 600 }, exChina: { value: 350 } });
    const changed = call(workspace, 'setCountrySide', { country: 'Taiwan', side: 'china' });
    expect(changed).toEqual({ country: 'Taiwan', key: 'taiwan', side: 'china', mapping: 'explicit', claims: 2 });
    expect(sidesOf(workspace)).toMatchObject({ 'Taiwan 50': 'china', 'Taiwan mining': 'china', 'Australia 300': 'ex-china' });
    const gap = separation(workspace);
    expect(gap).toMatchObject({ china: { value: 650 }, exChina: { value: 300 } });
    expect(gap.countries.find((c) => c.country === 'Taiwan')).toMatchObject({ side: 'china', value: 50 });
    expect(bloc(workspace, 'Taiwan')).toMatchObject({ side: 'china', mapping: 'explicit', claims: 2 });
    // A claim written afterwards lands on the mapped side too.
    const sourceId = call<{ rows: { id: string }[] }>(workspace, 'listSources').rows[0]!.id;
    call(workspace, 'createClaim', { statement: 'Taiwan later', country: 'taiwan', citations: [{ sourceId }] });
    expect(sidesOf(workspace)['Taiwan later']).toBe('china');
  });

  it('resets Taiwan to the default: ex-China again, and the gap as before', () => {
    const workspace = separationFixture();
    call(workspace, 'setCountrySide', { country: 'Taiwan', side: 'china' });
    const reset = call(workspace, 'resetCountrySide', { country: ' taiwan ' });
    expect(reset).toEqual({ country: 'Taiwan', key: 'taiwan', side: 'ex-china', mapping: 'default', claims: 2 });
    expect(sidesOf(workspace)).toMatchObject({ 'Taiwan 50': 'ex-china', 'Taiwan mining': 'ex-china' });
    expect(separation(workspace)).toMatchObject({ china: { value: 600 }, exChina: { value: 350 } });
    expect(bloc(workspace, 'Taiwan')).toMatchObject({ side: 'ex-china', mapping: 'default' });
  });

  it('records each change in the audit log, so the country’s history shows it', () => {
    const workspace = separationFixture();
    call(workspace, 'setCountrySide', { country: 'Taiwan', side: 'china' });
    call(workspace, 'resetCountrySide', { country: 'Taiwan' });
    const history = call<AuditRecord[]>(workspace, 'getHistory', { entityType: 'country', entityId: 'taiwan' });
    expect(history).toMatchObject([
      {
        action: 'update',
        before: { country: 'Taiwan', side: 'china', mapping: 'explicit' },
        after: { country: 'Taiwan', side: 'ex-china', mapping: 'default', claims: 2 },
      },
      {
        action: 'update',
        before: { country: 'Taiwan', side: 'ex-china', mapping: 'default' },
        after: { country: 'Taiwan', side: 'china', mapping: 'explicit', claims: 2 },
      },
    ]);
    expect(history[0]!.actor).toBeTruthy();
    expect(verifyAuditChain(workspace.db).firstBroken).toBeUndefined();
    // Setting the side a country already has changes nothing, so it records nothing.
    const audit = counts(workspace.db).audit_log;
    call(workspace, 'setCountrySide', { country: 'China', side: 'china' });
    expect(counts(workspace.db).audit_log).toBe(audit);
  });

  it('refuses bad input with a message naming the field, and changes nothing', () => {
    const workspace = separationFixture();
    const before = state(workspace);
    expect(failure(workspace, 'setCountrySide', { country: 'Taiwan', side: 'mainland' })).toEqual({
      message: 'setCountrySide: side: must be one of china, ex-china, aggregate',
      field: 'side',
    });
    expect(failure(workspace, 'setCountrySide', { country: '   ', side: 'china' })).toEqual({
      message: 'setCountrySide: country: name a country',
      field: 'country',
    });
    expect(failure(workspace, 'setCountrySide', { country: 'Taiwan', side: 'china', bloc: 'x' })).toMatchObject({
      field: 'bloc',
    });
    expect(failure(workspace, 'resetCountrySide', { country: 'Taiwan' })).toEqual({
      message: '"Taiwan" has no mapping of its own: it is already ex-China by default.',
      field: 'country',
    });
    expect(state(workspace)).toEqual(before);
  });
});

describe('the mapping in the workspace JSON', () => {
  const withoutExportedAt = (json: string) => json.replace(/"exportedAt": "[^"]+"/, '"exportedAt": ""');

  it('round-trips: an import into an empty workspace gives the same mapping, sides and file', () => {
    const source = empty('source.sqlite', true);
    call(source, 'setCountrySide', { country: 'Burma (Myanmar)', side: 'china' });
    call(source, 'setCountrySide', { country: 'Hong Kong', side: 'china' });
    const first = exportWorkspace(source.db, 'json');
    expect((JSON.parse(first) as { countrySides: unknown[] }).countrySides).toContainEqual({
      country: 'Hong Kong',
      side: 'china',
    });

    const target = empty('target.sqlite');
    const report = importClaims(target.db, { format: 'json', content: first }, { dryRun: false });
    expect(report).toMatchObject({ committed: true, errors: [] });
    expect(withoutExportedAt(exportWorkspace(target.db, 'json'))).toBe(withoutExportedAt(first));
    expect(blocs(target)).toEqual(blocs(source));
    expect(sidesOf(target)).toEqual(sidesOf(source));
    expect(call<ClaimPage>(target, 'listClaims', { country: 'Burma (Myanmar)', side: 'china' }).total).toBe(
      bloc(source, 'Burma (Myanmar)')!.claims,
    );
  });

  it('moves the receiving workspace’s own claims when the file maps a name it did not, and audits it', () => {
    const sender = empty('sender.sqlite');
    call(sender, 'setCountrySide', { country: 'Taiwan', side: 'china' });
    const file = exportWorkspace(sender.db, 'json');
    const receiver = separationFixture();
    expect(importClaims(receiver.db, { format: 'json', content: file }, { dryRun: false }).committed).toBe(true);
    expect(sidesOf(receiver)).toMatchObject({ 'Taiwan 50': 'china', 'Taiwan mining': 'china' });
    expect(call<AuditRecord[]>(receiver, 'getHistory', { entityType: 'country', entityId: 'taiwan' })).toMatchObject([
      { action: 'update', after: { side: 'china', claims: 2 } },
    ]);
  });

  it('refuses a name the workspace maps to another side, naming it, and changes nothing', () => {
    const sender = empty('sender.sqlite');
    call(sender, 'setCountrySide', { country: 'Taiwan', side: 'china' });
    const file = exportWorkspace(sender.db, 'json');
    const receiver = separationFixture();
    call(receiver, 'setCountrySide', { country: 'Taiwan', side: 'aggregate' });
    const before = state(receiver);
    const report = importClaims(receiver.db, { format: 'json', content: file }, { dryRun: false });
    expect(report.committed).toBe(false);
    expect(report.errors).toEqual([
      {
        row: 0,
        column: expect.stringMatching(/^countrySides\.\d+\.country$/) as unknown,
        message: 'country "Taiwan" is china in the file but aggregate in this workspace; make them agree first',
      },
    ]);
    expect(state(receiver)).toEqual(before);
  });

  it('still imports an export written before the mapping was carried', () => {
    const source = empty('source.sqlite', true);
    const { countrySides: _dropped, ...older } = JSON.parse(exportWorkspace(source.db, 'json')) as Record<string, unknown>;
    const target = empty('target.sqlite');
    const report = importClaims(target.db, { format: 'json', content: JSON.stringify(older) }, { dryRun: false });
    expect(report).toMatchObject({ committed: true, errors: [] });
    expect(blocs(target)).toEqual(blocs(source));
  });
});
