import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit/log';
import { claimInput } from '../../db/evidence/inputs';
import { CsvSyntaxError, parseCsv } from '../../db/import/csv';
import { checkRecipeSources, createCsvImportJob, runToEnd, type ImportProgress } from '../../db/import/csv-import-job';
import { CsvRecordReader, fileSource, stringSource } from '../../db/import/csv-stream';
import { validDraft } from '../../db/import/fast-claim';
import { createFileImportJob } from '../../db/import/file-import';
import { recipeSchema } from '../../db/import/recipe';
import { importClaims } from '../../db/import/run-import';
import { createWorkspace } from '../../db/workspace/create';
import { openWorkspace } from '../../db/workspace/open';
import { createDatabaseService } from '../../electron/database-service';
import { importableClaims, importHeader, importLine, importRecipe } from '../bench/synthetic-workspace';
import { counts, fixture } from './fixtures/workspace-state';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();

function csvOf(rows: number, edit?: (lines: string[]) => void): string {
  const lines = [...importableClaims(rows)].map(importLine);
  edit?.(lines);
  return `${importHeader.join(',')}\n${lines.join('\n')}\n`;
}

function emptyWorkspace() {
  return createWorkspace(join(tempFolder(), 'w.sqlite'), { starter: false, name: 'Stream test' });
}

const recipe = recipeSchema.parse(importRecipe);

/** Feeds text to the streaming reader in pieces of `size` characters. */
function readInPieces(text: string, size: number): { rows: string[][]; lines: number[] } {
  const reader = new CsvRecordReader(',');
  const records = [];
  for (let at = 0; at < text.length; at += size) records.push(...reader.push(text.slice(at, at + size)));
  records.push(...reader.end());
  return { rows: records.map((r) => r.cells), lines: records.map((r) => r.line) };
}

describe('reading CSV a block at a time', () => {
  it('gives the same records and line numbers as parseCsv, however the text is cut', () => {
    const texts = [
      fixture('messy.csv'),
      fixture('usgs-wide.csv'),
      'a,b\r1,2\r3,4',
      'a,b\r\n"x\r\ny","q""r"\r\n"a"b,\r\n\r\n,\n',
      'h\n""\n"""",x\n',
    ];
    for (const text of texts) {
      const whole = parseCsv(text);
      for (const size of [1, 2, 3, 7, 64, 1 << 20]) {
        const { rows, lines } = readInPieces(text.replace(/^\ufeff/, ''), size);
        // parseCsv drops trailing blank records; the import does the same with the reader's output.
        while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c.trim() === '')) rows.pop();
        expect(rows.slice(1), `${JSON.stringify(text.slice(0, 20))} in pieces of ${size}`).toEqual(
          whole.rows.map((r) => r.cells),
        );
        expect(lines.slice(1, whole.rows.length + 1)).toEqual(whole.rows.map((r) => r.line));
      }
    }
  });

  it('names the row and line of a quote that is never closed, as parseCsv does', () => {
    const text = fixture('unbalanced-quote.csv');
    let expected: CsvSyntaxError | undefined;
    try {
      parseCsv(text);
    } catch (error) {
      expected = error as CsvSyntaxError;
    }
    expect(expected).toBeInstanceOf(CsvSyntaxError);
    expect(() => readInPieces(text, 5)).toThrow(expected!.message);
  });

  it('reads a UTF-8 file whose characters straddle block boundaries', () => {
    const file = join(tempFolder(), 'accents.csv');
    const text = 'Country,Value\n' + Array.from({ length: 500 }, (_, i) => `Côte d’Ivoire ${i},${i}`).join('\n');
    writeFileSync(file, text);
    const source = fileSource(file, 7);
    let read = '';
    for (let block = source.next(); block !== null; block = source.next()) read += block;
    expect(read).toBe(text);
  });
});

