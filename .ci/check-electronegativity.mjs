#!/usr/bin/env node
/**
 * Runs electronegativity (Doyensec's Electron security linter) over the app's own sources and fails
 * on any HIGH or MEDIUM finding that is not on the reviewed allow-list below.
 *
 * Usage: node .ci/check-electronegativity.mjs [folder…]   (default: electron renderer)
 *
 * The folders are copied into one temporary tree and scanned in a single run, because its global
 * checks (navigation limits, permission handler, CSP) look across all files: scanning renderer/
 * alone would report the navigation limits that live in electron/ as missing. node_modules/ and
 * out/ are never scanned. The report is kept in out/electronegativity.csv.
 *
 * The tool itself tries two network requests: a translations file (1 s timeout, cannot be turned
 * off; it prints "Could not retrieve updated translations") and Electron's release list, which the
 * AvailableSecurityFixesGlobalCheck exclusion below stops. Neither is part of the app.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(projectRoot, 'package.json'));

/**
 * Findings reviewed and accepted, by check and file. Keep each one justified; a finding of the
 * same check in another file still fails.
 */
const reviewed = [
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'electron/window.ts',
    why:
      'Fires on every preload ("review the use of preload scripts"); it cannot be avoided with contextBridge. Reviewed: ' +
      'electron/preload.ts exposes only window.chokepoint, one function per db/operation-names.ts entry, over one channel ' +
      'whose sender and input main checks (test/electron/preload.test.ts, test/electron/ipc.test.ts).',
  },
];

/** Minimal RFC 4180 reader: quoted fields may hold commas, quotes ("") and newlines. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field.trim());
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') endField();
    else if (char === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (char !== '\r') field += char;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

const folders = process.argv.slice(2).length ? process.argv.slice(2) : ['electron', 'renderer'];
const scanRoot = mkdtempSync(join(tmpdir(), 'chokepoint-electronegativity-'));
const report = join(projectRoot, 'out', 'electronegativity.csv');
mkdirSync(dirname(report), { recursive: true });
rmSync(report, { force: true });

try {
  for (const folder of folders) {
    const source = resolve(projectRoot, folder);
    if (!existsSync(source)) {
      console.error(`electronegativity: ${folder} does not exist`);
      process.exit(2);
    }
    cpSync(source, join(scanRoot, basename(source)), {
      recursive: true,
      filter: (path) => !/[\\/](node_modules|out)([\\/]|$)/.test(path),
    });
  }
  const electronVersion = require('electron/package.json').version;
  const cli = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
  const run = spawnSync(
    process.execPath,
    [cli, '-i', scanRoot, '-r', '-o', report, '-e', electronVersion, '-x', 'AvailableSecurityFixesGlobalCheck'],
    {
      encoding: 'utf8',
      timeout: 180_000,
    },
  );
  if (run.status !== 0 || !existsSync(report)) {
    console.error(`electronegativity did not run (exit ${run.status ?? run.signal}):\n${run.stderr || run.stdout}`);
    process.exit(2);
  }
} finally {
  rmSync(scanRoot, { recursive: true, force: true });
}

const [header, ...rows] = parseCsv(readFileSync(report, 'utf8')).filter((row) => row.length > 1);
const column = (name) => header.indexOf(name);
const findings = rows.map((row) => ({
  check: row[column('issue')],
  severity: row[column('severity')],
  file: row[column('filename')],
  location: row[column('location')],
  sample: row[column('sample')],
  description: row[column('description')],
}));

const serious = findings.filter((finding) => finding.severity === 'HIGH' || finding.severity === 'MEDIUM');
const accepted = serious.filter((finding) =>
  reviewed.some((entry) => entry.check === finding.check && entry.file === finding.file),
);
const failing = serious.filter((finding) => !accepted.includes(finding));

console.log(
  `electronegativity over ${folders.join(', ')}: ${findings.length} findings, ${serious.length} HIGH/MEDIUM, ${accepted.length} reviewed. Report: ${report}`,
);
for (const finding of accepted)
  console.log(`  reviewed  ${finding.severity} ${finding.check} ${finding.file}:${finding.location}`);
for (const finding of findings.filter((f) => !serious.includes(f)))
  console.log(`  ${finding.severity.toLowerCase().padEnd(8)}  ${finding.check} ${finding.file}:${finding.location}`);
if (failing.length) {
  console.error(`\n${failing.length} HIGH/MEDIUM finding(s) to fix:`);
  for (const finding of failing) {
    console.error(
      `  ${finding.severity} ${finding.check} ${finding.file}:${finding.location}  ${finding.description}${finding.sample && finding.sample !== 'N/A' ? `\n      ${finding.sample}` : ''}`,
    );
  }
  process.exit(1);
}
