import { join } from 'node:path';
import { electronSqliteCacheFile } from './cache-location.mjs';

/**
 * Where the Electron build of better-sqlite3 lives. It is a V8 addon, so Electron (ABI 148 for
 * Electron 43) cannot load the Node build that npm keeps in node_modules for tests and the CLI.
 * Packaged: shipped by electron-builder's extraResources. Development: built into .cache by
 * electron/native/ensure-electron-sqlite.mjs.
 */
export function electronSqlitePath(options: {
  packaged: boolean;
  resourcesPath: string;
  projectRoot: string;
  electronVersion: string;
  abi: string;
}): string {
  if (options.packaged) return join(options.resourcesPath, 'native', 'better_sqlite3.node');
  return electronSqliteCacheFile(options.projectRoot, options.electronVersion, options.abi);
}