describe('the hand-written claim check', () => {
  it('accepts only what zod accepts, with the same value', () => {
    const base = {
      statement: '  Lynas: capacity 12,000 t (2024) ',
      stage: 'separation',
      metric: 'capacity_t_per_yr',
      value: 12000,
      unit: ' t ',
      year: 2024,
      country: 'Malaysia',
      entity: null,
      facilityStatus: 'operating',
      tags: [' a ', 'b', 'a'],
      credibility: 3,
      citations: [{ sourceId: 'src-1', excerpt: null, locator: 'row 2', stance: 'supports' }],
    };
    const variants: Record<string, unknown>[] = [
      base,
      { ...base, stage: 'Mining' },
      { ...base, metric: undefined },
      { ...base, year: 1800 },
      { ...base, year: 2024.5 },
      { ...base, value: Number.NaN },
      { ...base, valueLow: 5, valueHigh: 4 },
      { ...base, valueLow: 13000 },
      { ...base, statement: '   ' },
      { ...base, statement: 'x'.repeat(4001) },
      { ...base, country: 'x'.repeat(121) },
      { ...base, country: '  ' },
      { ...base, tags: [''] },
      { ...base, credibility: 7 },
      { ...base, facilityStatus: 'closed' },
      { ...base, extra: 1 },
      { ...base, citations: [] },
      { ...base, citations: [{ sourceId: '', excerpt: null, locator: null, stance: 'supports' }] },
      { ...base, notes: 'a\nb' },
    ];
    for (const draft of variants) {
      const fast = validDraft(draft);
      const slow = claimInput.safeParse(draft);
      if (fast) expect(slow.success ? slow.data : slow.error.issues, JSON.stringify(draft).slice(0, 80)).toEqual(fast);
    }
    expect(validDraft(base)).toBeDefined();
  });
});

describe('a streaming import', { timeout: 60_000 }, () => {
  it('reports progress in order, ending at the total, and writes every row in one audited event', () => {
    const workspace = emptyWorkspace();
    const events: ImportProgress[] = [];
    const job = createCsvImportJob(
      workspace.db,
      stringSource(csvOf(2500), 1000),
      { recipe, fileName: 'big.csv' },
      { dryRun: false, chunkRows: 300, progressIntervalMs: 0, onProgress: (p) => events.push(p) },
    );
    const report = runToEnd(job);
    expect(report).toMatchObject({ committed: true, imported: 2500, claims: 2500, errorCount: 0 });
    expect(events.length).toBeGreaterThan(5);
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.rowsRead).toBeGreaterThanOrEqual(events[i - 1]!.rowsRead);
      expect(events[i]!.rowsWritten).toBeGreaterThanOrEqual(events[i - 1]!.rowsWritten);
      expect(events[i]!.fraction).toBeGreaterThanOrEqual(events[i - 1]!.fraction);
    }
    expect(events.at(-1)).toMatchObject({
      phase: 'done',
      rowsRead: 2500,
      rowsValidated: 2500,
      rowsWritten: 2500,
      totalRows: 2500,
      fraction: 1,
    });
    const after = counts(workspace.db);
    expect(after.claims).toBe(2500);
    expect(after.claim_evidence).toBe(2500);
    expect(workspace.db.prepare('SELECT count(*) FROM claim_search').pluck().get()).toBe(2500);
    expect(after.audit_log).toBe(1);
    expect(verifyAuditChain(workspace.db).firstBroken).toBeUndefined();
    workspace.close();
  });

  it('with a bad row in the last chunk writes nothing and names the row', () => {
    const workspace = emptyWorkspace();
    const before = counts(workspace.db);
    const content = csvOf(2000, (lines) => {
      lines[1999] = lines[1999]!.replace(/,(\d+(\.\d+)?),(t|kt),/, ',lots,$3,');
    });
    const job = createCsvImportJob(workspace.db, stringSource(content, 4096), { recipe }, { dryRun: false, chunkRows: 250 });
    const report = runToEnd(job);
    expect(report.committed).toBe(false);
    expect(report.errors).toEqual([{ row: 2001, column: 'Value', message: 'not a number: "lots"' }]);
    expect(report.claims).toBe(1999);
    expect(counts(workspace.db)).toEqual(before);
    expect(workspace.db.inTransaction).toBe(false);
    workspace.close();
  });

  it('cancelled part-way, leaves the workspace as it was and its audit chain whole; a second run imports every row', () => {
    const workspace = emptyWorkspace();
    importClaims(
      workspace.db,
      { format: 'csv', content: csvOf(10), recipe: importRecipe as never, fileName: 'first.csv' },
      { dryRun: false },
    );
    const before = counts(workspace.db);
    const cacheSize = workspace.db.pragma('cache_size', { simple: true }) as number;
    const file = join(tempFolder(), 'big.csv');
    writeFileSync(file, csvOf(3000));
    const job = createFileImportJob(workspace.db, file, { recipe: importRecipe as never }, { chunkRows: 500 });
    expect(job.step()).toBe(false);
    expect(job.step()).toBe(false);
    expect(job.progress().rowsWritten).toBe(1000);
    job.cancel();
    expect(job.step()).toBe(true);
    expect(job.report()).toMatchObject({ cancelled: true, committed: false, imported: 0 });
    expect(job.progress().phase).toBe('cancelled');
    expect(counts(workspace.db)).toEqual(before);
    expect(verifyAuditChain(workspace.db)).toEqual({ records: 1 });
    expect(workspace.db.pragma('cache_size', { simple: true })).toBe(cacheSize);

    const again = createFileImportJob(workspace.db, file, { recipe: importRecipe as never }, { chunkRows: 500 });
    expect(runToEnd(again as never)).toMatchObject({ committed: true, imported: 3000 });
    expect(counts(workspace.db).claims).toBe(before.claims + 3000);
    expect(verifyAuditChain(workspace.db)).toEqual({ records: 2 });
    workspace.close();
  });

  it('refuses a recipe citing a missing source before reading anything', () => {
    const workspace = emptyWorkspace();
    expect(() =>
      checkRecipeSources(workspace.db, recipeSchema.parse({ ...importRecipe, source: undefined, sourceId: 'src-nope' })),
    ).toThrow(/src-nope/);
    workspace.close();
  });
});

