import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '../../db/import/csv';
import { parseNumber } from '../../db/import/numbers';
import { fixture } from './fixtures/workspace-state';

describe('reading CSV as analysts save it', () => {
  it('reads the messy file: byte-order mark, CRLF, quoted commas, doubled quotes, line breaks, trailing empties', () => {
    const csv = parseCsv(fixture('messy.csv'));
    expect(csv.header).toEqual(['Country', 'Entity', 'Year', 'Value', 'Notes']);
    expect(csv.rows.map((r) => [r.row, r.line])).toEqual([
      [2, 2],
      [3, 3],
      [4, 5], // the quoted note above spans two lines of the file: row 4 starts on line 5
      [5, 6],
    ]);
    expect(csv.rows[0]!.cells.slice(0, 5)).toEqual([
      'Australia',
      'Lynas Rare Earths, Mt Weld',
      '2023',
      '18,000',
      'Concentrate; "REO" basis',
    ]);
    expect(csv.rows[1]!.cells[4]).toBe('Mountain Pass\nsecond line of the note');
  });

  it('accepts \\n and lone \\r line ends and a last row without a line break', () => {
    expect(parseCsv('a,b\r1,2\r3,4').rows.map((r) => r.cells)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(parseCsv('a;b\n"x;y";2\n', ';').rows[0]!.cells).toEqual(['x;y', '2']);
  });

  it('names the line where an unbalanced quote starts', () => {
    let error: unknown;
    try {
      parseCsv(fixture('unbalanced-quote.csv'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).message).toMatch(/starting on line 2 is never closed/);
    expect((error as CsvSyntaxError).row).toBe(2);
  });

  it('refuses an empty file', () => {
    expect(() => parseCsv('\ufeff\r\n\r\n')).toThrow(/no header row/);
  });
});

describe('numbers as files write them', () => {
  it.each([
    ['18,000', 18000],
    ['1 234', 1234],
    ['1\u00a0234\u00a0567', 1234567],
    ['12.5', 12.5],
    ['-3', -3],
    ['\u22123', -3],
    ['45%', 45],
    [' 2,900.5 ', 2900.5],
    ['1.2e3', 1200],
  ])('reads %j as %d', (text, value) => {
    expect(parseNumber(text)).toEqual({ ok: true, value });
  });

  it.each(['about 5', 'W', '5-7', '12,5', '1,23', '1 2', '%', 'NaN', 'Infinity'])('refuses %j as not a number', (text) => {
    const parsed = parseNumber(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(/not a number/);
  });
});
