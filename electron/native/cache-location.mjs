import { join } from 'node:path';

/**
 * Where development builds of better-sqlite3 for Electron are kept: per Electron version and ABI,
 * so an Electron upgrade never picks up a stale binary. Shared by the launcher script and main.
 * @param {string} projectRoot
 * @param {string} electronVersion
 * @param {number | string} abi
 */
export function electronSqliteCacheFile(projectRoot, electronVersion, abi) {
  return join(projectRoot, '.cache', 'electron-sqlite', `electron-${electronVersion}-abi${abi}`, 'better_sqlite3.node');
}