describe('an import in the database process', { timeout: 60_000 }, () => {
  it('answers reads from the committed workspace while the import runs, refuses writes, and lists a big import by range', async () => {
    const folder = tempFolder();
    const file = join(folder, 'w.sqlite');
    createWorkspace(file, { starter: false, name: 'Service' }).close();
    const csv = join(folder, 'big.csv');
    writeFileSync(csv, csvOf(12_000));
    const service = createDatabaseService();
    expect(service.answer({ kind: 'open', file }).ok).toBe(true);
    const claims = () => {
      const result = service.answer({ kind: 'operation', name: 'getWorkspaceSummary', input: {} });
      if (!result.ok) throw new Error(result.error.message);
      return (result.value as { claims: number }).claims;
    };
    const progress: ImportProgress[] = [];
    const seen: number[] = [];
    let refusal: string | undefined;
    const running = service.startImport({ kind: 'importFile', file: csv, input: { recipe: importRecipe } }, (p) => {
      progress.push(p);
      // Between chunks: the import has written rows, but no reader may see them yet.
      seen.push(claims());
      const write = service.answer({
        kind: 'operation',
        name: 'saveRecipe',
        input: { name: 'during', recipe: importRecipe },
      });
      if (!write.ok) refusal = write.error.message;
    });
    const result = await running;
    expect(result.ok).toBe(true);
    expect(progress.some((p) => p.rowsWritten > 0 && p.phase === 'reading')).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.slice(0, -1).every((n) => n === 0)).toBe(true);
    expect(refusal).toMatch(/import is running/);
    expect(claims()).toBe(12_000);
    service.close();
    const workspace = openWorkspace(file);
    const after = JSON.parse(
      workspace.db.prepare("SELECT after FROM audit_log WHERE action = 'import'").pluck().get() as string,
    ) as Record<string, unknown>;
    // Twelve thousand ids would make a huge record: a big import names its claims by seq range and digest.
    expect(after).toMatchObject({ claims: 12_000, fileName: 'big.csv', claimSeq: { first: 1, last: 12_000 } });
    expect(after.claimIdsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(after).not.toHaveProperty('claimIds');
    expect(verifyAuditChain(workspace.db).firstBroken).toBeUndefined();
    workspace.close();
  });
});
