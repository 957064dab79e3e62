import type { Database } from 'better-sqlite3';
import { backUpWorkspace, backUpWorkspaceInTurns } from '../db/workspace/backup-files';
import type { Workspace } from '../db/workspace/open';

/** How often the database process backs up a workspace that changed since its last backup. */
export const BACKUP_INTERVAL_MS = 30 * 60 * 1000;

export interface ScheduleTimers {
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface BackupScheduleOptions {
  /** The open workspace, or none. */
  workspace(): Workspace | undefined;
  /** While an import's transaction is open a copy would wait for it: the tick is skipped. */
  busy(): boolean;
  intervalMs?: number;
  /** Replaceable so tests drive the schedule with a fake clock. */
  timers?: ScheduleTimers;
  /** Where a failed backup is reported (the analyst's work goes on; the next tick tries again). */
  warn?: (message: string) => void;
}

/**
 * "Changed" is read from SQLite, as the read cache does: total_changes() counts this connection's
 * writes, PRAGMA data_version moves when another connection (the CLI) commits to the same file.
 */
function versionOf(db: Database): string {
  const written = db.prepare('SELECT total_changes()').pluck().get() as number;
  return `${db.pragma('data_version', { simple: true }) as number}:${written}`;
}

/**
 * The scheduled backups of the app's database process: every 30 minutes, and when a workspace is
 * closed (switching workspaces, quitting), a backup of kind "scheduled" if the workspace changed
 * since it was opened or last backed up. The timed one copies a few pages per turn of the event
 * loop, so the analyst's requests are answered meanwhile; the one on closing copies at once.
 */
export function createBackupSchedule(options: BackupScheduleOptions) {
  const timers: ScheduleTimers = options.timers ?? {
    setInterval: (run, ms) => {
      const handle = setInterval(run, ms);
      handle.unref();
      return handle;
    },
    clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
  };
  const warn = options.warn ?? ((message: string) => console.warn(message));
  let seen: { db: Database; version: string } | undefined;
  let copying: Promise<unknown> | undefined;
  let handle: unknown;

  /** Remembers the workspace as it is now: opened, restored or just backed up. */
  function watch(workspace: Workspace): void {
    seen = { db: workspace.db, version: versionOf(workspace.db) };
  }

  function changed(workspace: Workspace): boolean {
    if (!workspace.db.open) return false;
    if (seen?.db !== workspace.db) {
      watch(workspace);
      return false;
    }
    return versionOf(workspace.db) !== seen.version;
  }

  async function tick(): Promise<string | undefined> {
    const workspace = options.workspace();
    if (copying || !workspace || options.busy() || !changed(workspace)) return undefined;
    const version = versionOf(workspace.db);
    try {
      copying = backUpWorkspaceInTurns(workspace.db, workspace.file, 'scheduled');
      const file = (await copying) as string;
      // Writes made while copying are counted as changes: the next tick backs them up.
      if (seen?.db === workspace.db) seen.version = version;
      return file;
    } catch (error) {
      if (workspace.db.open) warn(`The scheduled backup of ${workspace.file} failed: ${(error as Error).message}`);
      return undefined;
    } finally {
      copying = undefined;
    }
  }

  return {
    watch,
    tick,
    start(): void {
      handle ??= timers.setInterval(() => void tick(), options.intervalMs ?? BACKUP_INTERVAL_MS);
    },
    /** Backs up `workspace` before it closes, if it changed; never throws (closing must go ahead). */
    closing(workspace: Workspace | undefined): string | undefined {
      if (!workspace || !changed(workspace) || workspace.db.inTransaction) return undefined;
      try {
        const file = backUpWorkspace(workspace.db, workspace.file, 'scheduled');
        watch(workspace);
        return file;
      } catch (error) {
        warn(`The backup of ${workspace.file} on closing failed: ${(error as Error).message}`);
        return undefined;
      }
    },
    stop(): void {
      if (handle !== undefined) timers.clearInterval(handle);
      handle = undefined;
    },
  };
}

export type BackupSchedule = ReturnType<typeof createBackupSchedule>;
