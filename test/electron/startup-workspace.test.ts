import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseStartupWorkspaces, starterWorkspaceName, workspaceArgument } from '../../electron/startup-workspace';
import { windowTitle } from '../../electron/window-title';

const userData = resolve('/home/analyst/.config/Chokepoint');
const starter = { file: join(userData, starterWorkspaceName), createWithStarter: true, explicit: false };

describe('the workspace opened at start-up', () => {
  it('is the starter workspace, created with starter data, on first start', () => {
    expect(chooseStartupWorkspaces({ argv: [], env: {}, userData, recent: [] })).toEqual([starter]);
    expect(starter.file).toBe(join(userData, 'Starter workspace.sqlite'));
  });

  it('is the most recent workspace afterwards, falling back to the starter one', () => {
    expect(chooseStartupWorkspaces({ argv: [], env: {}, userData, recent: ['/w/b.sqlite', '/w/a.sqlite'] })).toEqual([
      { file: '/w/b.sqlite', createWithStarter: false, explicit: false },
      starter,
    ]);
  });

  it('is the file named by --workspace or CHOKEPOINT_WORKSPACE, with no fallback', () => {
    expect(workspaceArgument(['electron', '.', '--workspace', '/t/e2e.sqlite'])).toBe('/t/e2e.sqlite');
    expect(workspaceArgument(['electron', '.', '--workspace=/t/e2e.sqlite'])).toBe('/t/e2e.sqlite');
    expect(
      chooseStartupWorkspaces({
        argv: ['x', '--workspace', '/t/e2e.sqlite'],
        env: { CHOKEPOINT_WORKSPACE: '/t/env.sqlite' },
        userData,
        recent: ['/w/b.sqlite'],
      }),
    ).toEqual([{ file: resolve('/t/e2e.sqlite'), createWithStarter: true, explicit: true }]);
    expect(
      chooseStartupWorkspaces({ argv: [], env: { CHOKEPOINT_WORKSPACE: '/t/env.sqlite' }, userData, recent: [] })[0]!.file,
    ).toBe(resolve('/t/env.sqlite'));
  });

  it('names the workspace in the window title', () => {
    expect(windowTitle({ file: '/w/a.sqlite', name: 'Rare earths 2026' })).toBe('Rare earths 2026 — Chokepoint');
    expect(windowTitle(undefined)).toBe('Chokepoint');
  });
});
