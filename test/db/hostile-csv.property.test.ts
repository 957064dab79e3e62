import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeOperation } from '../../db/api';
import { csvCell, toCsv, type CsvCell } from '../../db/export/csv-write';
import { CsvSyntaxError, parseCsv, type CsvDelimiter } from '../../db/import/csv';
import { CsvRecordReader, fileSource } from '../../db/import/csv-stream';
import type { ImportReport } from '../../db/import/run-import';
import type { OperationResult } from '../../db/operation-names';
import { createWorkspace } from '../../db/workspace/create';
import type { Workspace } from '../../db/workspace/open';
import { expectClearMessage, fingerprint, runs, type Fingerprint } from './hostile-workspace';
import { useTempFolder } from './temp-folder';

/**
 * CSV from anywhere: random text, text built from the characters that matter to CSV, and files
 * written by Chokepoint's own exporter. The reader never fails with anything but a CsvSyntaxError
 * naming the line; the streaming reader agrees with the whole-file parser however the text is cut;
 * what the exporter writes reads back cell for cell; and an import of a hostile file through the
 * operation table either lands whole or changes nothing at all, with every problem named by row.
 */
const tempFolder = useTempFolder();
const USGS = 'src-u-s-geological-surve-af1514';

/** The characters that decide how CSV splits, with a few that tempt a reader to go wrong. */
const csvUnit = fc.constantFrom(
  ',',
  ';',
  '\t',
  '"',
  '"',
  '\r',
  '\n',
  '\r\n',
  'a',
  'b',
  ' ',
  '1',
  '\ufeff',
  'é',
  '\u2028',
  '😀',
  '\u0000',
);
const csvText = fc.oneof(fc.string({ unit: csvUnit, maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }));
const delimiter = fc.constantFrom<CsvDelimiter>(',', ';', '\t');

type Outcome =
  { records: { row: number; line: number; cells: string[] }[] } | { error: { message: string; row: number; line: number } };

function caught(run: () => Outcome): Outcome {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    return { error: { message: error.message, row: error.row, line: error.line } };
  }
}

/** The whole-file parser's view, as records with the header first (row 1). */
function whole(text: string, sep: CsvDelimiter): Outcome {
  return caught(() => {
    const parsed = parseCsv(text, sep);
    return { records: parsed.rows.map((r) => ({ row: r.row, line: r.line, cells: r.cells })) };
  });
}

/** The streaming reader's view over pieces cut at `cuts`, blank records at the end dropped as the import does. */
function streamed(text: string, sep: CsvDelimiter, cuts: number[]): Outcome {
  return caught(() => {
    const reader = new CsvRecordReader(sep);
    const records = [];
    let from = 0;
    for (const cut of [...cuts.filter((c) => c > 0 && c < text.length)].sort((a, b) => a - b)) {
      records.push(...reader.push(text.slice(from, cut)));
      from = cut;
    }
    records.push(...reader.push(text.slice(from)));
    records.push(...reader.end());
    while (records.length > 0 && records[records.length - 1]!.cells.every((c) => c.trim() === '')) records.pop();
    if (records.length === 0 || records[0]!.cells.every((c) => c.trim() === ''))
      throw new CsvSyntaxError('the file is empty: it has no header row', 1, 1);
    return { records: records.slice(1).map((r) => ({ row: r.row, line: r.line, cells: r.cells })) };
  });
}

