import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeOperation } from '../../db/api';
import { CURRENT_SCHEMA_VERSION, migrations } from '../../db/migrations';
import { createWorkspace } from '../../db/workspace/create';
import { openWorkspace } from '../../db/workspace/open';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();

const report = {
  name: 'Client brief',
  title: 'Rare earths: where the gap is',
  author: 'A. Analyst',
  organisation: 'Example Consulting',
  reportDate: '2026-01-15',
  marking: 'CONFIDENTIAL — CLIENT NAME',
  pageSize: 'Letter',
  items: [
    { kind: 'chart', chart: 'gap-trend', stage: 'separation', mode: 'share', rules: { excludeStateMediaOnly: true } },
    { kind: 'scores', method: 'eu-sr' },
    { kind: 'claims', filter: { stage: 'magnets', evidence: 'contested' } },
    { kind: 'narrative', markdown: '# Findings\n\nThe gap is **wide**.' },
  ],
};

describe('saved reports', () => {
  it('saves, lists, updates and deletes a report, each write in the audit log', () => {
    const workspace = createWorkspace(join(tempFolder(), 'w.sqlite'), { starter: false });
    const run = (name: string, input?: unknown) => executeOperation({ workspace }, name, input);
    const saved = run('saveReport', report);
    expect(saved).toMatchObject({ ok: true, value: { name: 'Client brief', pageSize: 'Letter', asOf: null } });
    const id = (saved as { value: { id: string } }).value.id;
    expect(run('getReport', { id: 'client BRIEF' })).toMatchObject({ ok: true, value: { id, items: report.items } });
    expect(run('saveReport', { ...report, title: 'Other' })).toMatchObject({ ok: false, error: { field: 'name' } });
    expect(run('saveReport', { ...report, id, title: 'Second draft' })).toMatchObject({
      ok: true,
      value: { title: 'Second draft' },
    });
    expect(run('listReports')).toMatchObject({ ok: true, value: [{ id, title: 'Second draft' }] });
    expect(run('deleteReport', { id })).toEqual({ ok: true, value: { id } });
    expect(run('listReports')).toEqual({ ok: true, value: [] });
    // Newest first, as the History panel shows it.
    const history = run('getHistory', { entityType: 'report', entityId: id });
    expect(history).toMatchObject({ ok: true });
    expect((history as { value: { action: string }[] }).value.map((r) => r.action)).toEqual(['delete', 'update', 'create']);
    workspace.close();
  });

  it('refuses an item it does not know and names the field', () => {
    const workspace = createWorkspace(join(tempFolder(), 'w.sqlite'), { starter: false });
    const bad = executeOperation({ workspace }, 'saveReport', { ...report, items: [{ kind: 'chart', chart: 'pie' }] });
    expect(bad).toMatchObject({ ok: false });
    expect((bad as { error: { message: string } }).error.message).toMatch(/items/);
    workspace.close();
  });

  it('upgrades a schema-4 workspace to schema 5 with an empty reports table', () => {
    const file = join(tempFolder(), 'v4.sqlite');
    openWorkspace(file, { create: true, migrations: migrations.slice(0, 4) }).close();
    const upgraded = openWorkspace(file);
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(CURRENT_SCHEMA_VERSION);
    expect(upgraded.backupFile).toMatch(new RegExp(`v4\\.backup-before-schema-${CURRENT_SCHEMA_VERSION}-`));
    expect(executeOperation({ workspace: upgraded }, 'listReports', {})).toEqual({ ok: true, value: [] });
    upgraded.close();
  });
});
