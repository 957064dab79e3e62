import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations';
import { cli } from './run-cli';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();

// Each spawn starts tsx (1.5–3 s on a busy machine): the default 5 s is too short for several.
describe('chokepoint CLI', { timeout: 30_000 }, () => {
  it('creates a starter workspace, reports it as JSON and verifies it', () => {
    const file = join(tempFolder(), 'w.sqlite');
    expect(cli('init', '--workspace', file)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/52 sources, 80 claims/) as unknown,
    });
    const info = cli('info', '--workspace', file, '--json');
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ schemaVersion: migrations.at(-1)!.version, sources: 52, claims: 80 });
    expect(cli('verify', '--workspace', file)).toMatchObject({ code: 0, stderr: '' });
  });

  it('creates an empty workspace with --empty', () => {
    const file = join(tempFolder(), 'empty.sqlite');
    expect(cli('init', '--workspace', file, '--empty').code).toBe(0);
    expect(JSON.parse(cli('info', '--workspace', file, '--json').stdout)).toMatchObject({ sources: 0, claims: 0 });
  });

  it('fails verify on a damaged copy with one line naming the file, and leaves the copy unchanged', () => {
    const dir = tempFolder();
    const file = join(dir, 'w.sqlite');
    cli('init', '--workspace', file);
    const copy = join(dir, 'damaged copy.sqlite');
    const bytes = readFileSync(file);
    bytes.fill(0xde, 4096 * 4, 4096 * 5);
    writeFileSync(copy, bytes);
    const before = createHash('sha256').update(readFileSync(copy)).digest('hex');
    const run = cli('verify', '--workspace', copy);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^chokepoint: .*damaged copy\.sqlite is damaged/);
    expect(createHash('sha256').update(readFileSync(copy)).digest('hex')).toBe(before);
  });

  it('answers user mistakes with one line on stderr and exit 1, never a stack trace', () => {
    const dir = tempFolder();
    const cases = [
      { args: ['info'], message: /--workspace FILE is required/ },
      { args: ['info', '--workspace', join(dir, 'nowhere.sqlite')], message: /No workspace at .*nowhere\.sqlite/ },
      { args: ['info', '--workspace', join(dir, 'x.sqlite'), '--colour'], message: /Unknown option '--colour'/ },
      { args: ['explode'], message: /Unknown command "explode"/ },
    ];
    for (const { args, message } of cases) {
      const run = cli(...args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    }
  });
});
