import { resolve } from 'node:path';
import { UserError } from '../errors';
import { backUpWorkspaceFile } from '../workspace/backup-files';
import { backupsFolder, latestBackup, listBackups, restoreBackup, type BackupInfo } from '../workspace/backups';
import { keyOption, passphraseFor } from '../workspace/encrypted-file';
import { checkWorkspace } from '../workspace/open';

/**
 * `chokepoint backup` (take one now, or --list them) and `chokepoint restore` (--from FILE or
 * --latest). The same functions as the app's Backups panel; a restore backs the current state up first.
 */
type Values = Record<string, string | boolean | undefined>;
type Out = (line: string) => void;

function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function holds(backup: BackupInfo): string {
  if (backup.problem) return backup.problem;
  if (backup.claims === undefined) return 'encrypted';
  return `${backup.claims} claims, ${backup.sources} sources, schema ${backup.schemaVersion}`;
}

function asJson(backup: BackupInfo) {
  return {
    name: backup.name,
    file: backup.file,
    kind: backup.kind,
    takenAt: backup.takenAt,
    bytes: backup.bytes,
    schemaVersion: backup.schemaVersion ?? null,
    sources: backup.sources ?? null,
    claims: backup.claims ?? null,
    ...(backup.encrypted ? { encrypted: true } : {}),
    ...(backup.problem ? { problem: backup.problem } : {}),
  };
}

export function backupCommand(values: Values, out: Out, workspaceFile: string): void {
  if (values.list) {
    const backups = listBackups(workspaceFile);
    if (values.json) return out(JSON.stringify({ folder: backupsFolder(workspaceFile), backups: backups.map(asJson) }));
    if (backups.length === 0) return out(`No backups of ${workspaceFile} yet (they go in ${backupsFolder(workspaceFile)}).`);
    out(`Backups of ${workspaceFile}, newest first (in ${backupsFolder(workspaceFile)}):`);
    for (const backup of backups)
      out(
        `  ${backup.takenAt.replace('T', ' ').replace('Z', ' UTC')}  ${backup.kind.padEnd(16)} ${sizeText(backup.bytes).padStart(9)}  ${holds(backup)}  ${backup.name}`,
      );
    return;
  }
  // A read-only look first: a damaged workspace is refused by name (copy the file itself to keep it).
  const check = checkWorkspace(workspaceFile, 'quick');
  if (check.problems.length > 0)
    throw new UserError(`${workspaceFile} is damaged (${check.problems[0]}); it was not backed up.`, 'workspace');
  const file = backUpWorkspaceFile(workspaceFile, 'manual', keyOption(passphraseFor(workspaceFile, undefined)));
  const backup = listBackups(workspaceFile).find((entry) => entry.file === file)!;
  if (values.json) return out(JSON.stringify(asJson(backup)));
  out(`Backed up ${workspaceFile} to ${file} (${holds(backup)}).`);
}

export function restoreCommand(values: Values, out: Out, workspaceFile: string): void {
  const from = typeof values.from === 'string' && values.from.trim() !== '' ? resolve(values.from) : undefined;
  if (from && values.latest) throw new UserError('Give either --from FILE or --latest, not both.', 'from');
  if (!from && !values.latest) throw new UserError('Say which backup to restore: --from FILE or --latest.', 'from');
  const backupFile = from ?? latestBackup(workspaceFile).file;
  const outcome = restoreBackup(workspaceFile, backupFile);
  let claims: number;
  let sources: number;
  try {
    claims = outcome.workspace.db.prepare('SELECT count(*) FROM claims').pluck().get() as number;
    sources = outcome.workspace.db.prepare('SELECT count(*) FROM sources').pluck().get() as number;
  } finally {
    outcome.workspace.close();
  }
  if (values.json)
    return out(
      JSON.stringify({
        workspace: workspaceFile,
        restoredFrom: outcome.restoredFrom,
        safetyBackup: outcome.safetyBackup ?? null,
        claims,
        sources,
      }),
    );
  out(`Restored ${workspaceFile} from ${outcome.restoredFrom}: ${claims} claims, ${sources} sources.`);
  if (outcome.safetyBackup) out(`The state it replaced is kept in ${outcome.safetyBackup}.`);
}
