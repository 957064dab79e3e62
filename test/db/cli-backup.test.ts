import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../db/cli/commands';
import { createWorkspace } from '../../db/workspace/create';
import { cli } from './run-cli';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The command in this process (what a spawn adds, exit code and stderr, is checked once below). */
async function inProcess(...args: string[]): Promise<string> {
  const lines: string[] = [];
  await runCli(args, (line) => lines.push(line));
  return lines.join('\n');
}

// A spawn starts tsx (1.5–3 s, far more on a busy machine): one test spawns, once.
describe('chokepoint backup and restore', { timeout: 60_000 }, () => {
  it('backs up, lists, and restores the state before an import; the restored workspace verifies', async () => {
    const dir = tempFolder();
    const file = join(dir, 'w.sqlite');
    createWorkspace(file, { starter: true }).close();
    expect(await inProcess('backup', '--workspace', file)).toMatch(/^Backed up .*w backups.*80 claims, 52 sources/);

    const csv = join(dir, 'more.csv');
    writeFileSync(csv, 'Country,Year,Value\nAustralia,2031,456\nCanada,2031,12\n');
    const recipe = join(dir, 'recipe.json');
    writeFileSync(
      recipe,
      JSON.stringify({
        sourceId: 'src-u-s-geological-surve-af1514',
        constants: { stage: 'mining', metric: 'production_t', unit: 't' },
        columns: { country: 'Country', year: 'Year', value: 'Value' },
      }),
    );
    await inProcess('import', '--workspace', file, '--file', csv, '--recipe', recipe);

    const { backups } = JSON.parse(await inProcess('backup', '--workspace', file, '--list', '--json')) as {
      backups: { kind: string; claims: number }[];
    };
    // The import took its own backup first: newest first, before-import then the manual one.
    expect(backups.map((b) => [b.kind, b.claims])).toEqual([
      ['before-import', 80],
      ['manual', 80],
    ]);

    const outcome = JSON.parse(await inProcess('restore', '--workspace', file, '--latest', '--json')) as {
      claims: number;
      safetyBackup: string;
    };
    expect(outcome.claims).toBe(80);
    expect(outcome.safetyBackup).toMatch(/w backups[/\\]w\.backup-before-restore-/);
    expect(await inProcess('verify', '--workspace', file)).toMatch(/is sound/);
  });

  it('refuses to restore a file that is not a workspace: one line naming it, the workspace unchanged', async () => {
    const dir = tempFolder();
    const file = join(dir, 'w.sqlite');
    createWorkspace(file, { starter: false }).close();
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'not a workspace\n');
    const before = sha256(file);
    const run = cli('restore', '--workspace', file, '--from', notes);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/notes\.txt is not a Chokepoint workspace/);
    expect(sha256(file)).toBe(before);
    await expect(inProcess('restore', '--workspace', file)).rejects.toThrow(/--from FILE or --latest/);
    await expect(inProcess('restore', '--workspace', file, '--latest')).rejects.toThrow(/No backups of .*w\.sqlite/);
  });
});
