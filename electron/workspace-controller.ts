import { basename, dirname, extname, join } from 'node:path';
import type { BrowserWindow } from 'electron';
import type { OperationResult } from '../db/operation-names';
import type { DatabaseClient } from './database-client';
import type { OpenWorkspaceInfo } from './database-messages';
import {
  chooseCopyTarget,
  chooseExportTarget,
  chooseNewWorkspaceFile,
  chooseWorkspaceToOpen,
  showAbout,
  showProblem,
} from './dialogs';
import type { MenuActions } from './menu';
import { loadRecentWorkspaces, rememberWorkspace, saveRecentWorkspaces } from './recent-workspaces';
import type { StartupWorkspace } from './startup-workspace';
import { windowTitle } from './window-title';

export interface WorkspaceControllerOptions {
  database: DatabaseClient;
  window(): BrowserWindow | undefined;
  recentListFile: string;
  /** Where pickers start when no workspace is open (the Documents folder). */
  documentsFolder: string;
  version: string;
  electronVersion: string;
  /** Rebuilds the application menu after the recent list changed. */
  refreshMenu(recent: readonly string[]): void;
}

/**
 * File ▸ New / Open / Open Recent / Save a copy, and the workspace opened at start-up. A switch
 * happens in the database process first; only when it succeeded are the recent list, the title and
 * the page updated (the page reloads so every view reads the new workspace).
 */
export function createWorkspaceController(options: WorkspaceControllerOptions) {
  let open: OpenWorkspaceInfo | undefined;
  let recent = loadRecentWorkspaces(options.recentListFile);

  function updateRecent(next: string[]): void {
    recent = next;
    try {
      saveRecentWorkspaces(options.recentListFile, recent);
    } catch (error) {
      console.warn(`Could not save the recent workspaces list: ${(error as Error).message}`);
    }
    options.refreshMenu(recent);
  }

  function startFolder(): string {
    return open ? dirname(open.file) : options.documentsFolder;
  }

  async function switched(result: OperationResult<OpenWorkspaceInfo>, problemTitle: string, reload: boolean): Promise<boolean> {
    if (!result.ok) {
      await showProblem(options.window(), problemTitle, result.error.message);
      return false;
    }
    open = result.value;
    updateRecent(rememberWorkspace(recent, open.file));
    const window = options.window();
    window?.setTitle(windowTitle(open));
    if (reload) window?.webContents.reload();
    return true;
  }

  async function openFile(file: string): Promise<void> {
    await switched(await options.database.open(file), 'The workspace could not be opened', true);
  }

  const actions: MenuActions = {
    newWorkspace: (starter) =>
      void (async () => {
        const defaultName = starter ? 'Rare earths (starter data).sqlite' : 'New workspace.sqlite';
        const file = await chooseNewWorkspaceFile(
          options.window(),
          starter ? 'New workspace with starter data' : 'New empty workspace',
          join(startFolder(), defaultName),
        );
        if (file) await switched(await options.database.create(file, starter), 'The workspace could not be created', true);
      })(),
    openWorkspace: () =>
      void (async () => {
        const file = await chooseWorkspaceToOpen(options.window(), startFolder());
        if (file) await openFile(file);
      })(),
    openRecent: (file) => void openFile(file),
    clearRecent: () => updateRecent([]),
    saveCopy: () =>
      void (async () => {
        if (!open) return showProblem(options.window(), 'Nothing to save', 'No workspace is open.');
        const target = await chooseCopyTarget(
          options.window(),
          join(dirname(open.file), `${basename(open.file, extname(open.file))} copy.sqlite`),
        );
        if (!target) return;
        const result = await options.database.saveCopy(target);
        if (!result.ok) await showProblem(options.window(), 'The copy could not be saved', result.error.message);
      })(),
    exportWorkspace: (format) =>
      void (async () => {
        if (!open) return showProblem(options.window(), 'Nothing to export', 'No workspace is open.');
        const target = await chooseExportTarget(
          options.window(),
          format,
          join(dirname(open.file), `${basename(open.file, extname(open.file))}${format === 'json' ? '' : ' claims'}.${format}`),
        );
        if (!target) return;
        const result = await options.database.exportTo(format, target);
        if (!result.ok) await showProblem(options.window(), 'The export could not be written', result.error.message);
      })(),
    about: () => void showAbout(options.window(), options.version, options.electronVersion),
  };

  return {
    actions,
    recent: () => recent,
    current: () => open,
    /**
     * The page unlocked the encrypted workspace that opened locked: its real name (kept inside the
     * encrypted file) replaces the file name in the title. Only the name and path reach main.
     */
    unlocked(result: OperationResult): void {
      const info = result.ok ? (result.value as Partial<OpenWorkspaceInfo> | null) : null;
      if (!open || typeof info?.name !== 'string' || info.file !== open.file) return;
      open = { file: open.file, name: info.name };
      options.window()?.setTitle(windowTitle(open));
    },
    /** Opens the first start-up candidate that works; each failure is shown to the analyst. */
    async openAtStartup(candidates: readonly StartupWorkspace[]): Promise<OpenWorkspaceInfo | undefined> {
      for (const candidate of candidates) {
        const result = await options.database.open(candidate.file, candidate.createWithStarter);
        if (await switched(result, 'The workspace could not be opened', false)) return open;
        if (candidate.explicit) break;
      }
      return undefined;
    },
  };
}
