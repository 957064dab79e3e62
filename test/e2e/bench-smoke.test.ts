import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { requiredKeys } from '../bench/bench-table';

const root = fileURLToPath(new URL('../../', import.meta.url));
const claims = 2000;

/** Keeps `npm run bench` from rotting: the whole suite at a tiny size, UI included (it needs Chromium and a built renderer). */
describe('the benchmark suite at 2,000 claims', () => {
  const folder = mkdtempSync(join(tmpdir(), 'chokepoint-bench-smoke-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test('writes every figure as a finite number, for exactly the claims asked for', { timeout: 90_000 }, async () => {
    const json = join(folder, 'bench.json');
    await promisify(execFile)(
      process.execPath,
      [join(root, 'node_modules/tsx/dist/cli.mjs'), 'test/bench/run.ts', '--claims', String(claims), '--json', json],
      { cwd: root, timeout: 85_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const report = JSON.parse(readFileSync(json, 'utf8')) as Record<string, unknown>;
    expect(report.claims).toBe(claims);
    expect(report.importRows).toBe(claims);
    for (const key of requiredKeys) {
      const value = report[key];
      expect(typeof value, key).toBe('number');
      expect(Number.isFinite(value), key).toBe(true);
      // Every figure is a time, a rate, a ratio or a size: positive, though a fast query may round to 0.
      expect(value as number, key).toBeGreaterThanOrEqual(0);
    }
    for (const key of ['rawInsertPerSec', 'importPerSec', 'importRatio', 'openMs', 'firstChartMs', 'rendererHeapMB', 'dbRssMB'])
      expect(report[key] as number, key).toBeGreaterThan(0);
    // The synthetic workspace gives the model something to count in every stage.
    expect(report.gapStagesWithData).toBe(5);
    // The same rows through the import screen, with the renderer's long tasks counted while it ran.
    expect(report.importUiRows).toBe(claims);
    expect(report.importUiNote).toBeUndefined();
    expect(typeof report.longTasksOver100Ms).toBe('number');
  });
});
