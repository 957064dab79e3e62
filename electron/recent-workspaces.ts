import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * File ▸ Open Recent: the workspaces the analyst opened last, newest first, each once, at most eight,
 * and only files that still exist. The pure functions carry the rules; load/save only move JSON.
 */
export const maxRecentWorkspaces = 8;

function sameFile(a: string, b: string): boolean {
  // Windows and default macOS volumes ignore case; Linux does not.
  return process.platform === 'linux' ? a === b : a.toLowerCase() === b.toLowerCase();
}

/** Puts `file` first, removing an earlier entry for it, and keeps the newest eight. */
export function rememberWorkspace(recent: readonly string[], file: string): string[] {
  const absolute = resolve(file);
  return [absolute, ...recent.filter((entry) => !sameFile(resolve(entry), absolute))].slice(0, maxRecentWorkspaces);
}

/** Drops entries whose file no longer exists (moved, deleted, on an unplugged drive). */
export function withoutMissing(recent: readonly string[], exists: (file: string) => boolean = existsSync): string[] {
  return recent.filter((file) => exists(file));
}

/** Accepts whatever is in the JSON file and keeps only a clean list: strings, deduplicated, capped. */
export function parseRecentWorkspaces(json: string): string[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return [];
  }
  const files = Array.isArray(data) ? data : (data as { workspaces?: unknown } | null)?.workspaces;
  if (!Array.isArray(files)) return [];
  return files
    .filter((file): file is string => typeof file === 'string' && file.length > 0)
    .reduceRight<string[]>((list, file) => rememberWorkspace(list, file), []);
}

export function serializeRecentWorkspaces(recent: readonly string[]): string {
  return `${JSON.stringify({ workspaces: recent.slice(0, maxRecentWorkspaces) }, null, 2)}\n`;
}

export function loadRecentWorkspaces(listFile: string): string[] {
  if (!existsSync(listFile)) return [];
  return withoutMissing(parseRecentWorkspaces(readFileSync(listFile, 'utf8')));
}

export function saveRecentWorkspaces(listFile: string, recent: readonly string[]): void {
  mkdirSync(dirname(listFile), { recursive: true });
  // Written beside and renamed over, so a crash never leaves half a list.
  writeFileSync(`${listFile}.tmp`, serializeRecentWorkspaces(recent));
  renameSync(`${listFile}.tmp`, listFile);
}
