import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadRecentWorkspaces,
  maxRecentWorkspaces,
  parseRecentWorkspaces,
  rememberWorkspace,
  saveRecentWorkspaces,
  serializeRecentWorkspaces,
  withoutMissing,
} from '../../electron/recent-workspaces';

const file = (name: string) => resolve('/data', `${name}.sqlite`);

describe('recent workspaces', () => {
  it('puts the workspace just opened first', () => {
    expect(rememberWorkspace([file('a'), file('b')], file('c'))).toEqual([file('c'), file('a'), file('b')]);
  });

  it('lists a workspace once, moving it to the top when reopened', () => {
    expect(rememberWorkspace([file('a'), file('b'), file('c')], file('b'))).toEqual([file('b'), file('a'), file('c')]);
    expect(rememberWorkspace([file('a')], '/data/x/../a.sqlite')).toEqual([file('a')]);
  });

  it(`keeps at most ${maxRecentWorkspaces}, dropping the oldest`, () => {
    let recent: string[] = [];
    for (let i = 1; i <= 10; i++) recent = rememberWorkspace(recent, file(`w${i}`));
    expect(recent).toHaveLength(maxRecentWorkspaces);
    expect(recent[0]).toBe(file('w10'));
    expect(recent).not.toContain(file('w2'));
  });

  it('drops workspaces whose file is gone', () => {
    expect(withoutMissing([file('a'), file('gone'), file('b')], (f) => !f.includes('gone'))).toEqual([file('a'), file('b')]);
  });

  it('reads a damaged or hand-edited list without failing', () => {
    expect(parseRecentWorkspaces('not json')).toEqual([]);
    expect(parseRecentWorkspaces('{"workspaces": 3}')).toEqual([]);
    expect(parseRecentWorkspaces(JSON.stringify({ workspaces: [file('a'), 7, '', file('a'), file('b')] }))).toEqual([
      file('a'),
      file('b'),
    ]);
  });

  it('round-trips through the JSON file, and forgets files deleted since', () => {
    const folder = mkdtempSync(join(tmpdir(), 'chokepoint-recent-'));
    const kept = join(folder, 'kept.sqlite');
    writeFileSync(kept, '');
    const listFile = join(folder, 'user', 'recent-workspaces.json');
    saveRecentWorkspaces(listFile, [kept, join(folder, 'deleted.sqlite')]);
    expect(loadRecentWorkspaces(listFile)).toEqual([kept]);
    expect(parseRecentWorkspaces(serializeRecentWorkspaces([file('a')]))).toEqual([file('a')]);
    expect(loadRecentWorkspaces(join(folder, 'missing.json'))).toEqual([]);
  });
});
