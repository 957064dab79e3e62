import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OperationResult } from '../../db/operation-names';
import { bindChartExport } from '../../electron/chart-export';
import { chartExportChannel } from '../../electron/ipc-channel';
import { createUrlPolicy } from '../../electron/url-policy';

type Handler = (event: IpcMainInvokeEvent, file: unknown) => Promise<OperationResult>;
const policy = createUrlPolicy({ entryUrl: 'app://chokepoint/index.html' });
const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function setup(target: string | undefined) {
  let handler: Handler | undefined;
  const ourWindow = {} as WebContents;
  const chooseTarget = vi.fn(() => Promise.resolve(target));
  bindChartExport({
    ipcMain: {
      handle: vi.fn((channel: string, listener: Handler) => channel === chartExportChannel && (handler = listener)),
      removeHandler: vi.fn(),
    },
    isTrustedPage: policy.isTrustedPage,
    isOurWindow: (contents) => contents === ourWindow,
    chooseTarget,
  });
  const from = (sender: WebContents, url = 'app://chokepoint/index.html') => {
    const mainFrame = { url, parent: null };
    (sender as { mainFrame?: unknown }).mainFrame = mainFrame;
    return { sender, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent;
  };
  return {
    save: (file: unknown, sender = ourWindow, url?: string) => handler!(from(sender, url), file),
    ourWindow,
    chooseTarget,
  };
}

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-export-'));
  folders.push(dir);
  return dir;
}

describe('saving an exported chart', () => {
  it('writes the SVG text and the PNG bytes where the analyst chose', async () => {
    const dir = folder();
    const svgFile = join(dir, 'stage gap.svg');
    const svg = setup(svgFile);
    expect(await svg.save({ name: 'stage-gap.svg', kind: 'svg', data: '<svg><title>Capacity gap</title></svg>' })).toEqual({
      ok: true,
      value: { file: svgFile },
    });
    expect(svg.chooseTarget).toHaveBeenCalledWith('stage-gap.svg', 'svg');
    expect(readFileSync(svgFile, 'utf8')).toBe('<svg><title>Capacity gap</title></svg>');

    const pngFile = join(dir, 'stage gap.png');
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]);
    expect(await setup(pngFile).save({ name: 'stage-gap.png', kind: 'png', data: bytes })).toEqual({
      ok: true,
      value: { file: pngFile },
    });
    expect(new Uint8Array(readFileSync(pngFile))).toEqual(bytes);
  });

  it('writes nothing when the analyst cancels', async () => {
    expect(await setup(undefined).save({ name: 'stage-gap.svg', kind: 'svg', data: '<svg/>' })).toEqual({
      ok: true,
      value: null,
    });
  });

  it('refuses another page, a path instead of a name, and content of the wrong kind', async () => {
    const { save, chooseTarget } = setup('/tmp/never-written.svg');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await save({ name: 'x.svg', kind: 'svg', data: '<svg/>' }, {} as WebContents)).toMatchObject({
      ok: false,
      error: { field: 'sender' },
    });
    expect(await save({ name: 'x.svg', kind: 'svg', data: '<svg/>' }, undefined, 'https://example.com/')).toMatchObject({
      ok: false,
      error: { field: 'sender' },
    });
    expect(await save({ name: '../../.bashrc.svg', kind: 'svg', data: '<svg/>' })).toMatchObject({
      ok: false,
      error: { field: 'name' },
    });
    expect(await save({ name: 'x.png', kind: 'png', data: 'not bytes' })).toMatchObject({ ok: false, error: { field: 'data' } });
    expect(chooseTarget).not.toHaveBeenCalled();
  });
});
