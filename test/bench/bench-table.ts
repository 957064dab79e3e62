/**
 * Printing the benchmark: one row per figure with its value, its raw-SQLite reference where there is
 * one, and the target it is held to at 1,000,000 claims.
 */
import { cpus } from 'node:os';

export interface BenchReport {
  claims: number;
  rawInsertPerSec: number;
  importPerSec: number;
  importRatio: number;
  searchP50Ms: number;
  searchP95Ms: number;
  tablePageP95Ms: number;
  gapP95Ms: number;
  gapSeriesMs: number;
  scoreMs: number;
  openMs: number;
  firstChartMs: number;
  scrollFrameP95Ms: number;
  rendererHeapMB: number;
  dbRssMB: number;
  [detail: string]: unknown;
}

/** The figures every report carries (the smoke test checks them), with the 1M-claim targets. */
export const requiredKeys = [
  'claims',
  'rawInsertPerSec',
  'importPerSec',
  'importRatio',
  'searchP50Ms',
  'searchP95Ms',
  'tablePageP95Ms',
  'gapP95Ms',
  'gapSeriesMs',
  'scoreMs',
  'openMs',
  'firstChartMs',
  'scrollFrameP95Ms',
  'rendererHeapMB',
  'dbRssMB',
] as const;

type Target = { key: keyof BenchReport; at: number; above?: boolean };
export const targets: Target[] = [
  { key: 'importRatio', at: 0.4, above: true },
  { key: 'searchP50Ms', at: 10 },
  { key: 'searchP95Ms', at: 50 },
  { key: 'tablePageP95Ms', at: 30 },
  { key: 'gapP95Ms', at: 10 },
  { key: 'gapSeriesMs', at: 100 },
  { key: 'scoreMs', at: 50 },
  { key: 'openMs', at: 1500 },
  { key: 'firstChartMs', at: 1500 },
  { key: 'scrollFrameP95Ms', at: 20 },
  { key: 'rendererHeapMB', at: 150 },
  { key: 'dbRssMB', at: 400 },
];

export function machine(): { cpus: number; cpuModel: string; node: string; platform: string } {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

function format(value: unknown): string {
  if (typeof value !== 'number') return typeof value === 'string' ? value : '';
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

const rows: { key: string; label: string; reference?: string }[] = [
  { key: 'claims', label: 'claims in the workspace' },
  { key: 'generateMs', label: 'generation (insert + FTS + evidence), ms' },
  { key: 'rawInsertPerSec', label: 'raw prepared inserts, rows/s' },
  { key: 'importPerSec', label: 'app import (CSV + recipe, CLI path), rows/s' },
  { key: 'importRatio', label: 'import / raw insert' },
  { key: 'importRows', label: 'rows in the import measured' },
  { key: 'searchP50Ms', label: 'search, first page (listClaims), p50 ms', reference: 'rawFtsP50Ms' },
  { key: 'searchP95Ms', label: 'search, first page (listClaims), p95 ms', reference: 'rawFtsP95Ms' },
  { key: 'tablePageP95Ms', label: 'claims table page of 100, mixed filters, p95 ms' },
  { key: 'gapP95Ms', label: 'getGap, one stage-metric-year, first look, p95 ms' },
  { key: 'gapRepeatP95Ms', label: 'getGap, the same again (remembered), p95 ms' },
  { key: 'gapSeriesMs', label: 'getGapSeries, all 5 stages, first look, total ms' },
  { key: 'gapSeriesRepeatMs', label: 'getGapSeries, all 5 stages, again, total ms' },
  { key: 'scoreMs', label: 'getScores, every stage, first look, ms' },
  { key: 'scoreRepeatMs', label: 'getScores, again, ms' },
  { key: 'stageOverviewMs', label: 'getStageOverview, ms' },
  { key: 'openMs', label: 'openWorkspace (checks, migrations), ms' },
  { key: 'openAfterCrashMs', label: 'openWorkspace after a crash (quick_check), ms' },
  { key: 'dbRssMB', label: 'database process RSS, MB' },
  { key: 'firstChartMs', label: 'navigation → first gap chart painted, ms' },
  { key: 'firstClaimsRowMs', label: 'navigation → first claims row painted, ms' },
  { key: 'scrollFrameP95Ms', label: 'claims table scroll, frame p95 ms' },
  { key: 'rendererHeapMB', label: 'renderer JS heap after GC, MB' },
  { key: 'importUiRows', label: 'import through the import screen, rows' },
  { key: 'importUiMs', label: 'import through the import screen, ms' },
  { key: 'longTasksOver100Ms', label: 'renderer long tasks > 100 ms during it' },
  { key: 'longestTaskMs', label: 'longest renderer task during it, ms' },
];

export function printReport(report: BenchReport, print: (line: string) => void = console.log): void {
  const m = machine();
  print(`Chokepoint benchmark — ${m.cpus} × ${m.cpuModel}, Node ${m.node}, ${m.platform}`);
  const table = rows
    .filter((row) => report[row.key] !== undefined)
    .map((row) => {
      const target = targets.find((t) => t.key === row.key);
      const value = report[row.key] as number;
      const met = target ? (target.above ? value >= target.at : value <= target.at) : undefined;
      return [
        row.label,
        format(value),
        row.reference ? `raw FTS5 ${format(report[row.reference])}` : '',
        target ? `${target.above ? '≥' : '≤'} ${target.at}${met ? '  met' : '  MISSED'}` : '',
      ];
    });
  const widths = [0, 1, 2, 3].map((i) =>
    Math.max(...table.map((cells) => cells[i]!.length), ['figure', 'value', 'reference', 'target (at 1M)'][i]!.length),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join(' | ')} |`;
  print(line(['figure', 'value', 'reference', 'target (at 1M)']));
  print(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const cells of table) print(line(cells));
  for (const note of ['importNote', 'tablePageSlowest', 'uiNote', 'importUiNote'])
    if (typeof report[note] === 'string') print(`${note}: ${report[note]}`);
}
