/**
 * The benchmark suite (measurement only; not a unit test):
 *
 *   npm run bench -- [--claims 100000] [--json FILE] [--keep FILE] [--reuse FILE] [--import-rows N]
 *                    [--import-ui-rows N] [--no-ui]
 *
 * Generates a deterministic synthetic workspace of N claims (--keep saves it, --reuse measures one
 * kept earlier), then measures the app's import against raw SQLite inserts, search and table paging
 * against raw FTS5, the capacity model and scores, opening the file, the database process's memory,
 * and (in Chromium through the preview host) the first gap chart, table scrolling and renderer heap,
 * then a CSV import of N rows (--import-ui-rows; 0 skips it) through the import screen into an empty
 * workspace, counting the renderer's long tasks while it runs.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { machine, printReport, type BenchReport } from './bench-table';
import { measureImport, measureOpen, measureQueries } from './measure-database';
import { measureImportUi, type ImportUiFigures } from './measure-import-ui';
import { findChromium, measureUi, type UiFigures } from './measure-ui';
import { createWorkspace } from '../../db/workspace/create';
import { createSyntheticWorkspace } from './synthetic-workspace';

const { values } = parseArgs({
  options: {
    claims: { type: 'string', default: '100000' },
    json: { type: 'string' },
    keep: { type: 'string' },
    reuse: { type: 'string' },
    'no-ui': { type: 'boolean', default: false },
    'import-rows': { type: 'string' },
    'import-ui-rows': { type: 'string' },
  },
});
const requested = Number(values.claims);
if (!Number.isInteger(requested) || requested < 100) throw new Error('--claims must be a whole number of at least 100.');

const importRows = values['import-rows'] === undefined ? undefined : Number(values['import-rows']);
if (importRows !== undefined && (!Number.isInteger(importRows) || importRows < 100))
  throw new Error('--import-rows must be a whole number of at least 100.');
const importUiRows = values['import-ui-rows'] === undefined ? requested : Number(values['import-ui-rows']);
if (!Number.isInteger(importUiRows) || importUiRows < 0) throw new Error('--import-ui-rows must be a whole number (0 skips it).');
const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
const mb = (bytes: number) => bytes / 1024 / 1024;

const folder = mkdtempSync(join(tmpdir(), 'chokepoint-bench-'));
try {
  const file = values.reuse ? resolve(values.reuse) : join(folder, 'bench.sqlite');
  let generateMs: number | undefined;
  let generation: Record<string, number> = {};
  if (!values.reuse) {
    log(`generating ${requested.toLocaleString('en-US')} claims…`);
    const started = performance.now();
    const { workspace, timings } = createSyntheticWorkspace(file, requested);
    workspace.close();
    generateMs = performance.now() - started;
    generation = {
      generateInsertMs: timings.insertMs,
      generateSearchIndexMs: timings.searchIndexMs,
      generateEvidenceMs: timings.evidenceMs,
    };
    log(`generated in ${(generateMs / 1000).toFixed(1)} s (${JSON.stringify(generation)})`);
  }

  log('opening the workspace…');
  const { openMs, openAfterCrashMs, workspace } = measureOpen(file);
  const claims = workspace.db.prepare('SELECT count(*) FROM claims').pluck().get() as number;
  log('search, table pages, gap, series, scores…');
  const queries = measureQueries(workspace, claims, log);
  const dbRssMB = mb(process.memoryUsage().rss);
  workspace.close();
  if (values.keep) copyFileSync(file, resolve(values.keep));

  log(`import of the same rows as CSV against raw inserts…`);
  const imported = measureImport(folder, Math.min(claims, importRows ?? claims));
  if (imported.importRows < claims && !imported.importNote)
    imported.importNote = `measured on ${imported.importRows} rows (--import-rows), not all ${claims}`;
  const importPeakRssMB = mb(process.memoryUsage().rss);

  let ui: Partial<UiFigures> & { uiNote?: string } = {};
  let importUi: Partial<ImportUiFigures> & { importUiNote?: string } = {};
  const chromiumPath = findChromium();
  if (values['no-ui']) ui = { uiNote: 'skipped (--no-ui)' };
  else if (!chromiumPath) ui = { uiNote: 'no Chromium found (looked at $CHOKEPOINT_CHROMIUM and /usr/bin/chromium)' };
  else if (!existsSync(resolve('out/renderer/index.html'))) ui = { uiNote: 'the renderer is not built: run npm run build' };
  else {
    log('UI in Chromium through the preview host…');
    // A UI that never draws is a finding, not a reason to lose the database figures.
    ui = await measureUi(file, chromiumPath).catch((error: unknown) => ({ uiNote: `failed: ${(error as Error).message}` }));
    if (importUiRows > 0) {
      log(`import of ${importUiRows.toLocaleString('en-US')} rows through the import screen…`);
      const target = join(folder, 'import-ui-target.sqlite');
      createWorkspace(target, { starter: false, name: 'Import target' }).close();
      importUi = await measureImportUi({ workspaceFile: target, chromiumPath, rows: importUiRows, folder, log }).catch(
        (error: unknown) => ({ importUiNote: `failed: ${(error as Error).message}` }),
      );
    }
  }

  const report: BenchReport = {
    claims,
    ...(generateMs !== undefined ? { generateMs } : {}),
    ...generation,
    rawInsertPerSec: imported.rawInsertPerSec,
    importPerSec: imported.importPerSec,
    importRatio: imported.importRatio,
    importRows: imported.importRows,
    importMs: imported.importMs,
    rawInsertMs: imported.rawInsertMs,
    ...(imported.importNote ? { importNote: imported.importNote } : {}),
    ...queries,
    openMs,
    openAfterCrashMs,
    dbRssMB,
    importPeakRssMB,
    firstChartMs: ui.firstChartMs ?? Number.NaN,
    scrollFrameP95Ms: ui.scrollFrameP95Ms ?? Number.NaN,
    rendererHeapMB: ui.rendererHeapMB ?? Number.NaN,
    ...ui,
    ...importUi,
    machine: machine(),
  };
  printReport(report);
  if (values.json) writeFileSync(resolve(values.json), `${JSON.stringify(report, null, 2)}\n`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
