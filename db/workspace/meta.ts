import type { Database } from 'better-sqlite3';

/** Workspace-level facts kept in workspace_meta: its display name and when it was created. */
export function getMeta(db: Database, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM workspace_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Database, key: string, value: string): void {
  db.prepare('INSERT INTO workspace_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}
