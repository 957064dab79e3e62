/**
 * The process the crash-safety tests kill (test/db/crash-safety.test.ts). It opens a real workspace
 * file the way the app does and runs one long write, reporting on stdout, one JSON line at a time,
 * where it is: the parent kills it with SIGKILL at a chosen report. Writes to a pipe are synchronous
 * on Linux, so a line the parent has read was written before the process went on.
 *
 *   crash-child import <workspace> <csv>          a streaming CSV import, a line per chunk written
 *   crash-child bulk <workspace> <credibility>    a bulk edit of every claim, a line per 5,000 claims
 *   crash-child prepare <workspace> <rows>        creates a workspace with that many imported claims (not killed:
 *                                                 it runs beside the import rounds, on the other core)
 *
 * The test bundles it with esbuild and runs it with node (`node --import tsx` runs it as it is).
 */
import { updateClaims } from '../../../db/evidence/claim-bulk-edit';
import { writeFileSync } from 'node:fs';
import { runToEnd, type CsvImportJob } from '../../../db/import/csv-import-job';
import { createFileImportJob } from '../../../db/import/file-import';
import { createWorkspace } from '../../../db/workspace/create';
import { openWorkspace } from '../../../db/workspace/open';
import { importableClaims, importHeader, importLine, importRecipe } from '../../bench/synthetic-workspace';

const [mode, file, argument] = process.argv.slice(2);
const say = (event: string, detail: Record<string, unknown> = {}) =>
  process.stdout.write(`${JSON.stringify({ event, ...detail })}\n`);

if (mode === 'prepare') {
  const csv = `${file!}.csv`;
  const lines = [importHeader.join(',')];
  for (const claim of importableClaims(Number(argument), 11)) lines.push(importLine(claim));
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const created = createWorkspace(file!, { starter: false, name: 'Crash test, bulk' });
  const report = runToEnd(createFileImportJob(created.db, csv, { recipe: importRecipe as never }) as CsvImportJob);
  if (!report.committed) throw new Error(`the import failed: ${JSON.stringify(report.errors.slice(0, 2))}`);
  created.db.pragma('wal_checkpoint(TRUNCATE)');
  created.close();
  say('prepared', { claims: report.imported });
  process.exit(0);
}

const workspace = openWorkspace(file!);
const { db } = workspace;
// A page cache of 64 pages makes SQLite spill the bulk edit's pages into the write-ahead log long
// before the commit, so the kill leaves uncommitted frames on disk that recovery must ignore (with the
// app's 32 MB cache they would die in memory, the easier case). An import sets its own 128 MB cache.
db.pragma('cache_size = 64');
say('opened');

if (mode === 'import') {
  let finishing = false;
  const job = createFileImportJob(
    db,
    argument!,
    { recipe: importRecipe as never },
    {
      onProgress: (progress) => {
        // 'finishing': every row is written; the indexes, conflict groups, audit record and commit remain.
        if (progress.phase === 'finishing' && !finishing) {
          finishing = true;
          say('finishing', { rowsWritten: progress.rowsWritten, inTransaction: db.inTransaction });
        }
      },
    },
  );
  while (!job.step()) say('chunk', { rowsWritten: job.progress().rowsWritten, inTransaction: db.inTransaction });
  const report = job.report();
  say(report.committed ? 'committed' : 'refused', { imported: report.imported, errors: report.errors.slice(0, 3) });
} else if (mode === 'bulk') {
  const ids = db.prepare('SELECT id FROM claims ORDER BY seq').pluck().all() as string[];
  // A probe inside the edit's own transaction: a temporary trigger (in the connection's temp
  // schema, never in the workspace file) calls back for every claim row the edit updates.
  let updated = 0;
  db.function('crash_probe', () => {
    updated++;
    if (updated % 5000 === 0) say('updated', { claims: updated, inTransaction: db.inTransaction });
    return null;
  });
  db.exec('CREATE TEMP TRIGGER crash_probe AFTER UPDATE OF credibility ON main.claims BEGIN SELECT crash_probe(); END');
  say('editing', { claims: ids.length });
  const result = updateClaims(db, ids, { credibility: Number(argument), credibilityReason: 'Bulk edit under test' });
  say('committed', result);
} else {
  throw new Error(`unknown mode ${mode}`);
}
workspace.close();