describe('reading hostile CSV', { timeout: 60_000 }, () => {
  it('never fails but with a CsvSyntaxError naming the line, and numbers rows as a spreadsheet does', () => {
    fc.assert(
      fc.property(csvText, delimiter, (text, sep) => {
        const outcome = whole(text, sep);
        if ('error' in outcome) {
          expectClearMessage(outcome.error.message, /line \d+|no header row/, JSON.stringify(text));
          expect(outcome.error.line).toBeGreaterThanOrEqual(1);
          expect(outcome.error.row).toBeGreaterThanOrEqual(1);
          return;
        }
        outcome.records.forEach((record, index) => {
          expect(record.row).toBe(index + 2);
          if (index > 0) expect(record.line).toBeGreaterThan(outcome.records[index - 1]!.line);
        });
      }),
      { numRuns: runs(400) },
    );
  });

  it('streams to the same records, rows, lines and errors as the whole-file parser, however the text is cut', () => {
    fc.assert(
      fc.property(csvText, delimiter, fc.array(fc.nat({ max: 60 }), { maxLength: 8 }), (text, sep, cuts) => {
        expect(streamed(text, sep, cuts)).toEqual(whole(text, sep));
      }),
      { numRuns: runs(400) },
    );
  });

  it('reads a file in blocks of any size, a character cut by a block boundary included, as the whole text', () => {
    const folder = tempFolder();
    let count = 0;
    fc.assert(
      fc.property(csvText, fc.integer({ min: 1, max: 9 }), (text, blockBytes) => {
        const file = join(folder, `${count++}.csv`);
        writeFileSync(file, text);
        const source = fileSource(file, blockBytes);
        const pieces: string[] = [];
        for (let piece = source.next(); piece !== null; piece = source.next()) pieces.push(piece);
        // What the disk holds: a lone surrogate was written as U+FFFD.
        const onDisk = Buffer.from(text, 'utf8').toString('utf8');
        expect(pieces.join('')).toBe(onDisk);
        const cuts = pieces.map((_, index) => pieces.slice(0, index + 1).join('').length);
        expect(streamed(onDisk, ',', cuts)).toEqual(whole(onDisk, ','));
      }),
      { numRuns: runs(150) },
    );
  });

  it('reads back what the exporter writes, cell for cell (line breaks as \\n, formula-like text with its apostrophe)', () => {
    const cell = fc.oneof(
      fc.string({ unit: csvUnit, maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.double(),
      fc.integer(),
      fc.constantFrom<CsvCell>(null, '=SUM(A1)', '-3', '+1', '@x', '\ttab', true, false),
    );
    const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
      fc.tuple(
        fc.array(fc.string({ unit: fc.constantFrom('A', 'b', 'Z', '7', '_'), minLength: 1, maxLength: 10 }), {
          minLength: width,
          maxLength: width,
        }),
        fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 6 }),
      ),
    );
    /** What a cell reads back as: the exporter's text, unquoted, with every line break as \n. */
    const readBack = (value: CsvCell) => {
      const written = csvCell(value);
      const text = written.startsWith('"') ? written.slice(1, -1).replace(/""/g, '"') : written;
      return text.replace(/\r\n?/g, '\n');
    };
    fc.assert(
      fc.property(table, fc.array(fc.nat({ max: 200 }), { maxLength: 5 }), ([header, rows], cuts) => {
        const text = toCsv(header, rows);
        const expected = rows.map((row) => row.map(readBack));
        while (expected.length > 0 && expected[expected.length - 1]!.every((c) => c.trim() === '')) expected.pop();
        const parsed = parseCsv(text);
        expect(parsed.header).toEqual(header.map((h) => h.trim()));
        expect(parsed.rows.map((r) => r.cells)).toEqual(expected);
        expect(streamed(text, ',', cuts)).toEqual(whole(text, ','));
      }),
      { numRuns: runs(150) },
    );
  });
});

