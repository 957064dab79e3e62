import Database from 'better-sqlite3';

/**
 * The one place that constructs better-sqlite3 connections. better-sqlite3 is a V8 addon, so the
 * Node build (tests, CLI, preview host) and the Electron build (the app's database process) are
 * different files; the Electron process names its build here once, at start-up.
 */
let nativeBinding: string | undefined;

export function useNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

export function connect(file: string, options: { readonly?: boolean; fileMustExist?: boolean } = {}): Database.Database {
  return new Database(file, { ...options, ...(nativeBinding ? { nativeBinding } : {}) });
}

export type { Database } from 'better-sqlite3';
