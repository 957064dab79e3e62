import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The CI gate itself (.ci/check-electronegativity.mjs, `npm run security`): it must fail when
 * someone adds an insecure window or page next to the app's real code, and name what to fix.
 * Both runs scan copies and write their reports to a temp folder; the gate runs offline
 * (.ci/electronegativity-offline.mjs), so the answer never depends on a network.
 */

const root = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'chokepoint-gate-'));

function gate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, '.ci', 'check-electronegativity.mjs'), ...args],
      { cwd: root, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** The "to fix" lines of the gate's output: severity, check and file of each failing finding. */
function failures(stderr: string): string[] {
  return [...stderr.matchAll(/^ {2}(HIGH|MEDIUM|LOW|INFORMATIONAL) (\w+) ([^:\s]+):/gm)].map(
    ([, , check, file]) => `${check} ${file}`,
  );
}

// A window and a page as a careless change might add them, beside the real electron/ and renderer/.
const planted = join(work, 'planted');
mkdirSync(planted);
writeFileSync(
  join(planted, 'main.js'),
  `const { BrowserWindow } = require('electron');
const window = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });
window.loadURL('app://chokepoint/index.html');
`,
);
writeFileSync(
  join(planted, 'settings.js'),
  `const { BrowserWindow } = require('electron');
const settings = new BrowserWindow({
  webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, experimentalFeatures: true, enableBlinkFeatures: 'CSSVariables', disableBlinkFeatures: 'Auxclick' },
});
`,
);
writeFileSync(
  join(planted, 'sources.html'),
  `<!doctype html>\n<webview src="app://chokepoint/source.html" allowpopups></webview>\n`,
);

// Our own page as it is (its CSP is what the global checks look for), without the 1 MB of React the
// scan of electron/ and renderer/ in `npm run security` already covers.
const ourPage = join(work, 'ours', 'renderer');
mkdirSync(ourPage, { recursive: true });
writeFileSync(join(ourPage, 'index.html'), readFileSync(join(root, 'renderer', 'index.html'), 'utf8'));

// Our own page with script-src weakened: the reviewed "maybe weak" verdict on renderer/index.html must not cover it.
const weakRenderer = join(work, 'weak', 'renderer');
mkdirSync(weakRenderer, { recursive: true });
writeFileSync(
  join(weakRenderer, 'index.html'),
  readFileSync(join(root, 'renderer', 'index.html'), 'utf8').replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
);

describe('the electronegativity gate (npm run security)', () => {
  it('fails on a planted insecure window, naming each finding, and on a weakened CSP, while our own code passes', async () => {
    const started = Date.now();
    const [withPlant, withWeakCsp] = await Promise.all([
      gate(`--report=${join(work, 'planted.csv')}`, 'electron', ourPage, planted),
      gate(`--report=${join(work, 'weak.csv')}`, 'electron', weakRenderer),
    ]);

    expect(withPlant.code, withPlant.stderr).toBe(1);
    const planted_ = failures(withPlant.stderr);
    for (const expected of [
      'CONTEXT_ISOLATION_JS_CHECK planted/main.js',
      // electronegativity rates an explicit nodeIntegration: true only "informational"; the gate still fails on it.
      'NODE_INTEGRATION_JS_CHECK planted/main.js',
      'SANDBOX_JS_CHECK planted/main.js',
      'EXPERIMENTAL_FEATURES_JS_CHECK planted/settings.js',
      'BLINK_FEATURES_JS_CHECK planted/settings.js',
      'ALLOWPOPUPS_HTML_CHECK planted/sources.html',
    ])
      expect(planted_).toContain(expected);
    // Every failure is in the plant: the real electron/ and renderer/ pass (their reviewed findings are listed).
    expect(planted_.filter((line) => !line.includes(' planted/'))).toEqual([]);
    expect(withPlant.stdout).toMatch(/reviewed {2}MEDIUM PRELOAD_JS_CHECK electron\/window\.ts/);
    expect(readFileSync(join(work, 'planted.csv'), 'utf8')).toMatch(/^CONTEXT_ISOLATION_JS_CHECK,HIGH,FIRM,planted\/main\.js,/m);

    expect(withWeakCsp.code, withWeakCsp.stderr).toBe(1);
    expect(failures(withWeakCsp.stderr)).toEqual(['CSP_GLOBAL_CHECK renderer/index.html']);
    expect(withWeakCsp.stderr).toContain("script-src 'self' 'unsafe-inline'");

    console.info(`electronegativity gate: two scans in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 150_000);
});
