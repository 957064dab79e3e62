import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { executeOperation } from '../../db/api';
import type { OperationResult } from '../../db/operation-names';
import { reportExportChannel } from '../../electron/ipc-channel';
import { bindReportExport } from '../../electron/report-export';
import { createUrlPolicy } from '../../electron/url-policy';
import { useWorkspaces } from '../db/fixtures/operations';

type Handler = (event: IpcMainInvokeEvent, request: unknown) => Promise<OperationResult>;
const policy = createUrlPolicy({ entryUrl: 'app://chokepoint/index.html' });
const workspaces = useWorkspaces();

/** Main's report export bound to a real starter workspace, with the save dialog and the printer faked. */
function setup(target: (name: string) => string | undefined) {
  const workspace = workspaces.create('w.sqlite', true);
  let handler: Handler | undefined;
  const ourWindow = {} as WebContents;
  const chooseTarget = vi.fn((name: string) => Promise.resolve(target(name)));
  const printed: { html: string; pageSize: string }[] = [];
  bindReportExport({
    ipcMain: {
      handle: vi.fn((channel: string, listener: Handler) => channel === reportExportChannel && (handler = listener)),
      removeHandler: vi.fn(),
    },
    isTrustedPage: policy.isTrustedPage,
    isOurWindow: (contents) => contents === ourWindow,
    runOperation: (name, input) => Promise.resolve(executeOperation({ workspace }, name, input)),
    printPdf: (html, pageSize) => {
      printed.push({ html, pageSize });
      return Promise.resolve(new TextEncoder().encode('%PDF-1.7 printed'));
    },
    chooseTarget,
  });
  const from = (sender: WebContents, url = 'app://chokepoint/index.html') => {
    const mainFrame = { url, parent: null };
    (sender as { mainFrame?: unknown }).mainFrame = mainFrame;
    return { sender, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent;
  };
  return {
    exportReport: (request: unknown, sender = ourWindow, url?: string) => handler!(from(sender, url), request),
    chooseTarget,
    printed,
  };
}

describe('exporting a report from the desktop app', () => {
  it('draws the report in main and writes HTML, a printed PDF and a PowerPoint deck where the analyst chose', async () => {
    const dir = workspaces.folder();
    const { exportReport, chooseTarget, printed } = setup((name) => join(dir, name));

    const html = await exportReport({ id: 'overview', format: 'html' });
    expect(html).toEqual({ ok: true, value: { file: join(dir, 'Overview.html') } });
    expect(chooseTarget).toHaveBeenLastCalledWith('Overview.html', 'html');
    expect(readFileSync(join(dir, 'Overview.html'), 'utf8')).toMatch(/<section class="sources">/);

    const pdf = await exportReport({ id: 'Overview', format: 'pdf', pageSize: 'Letter' });
    expect(pdf.ok).toBe(true);
    expect(printed).toHaveLength(1);
    expect(printed[0]!.pageSize).toBe('Letter');
    expect(printed[0]!.html).toMatch(/@page \{ size: Letter;/);
    expect(readFileSync(join(dir, 'Overview.pdf'), 'latin1')).toBe('%PDF-1.7 printed');

    const pptx = await exportReport({ id: 'overview', format: 'pptx' });
    expect(pptx.ok).toBe(true);
    // A .pptx is a zip archive.
    expect(readFileSync(join(dir, 'Overview.pptx')).subarray(0, 2).toString('latin1')).toBe('PK');
  }, 60_000);

  it('writes nothing when the analyst cancels the save dialog', async () => {
    const { exportReport, chooseTarget } = setup(() => undefined);
    expect(await exportReport({ id: 'overview', format: 'html' })).toEqual({ ok: true, value: null });
    expect(chooseTarget).toHaveBeenCalledWith('Overview.html', 'html');
  });

  it('refuses a page that is not ours, a bad format, a path and an unknown report, before asking where to save', async () => {
    const { exportReport, chooseTarget } = setup((name) => join(workspaces.folder(), name));
    const stranger = {} as WebContents;
    expect(await exportReport({ id: 'overview', format: 'html' }, stranger)).toMatchObject({
      ok: false,
      error: { field: 'sender' },
    });
    expect(await exportReport({ id: 'overview', format: 'docx' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^exportReport: format:/) as unknown },
    });
    expect(await exportReport({ id: 'overview', format: 'html', file: '/etc/passwd' })).toMatchObject({ ok: false });
    expect(await exportReport({ id: 'No such report', format: 'pdf' })).toMatchObject({
      ok: false,
      error: { message: 'No report "No such report".' },
    });
    expect(chooseTarget).not.toHaveBeenCalled();
    expect(existsSync('/etc/passwd.exporting')).toBe(false);
  });
});
