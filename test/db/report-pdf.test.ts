import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToPdf, findChromium } from '../../db/report/print-pdf';
import { overviewReport } from '../../db/report/overview';
import { renderReportHtml } from '../../db/report/render-html';
import { reportSlides } from '../../db/report/slides';
import { executeOperation } from '../../db/api';
import { sourceQueryInput } from '../../db/evidence/inputs';
import { listSources } from '../../db/evidence/source-query';
import { createWorkspace } from '../../db/workspace/create';
import { cli } from './run-cli';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();
const marking = 'CONFIDENTIAL — CLIENT NAME';
const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;

// Printing needs a Chromium (as Electron's printToPDF does in the app); without one the command says so.
describe.skipIf(!findChromium())(
  'chokepoint report to PDF (needs /usr/bin/chromium or CHOKEPOINT_CHROMIUM)',
  { timeout: 120_000 },
  () => {
    it('prints the Overview to PDF on Letter with the marking banner at the top and bottom of every page', () => {
      const folder = tempFolder();
      const file = join(folder, 'w.sqlite');
      createWorkspace(file, { starter: true }).close();
      const out = join(folder, 'overview.pdf');
      const run = cli('report', '--workspace', file, '--out', out, '--page', 'Letter', '--marking', marking);
      expect(run.stderr).toBe('');
      expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      if (!hasPoppler) return; // pdftotext (poppler-utils) reads the pages; .ci/run installs it.

      const info = spawnSync('pdfinfo', [out], { encoding: 'utf8' }).stdout;
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      expect(pages).toBeGreaterThan(2);
      expect(info).toMatch(/612 x 792 pts/);
      for (let page = 1; page <= pages; page++) {
        const text = spawnSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', out, '-'], {
          encoding: 'utf8',
        }).stdout;
        const lines = text.split('\n').filter((line) => line.trim() !== '');
        expect(lines[0]!.trim(), `top of page ${page}`).toBe(marking);
        expect(lines.at(-1)!.trim(), `bottom of page ${page}`).toBe(marking);
      }
      const all = spawnSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' }).stdout;
      expect(all).toContain('Sources');
      expect(all).toMatch(/Capacity gap by stage/);
    });

    it('opens in Chromium without a single request leaving the file', async () => {
      const workspace = createWorkspace(join(tempFolder(), 'w.sqlite'), { starter: true, name: 'Rare earths' });
      const html = renderReportHtml(
        reportSlides(workspace, overviewReport('Rare earths', marking), { workspaceName: 'Rare earths' }),
      );
      workspace.close();
      const requests: string[] = [];
      const pdf = await htmlToPdf(html, 'A4', (url) => requests.push(url));
      expect(Buffer.from(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(requests).toEqual([]);
    });

    // Reading the printed text back needs poppler's pdftotext (.ci/run installs it).
    it.skipIf(!hasPoppler)('prints markup in a claim statement and in narrative as text', async () => {
      const hostile = '<img src=x onerror=alert(1)>';
      const workspace = createWorkspace(join(tempFolder(), 'w.sqlite'), { starter: true });
      const created = executeOperation({ workspace }, 'createClaim', {
        statement: `Claim ${hostile}`,
        citations: [{ sourceId: listSources(workspace.db, sourceQueryInput.parse({})).rows[0]!.id }],
      }) as { value: { id: string } };
      const id = created.value.id;
      const report = {
        ...overviewReport('W'),
        items: [
          { kind: 'claims' as const, claimIds: [id] },
          { kind: 'narrative' as const, markdown: `Narrative ${hostile}` },
        ],
      };
      const html = renderReportHtml(reportSlides(workspace, report, { workspaceName: 'W' }));
      workspace.close();
      const file = join(tempFolder(), 'hostile.pdf');
      writeFileSync(file, await htmlToPdf(html, 'A4'));
      const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout;
      expect(text).toContain(`Claim ${hostile}`);
      expect(text).toContain(`Narrative ${hostile}`);
    });
  },
);
