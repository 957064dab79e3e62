import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BACKUP_INTERVAL_MS, createBackupSchedule, type ScheduleTimers } from '../../electron/backup-schedule';
import { createDatabaseService } from '../../electron/database-service';
import { listBackups } from '../../db/workspace/backups';
import { createWorkspace } from '../../db/workspace/create';
import type { Workspace } from '../../db/workspace/open';
import { useTempFolder } from '../db/temp-folder';

const tempFolder = useTempFolder();

/** A clock the test moves by hand: run() fires what setInterval registered. */
function fakeTimers() {
  let registered: { run: () => void; ms: number } | undefined;
  const timers: ScheduleTimers = {
    setInterval: (run, ms) => (registered = { run, ms }),
    clearInterval: () => (registered = undefined),
  };
  return { timers, registered: () => registered };
}

const scheduled = (file: string) => listBackups(file).filter((b) => b.kind === 'scheduled');
const deleteOneClaim = (workspace: Workspace) =>
  workspace.db.prepare('DELETE FROM claims WHERE id = (SELECT id FROM claims ORDER BY id LIMIT 1)').run();

describe('scheduled backups', () => {
  it('backs up every 30 minutes only when the workspace changed since the last backup', async () => {
    const workspace = createWorkspace(join(tempFolder(), 'w.sqlite'), { starter: true });
    const clock = fakeTimers();
    const schedule = createBackupSchedule({ workspace: () => workspace, busy: () => false, timers: clock.timers });
    schedule.watch(workspace);
    schedule.start();
    expect(clock.registered()?.ms).toBe(BACKUP_INTERVAL_MS);

    expect(await schedule.tick()).toBeUndefined();
    expect(scheduled(workspace.file)).toHaveLength(0);

    deleteOneClaim(workspace);
    const first = await schedule.tick();
    expect(first).toBeDefined();
    expect(scheduled(workspace.file)).toHaveLength(1);

    // Nothing changed since: the next half hour takes no backup.
    expect(await schedule.tick()).toBeUndefined();

    // A commit by another program (the CLI) on the same file counts as a change too.
    const cli = new Database(workspace.file);
    cli.prepare("UPDATE workspace_meta SET value = 'Renamed' WHERE key = 'name'").run();
    cli.close();
    expect(await schedule.tick()).toBeDefined();
    expect(scheduled(workspace.file)).toHaveLength(2);

    schedule.stop();
    expect(clock.registered()).toBeUndefined();
    workspace.close();
  });

  it('skips a tick while an import is running', async () => {
    const workspace = createWorkspace(join(tempFolder(), 'w.sqlite'), { starter: true });
    let importing = true;
    const schedule = createBackupSchedule({ workspace: () => workspace, busy: () => importing, timers: fakeTimers().timers });
    schedule.watch(workspace);
    deleteOneClaim(workspace);
    expect(await schedule.tick()).toBeUndefined();
    importing = false;
    expect(await schedule.tick()).toBeDefined();
    workspace.close();
  });

  it('backs up a changed workspace when the database process closes it, and not an unchanged one', () => {
    const dir = tempFolder();
    const service = createDatabaseService({ backups: { timers: fakeTimers().timers } });
    const file = join(dir, 'w.sqlite');
    const other = join(dir, 'other.sqlite');
    expect(service.answer({ kind: 'create', file, starter: true })).toMatchObject({ ok: true });
    expect(service.answer({ kind: 'create', file: other, starter: false })).toMatchObject({ ok: true });
    // Switching away from an unchanged workspace takes no backup.
    expect(scheduled(file)).toHaveLength(0);

    expect(service.answer({ kind: 'open', file })).toMatchObject({ ok: true });
    const claims = service.answer({ kind: 'operation', name: 'listClaims', input: { limit: 1 } });
    const claimId = ((claims as { value: { rows: { id: string }[] } }).value.rows[0] ?? { id: '' }).id;
    expect(service.answer({ kind: 'operation', name: 'deleteClaim', input: { id: claimId } })).toMatchObject({ ok: true });
    service.close();
    const taken = scheduled(file);
    expect(taken).toHaveLength(1);
    expect(taken[0]!.claims).toBe(79);
  });
});
