import { basename } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';

/** What the menu can ask the app to do; the workspace controller provides these. */
export interface MenuActions {
  newWorkspace(starter: boolean): void;
  openWorkspace(): void;
  openRecent(file: string): void;
  clearRecent(): void;
  saveCopy(): void;
  exportWorkspace(format: 'json' | 'csv'): void;
  about(): void;
}

/** The application menu as data, so it can be rebuilt whenever the recent list changes. */
export function menuTemplate(
  actions: MenuActions,
  options: { recent: readonly string[]; development: boolean; mac: boolean },
): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] = options.recent.length
    ? options.recent.map((file) => ({
        label: basename(file),
        sublabel: file,
        toolTip: file,
        click: () => actions.openRecent(file),
      }))
    : [{ label: 'No recent workspaces', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Workspace with Starter Data…', accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.newWorkspace(true) },
      { label: 'New Empty Workspace…', accelerator: 'CmdOrCtrl+N', click: () => actions.newWorkspace(false) },
      { type: 'separator' },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
      {
        label: 'Open Recent',
        submenu: [
          ...recentItems,
          { type: 'separator' },
          { label: 'Clear Recent', enabled: options.recent.length > 0, click: () => actions.clearRecent() },
        ],
      },
      { type: 'separator' },
      { label: 'Save a Copy…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveCopy() },
      {
        label: 'Export',
        submenu: [
          { label: 'Workspace as JSON (lossless)…', click: () => actions.exportWorkspace('json') },
          { label: 'Claims as CSV…', click: () => actions.exportWorkspace('csv') },
        ],
      },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'reload' },
      // DevTools only in development: in a release build they would be a way round the bridge.
      ...(options.development ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: 'About Chokepoint', click: () => actions.about() }],
  };

  return [...(options.mac ? [{ role: 'appMenu' } as const] : []), file, { role: 'editMenu' }, view, { role: 'windowMenu' }, help];
}
