/**
 * Child process of .ci/check-electronegativity.mjs, run under electronegativity-offline.mjs:
 * scans one folder with electronegativity's own API and prints the findings, and the files it
 * could not parse, as one JSON line after `marker`.
 *
 * The API rather than the CLI's CSV report: the CLI writes the CSV header and the rows with two
 * racing asynchronous writes. When the header lands last it overwrites the start of the first row,
 * the quotes no longer pair, and a CSV reader takes the rest of the file for one field: a planted
 * window with contextIsolation: false then passed the gate.
 *
 * Usage: node --import ./.ci/electronegativity-offline.mjs .ci/electronegativity-scan.mjs <folder> <electron version>
 */
import { createRequire } from 'node:module';

const marker = 'ELECTRONEGATIVITY-FINDINGS ';

const [input, electronVersion] = process.argv.slice(2);
if (!input || !electronVersion) {
  console.error('usage: electronegativity-scan.mjs <folder> <electron version>');
  process.exit(2);
}
const require = createRequire(import.meta.url);
/** @type {(options: object, forCli: boolean) => Promise<{ issues: any[], errors: { file: string, message: string, tolerable: boolean }[] }>} */
const run = require('@doyensec/electronegativity');

const result = await run(
  {
    input,
    isRelative: true,
    electronVersionOverride: electronVersion,
    customScan: [],
    // Its only job is to download Electron's release list (refused offline anyway).
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  },
  false,
);
const findings = result.issues.map((issue) => ({
  check: String(issue.id),
  severity: String(issue.severity.name),
  confidence: String(issue.confidence.name),
  file: String(issue.file),
  location: `${issue.location?.line ?? 0}:${issue.location?.column ?? 0}`,
  sample: typeof issue.sample === 'string' ? issue.sample : '',
  description: String(issue.description),
}));
const unreadable = result.errors
  .filter((error) => !error.tolerable)
  .map((error) => ({ file: String(error.file), message: String(error.message) }));
process.stdout.write(`\n${marker}${JSON.stringify({ findings, unreadable })}\n`);
