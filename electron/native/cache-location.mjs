import { join } from 'node:path';

/**
 * The SQLite addons the app loads, each with its own Electron build: better-sqlite3 for plain
 * workspaces, better-sqlite3-multiple-ciphers (SQLCipher-compatible) for encrypted ones. `file` is
 * the name the Electron build has in the cache and in the packaged app's resources/native.
 */
export const sqliteAddons = /** @type {const} */ ([
  { name: 'better-sqlite3', file: 'better_sqlite3.node' },
  { name: 'better-sqlite3-multiple-ciphers', file: 'better_sqlite3_multiple_ciphers.node' },
]);

/** @param {string} name */
export function sqliteAddon(name) {
  const addon = sqliteAddons.find((candidate) => candidate.name === name);
  if (!addon) throw new Error(`unknown SQLite addon ${name}`);
  return addon;
}

/**
 * Where development builds of the SQLite addons for Electron are kept: per Electron version and ABI,
 * so an Electron upgrade never picks up a stale binary. Shared by the launcher script and main.
 * @param {string} projectRoot
 * @param {string} electronVersion
 * @param {number | string} abi
 * @param {string} [addon] package name, better-sqlite3 by default
 */
export function electronSqliteCacheFile(projectRoot, electronVersion, abi, addon = 'better-sqlite3') {
  return join(projectRoot, '.cache', 'electron-sqlite', `electron-${electronVersion}-abi${abi}`, sqliteAddon(addon).file);
}