describe('importing hostile CSV into a real workspace', { timeout: 60_000 }, () => {
  let workspace: Workspace;
  let before: Fingerprint;
  beforeAll(() => {
    workspace = createWorkspace(join(tempFolder(), 'starter.sqlite'), { starter: true });
    before = fingerprint(workspace.db);
  });
  afterAll(() => workspace.db.close());

  const recipe = {
    sourceId: USGS,
    constants: { stage: 'mining', metric: 'production_t', unit: 't' },
    columns: { country: 'Country', year: 'Year', value: 'Value', notes: 'Notes', status: 'Status' },
  } as const;
  const header = 'Country,Year,Value,Notes,Status';

  const call = (name: 'runImport' | 'previewImport', content: string): OperationResult =>
    executeOperation({ workspace }, name, { format: 'csv', content, recipe, fileName: 'hostile.csv' });

  /** A refusal or a report, every problem in it clear and placed; and for anything not committed, nothing written. */
  function checkOutcome(result: OperationResult, context: string): ImportReport | undefined {
    if (!result.ok) {
      expectClearMessage(result.error.message, /row|column|line|field|file|recipe/i, context);
      expect(fingerprint(workspace.db), context).toEqual(before);
      return undefined;
    }
    const report = result.value as ImportReport;
    for (const problem of report.errors) {
      expect(Number.isInteger(problem.row) && problem.row >= 0, context).toBe(true);
      expect(typeof problem.column, context).toBe('string');
      expect(problem.row > 0 || problem.column !== '' || /line \d+/.test(problem.message), context).toBe(true);
      expectClearMessage(problem.message, /./, `${context} row ${problem.row}`);
    }
    expect(report.errorCount).toBeGreaterThanOrEqual(report.errors.length);
    if (!report.committed) {
      expect(report.imported, context).toBe(0);
      expect(fingerprint(workspace.db), context).toEqual(before);
    } else {
      expect(report.errorCount, context).toBe(0);
      const after = fingerprint(workspace.db);
      expect(after.claims - before.claims, context).toBe(report.imported);
      expect(after.audit - before.audit, context).toBe(1);
      expect(after.sources, context).toBe(before.sources);
      before = after;
    }
    return report;
  }

  const hostileCell = fc.oneof(
    fc.string({ unit: csvUnit, maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom(
      '',
      ' ',
      'NaN',
      'Infinity',
      '1e999',
      '-0',
      '2023.5',
      '99999',
      'undefined',
      '[object Object]',
      '__proto__',
      'constructor',
      '=HYPERLINK("x")',
      '\ud800',
      'operating',
      'Under construction',
      'x'.repeat(25_000),
    ),
  );
  const goodRow = fc
    .tuple(
      fc.constantFrom('Australia', 'China', 'United States', 'Myanmar'),
      fc.integer({ min: 1990, max: 2030 }),
      fc.integer({ min: 0, max: 500_000 }),
      fc.constantFrom('', 'from the table', 'note, with a comma'),
    )
    .map(([country, year, value, notes]) => [country, String(year), String(value), notes, 'operating']);

  it('either imports a hostile file whole or writes nothing, naming each problem by row and column', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(goodRow, fc.array(hostileCell, { minLength: 0, maxLength: 7 })), { maxLength: 8 }),
        fc.boolean(),
        (rows, dryRun) => {
          const content = `${header}\r\n${rows.map((row) => row.map((c) => csvCell(c)).join(',')).join('\r\n')}`;
          checkOutcome(call(dryRun ? 'previewImport' : 'runImport', content), JSON.stringify(content.slice(0, 200)));
          if (dryRun) expect(fingerprint(workspace.db)).toEqual(before);
        },
      ),
      { numRuns: runs(30) },
    );
  });

  it('refuses a file of good rows with one bad row anywhere, writes nothing and names that row', () => {
    const badRow = fc.constantFrom(
      ['Australia', '2023', 'about 5', '', 'operating'],
      ['Australia', '2023', '1e999', '', 'operating'],
      ['Australia', '2023.5', '10', '', 'operating'],
      ['Australia', '2023', '10', 'x'.repeat(20_001), 'operating'],
      ['Australia', '2023', '10', '', 'demolished'],
      ['Australia', '2023', '10', '', 'operating', 'a stray cell'],
      ['Australia', '1200', '10', '', 'operating'],
    );
    fc.assert(
      fc.property(fc.array(goodRow, { minLength: 1, maxLength: 30 }), badRow, fc.nat(), (rows, bad, at) => {
        const position = at % (rows.length + 1);
        const all = [...rows.slice(0, position), bad, ...rows.slice(position)];
        const content = `${header}\n${all.map((row) => row.map((c) => csvCell(c)).join(',')).join('\n')}\n`;
        const report = checkOutcome(call('runImport', content), `bad row at ${position + 2}`);
        expect(report?.committed).toBe(false);
        expect(report?.errors.map((p) => p.row)).toEqual([position + 2]);
      }),
      { numRuns: runs(25) },
    );
  });

  it('refuses a file whose quote never closes, naming its line, however far down it is', () => {
    fc.assert(
      fc.property(fc.array(goodRow, { maxLength: 20 }), (rows) => {
        const lines = rows.map((row) => row.map((c) => csvCell(c)).join(','));
        const content = `${header}\n${lines.join('\n')}${lines.length ? '\n' : ''}Australia,2023,"10\n`;
        const report = checkOutcome(call('runImport', content), 'unbalanced quote');
        expect(report?.committed).toBe(false);
        expect(report?.errors[0]?.message).toContain(`starting on line ${rows.length + 2}`);
      }),
      { numRuns: runs(10) },
    );
  });
});
