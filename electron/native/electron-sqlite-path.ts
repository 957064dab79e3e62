import { join } from 'node:path';
import { electronSqliteCacheFile, sqliteAddon, type SqliteAddonName } from './cache-location.mjs';

/**
 * Where the Electron build of a SQLite addon lives (better-sqlite3 by default; better-sqlite3-multiple-ciphers
 * for encrypted workspaces). They are V8 addons, so Electron (ABI 148 for Electron 43) cannot load the
 * Node builds that npm keeps in node_modules for tests and the CLI. Packaged: shipped by
 * electron-builder's extraResources. Development: built into .cache by
 * electron/native/ensure-electron-sqlite.mjs.
 */
export function electronSqlitePath(options: {
  packaged: boolean;
  resourcesPath: string;
  projectRoot: string;
  electronVersion: string;
  abi: string;
  addon?: SqliteAddonName;
}): string {
  const addon = options.addon ?? 'better-sqlite3';
  if (options.packaged) return join(options.resourcesPath, 'native', sqliteAddon(addon).file);
  return electronSqliteCacheFile(options.projectRoot, options.electronVersion, options.abi, addon);
}
