export type SqliteAddonName = 'better-sqlite3' | 'better-sqlite3-multiple-ciphers';
export declare const sqliteAddons: readonly { readonly name: SqliteAddonName; readonly file: string }[];
export declare function sqliteAddon(name: SqliteAddonName): { readonly name: SqliteAddonName; readonly file: string };
export declare function electronSqliteCacheFile(
  projectRoot: string,
  electronVersion: string,
  abi: number | string,
  addon?: SqliteAddonName,
): string;
