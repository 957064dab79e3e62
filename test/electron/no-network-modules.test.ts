import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * No network, by construction: no module of the app (db/, electron/, renderer/) can open a connection.
 * Read with the TypeScript parser, not a regular expression, so a comment or a string that merely
 * names `fetch` is not a finding and a call written across lines is. The preview host, which does
 * serve HTTP, lives in test/ and is never packaged, so it is not scanned.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const scanned = ['db', 'electron', 'renderer'];

/** Modules that talk to a network, or start a process or browser that could. */
const networkModules = new Set(
  ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'dns/promises', 'child_process', 'undici', 'ws'].flatMap((name) =>
    name === 'undici' || name === 'ws' ? [name] : [name, `node:${name}`],
  ),
);
networkModules.add('playwright-core');
networkModules.add('playwright');
networkModules.add('puppeteer');

/** Browser and Electron names that send a request or leave the app: called, constructed or merely taken. */
const networkNames = new Set([
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'sendBeacon',
  'RTCPeerConnection',
  'openExternal',
  'downloadURL',
]);

/** Electron's own network client: `import { net } from 'electron'`. */
const electronNetworkExports = new Set(['net']);

/**
 * The exceptions, each with its reason. Anything found that is not listed here fails the test, and an
 * exception that no longer matches anything fails too, so the list cannot go stale.
 */
const exceptions: { file: string; finding: string; why: string }[] = [
  {
    file: 'db/report/print-pdf.ts',
    finding: 'imports playwright-core',
    why:
      'PDF export from the command line and the preview host prints the report with a local Chromium, ' +
      'JavaScript off, every request aborted (page.route) and the quiet flags; test/db/report-pdf.test.ts ' +
      'asserts the report makes no request. The desktop app prints with Electron instead (electron/print-pdf.ts).',
  },
  {
    file: 'electron/native/ensure-electron-sqlite.mjs',
    finding: 'imports node:child_process',
    why:
      'A build step run by `npm start`, `npm run dev` and `npm run dist` before Electron starts, never by the app: ' +
      'it runs prebuild-install or node-gyp to build the database engine for Electron, and says how to do that offline.',
  },
];

const sourceFile = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
const pageFile = /\.(?:css|html)$/;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.split(sep).includes('node_modules'));
}

function moduleName(node: ts.Node): string | undefined {
  return node && ts.isStringLiteralLike(node) ? node.text : undefined;
}

/** Parsed once per distinct text: the planted copy holds the same files again. */
const parsed = new Map<string, string[]>();

/** What one source file does that could reach a network, as short phrases ("imports node:http", "uses fetch"). */
function sourceFindings(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const kind = path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const key = `${kind}\0${text}`;
  const known = parsed.get(key);
  if (known) return known;
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, kind);
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    // import … from 'x', export … from 'x', import x = require('x')
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      const name = moduleName(node.moduleSpecifier);
      if (name && networkModules.has(name)) found.add(`imports ${name}`);
      if (name === 'electron' && ts.isImportDeclaration(node)) {
        const bindings = node.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings))
          for (const element of bindings.elements)
            if (electronNetworkExports.has((element.propertyName ?? element.name).text)) found.add('imports net from electron');
      }
    }
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const name = moduleName(node.moduleReference.expression);
      if (name && networkModules.has(name)) found.add(`imports ${name}`);
    }
    // require('x') and import('x')
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isRequire || callee.kind === ts.SyntaxKind.ImportKeyword) {
        const name = moduleName(node.arguments[0]!);
        if (name && networkModules.has(name)) found.add(`imports ${name}`);
      }
    }
    // fetch(…), new WebSocket(…), navigator.sendBeacon, shell.openExternal, window['fetch'], electron.net
    if (ts.isIdentifier(node) && networkNames.has(node.text)) found.add(`uses ${node.text}`);
    if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
      const name = node.argumentExpression.text;
      if (networkNames.has(name)) found.add(`uses ${name}`);
    }
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'net') {
      const owner = node.expression;
      if (ts.isIdentifier(owner) && owner.text === 'electron') found.add('imports net from electron');
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  parsed.set(key, [...found]);
  return [...found];
}

/** A stylesheet or page that would load something from the web when shown. */
function pageFindings(path: string): string[] {
  const text = readFileSync(path, 'utf8').replace(/<!--[\s\S]*?-->|\/\*[\s\S]*?\*\//g, '');
  const found: string[] = [];
  if (/url\(\s*["']?\s*(?:[a-z][\w+.-]*:)?\/\//i.test(text)) found.push('loads a url() from the web');
  // @import of a packaged stylesheet (the fonts) is bundled by Vite; one from the web is not.
  if (/@import\s+(?:url\(\s*)?["']?\s*(?:[a-z][\w+.-]*:)?\/\//i.test(text)) found.push('imports a stylesheet from the web');
  if (
    /<(?:script|link|img|iframe|source|video|audio|object|embed)\b[^>]*\s(?:src|href|data)\s*=\s*["']?\s*(?:[a-z][\w+.-]*:)?\/\//i.test(
      text,
    )
  )
    found.push('loads an element from the web');
  return found;
}

/** Every finding under `base`, as "path: finding" with forward slashes, minus the listed exceptions. */
function scan(base: string): { findings: string[]; unusedExceptions: string[]; filesRead: number } {
  const all: string[] = [];
  let filesRead = 0;
  for (const folder of scanned) {
    for (const path of filesUnder(join(base, folder))) {
      const findings = sourceFile.test(path) ? sourceFindings(path) : pageFile.test(path) ? pageFindings(path) : null;
      if (!findings) continue;
      filesRead++;
      const name = relative(base, path).split(sep).join('/');
      for (const finding of findings) all.push(`${name}: ${finding}`);
    }
  }
  const excused = new Set(exceptions.map((exception) => `${exception.file}: ${exception.finding}`));
  return {
    findings: all.filter((finding) => !excused.has(finding)).sort(),
    unusedExceptions: [...excused].filter((exception) => !all.includes(exception)),
    filesRead,
  };
}

describe('no module of the app can reach the network', () => {
  const copies: string[] = [];
  afterAll(() => {
    for (const copy of copies) rmSync(copy, { recursive: true, force: true });
  });

  it('db/, electron/ and renderer/ import no network module and make no request, but for the listed exceptions', () => {
    const { findings, unusedExceptions, filesRead } = scan(root);
    expect(filesRead).toBeGreaterThan(200);
    expect(findings).toEqual([]);
    expect(unusedExceptions).toEqual([]);
    for (const exception of exceptions) expect(exception.why.length, exception.file).toBeGreaterThan(40);
    // Parsing some 300 files takes a second or two alone, longer on a busy machine.
  }, 60_000);

  it('finds each kind of network use planted in a copy of the source', () => {
    const copy = mkdtempSync(join(tmpdir(), 'chokepoint-no-network-scan-'));
    copies.push(copy);
    for (const folder of scanned) cpSync(join(root, folder), join(copy, folder), { recursive: true });
    const planted: Record<string, string> = {
      'db/planted-http.ts': "import { request } from 'node:http';\nexport const leak = request;\n",
      'db/planted-https.ts': "import * as https from 'https';\nexport const leak = https;\n",
      'db/planted-require.cjs': "const net = require('node:net');\nmodule.exports = net;\n",
      'db/planted-dynamic.ts': "export const leak = () => import('node:tls');\n",
      'db/planted-dns.ts': "export { lookup } from 'node:dns/promises';\n",
      'db/planted-dgram.mjs': "import dgram from 'dgram';\nexport default dgram;\n",
      'db/planted-http2.ts': "import http2 from 'node:http2';\nexport default http2;\n",
      'db/planted-undici.ts': "import { request } from 'undici';\nexport default request;\n",
      'electron/planted-net.ts': "import { app, net } from 'electron';\nexport const leak = [app, net];\n",
      'electron/planted-shell.ts':
        "import { shell } from 'electron';\nexport const leak = () => shell.openExternal('https://example.com');\n",
      'renderer/planted-fetch.ts': "export const leak = () =>\n  fetch(\n    'https://example.com/collect',\n  );\n",
      'renderer/planted-global-fetch.ts': "export const leak = () => globalThis['fetch']('https://example.com');\n",
      'renderer/planted-xhr.ts': 'export const leak = () => new XMLHttpRequest();\n',
      'renderer/planted-socket.tsx': "export const Leak = () => { new WebSocket('wss://example.com'); return <div />; };\n",
      'renderer/planted-events.ts': "export const leak = () => new EventSource('https://example.com/stream');\n",
      'renderer/planted-beacon.ts': "export const leak = () => navigator.sendBeacon('https://example.com', 'claims');\n",
      'renderer/planted-font.css': "@font-face { src: url('https://fonts.example.com/plex.woff2'); }\n",
      'renderer/planted-import.css': "@import 'https://fonts.googleapis.com/css2?family=IBM+Plex+Sans';\n",
      'renderer/planted-page.html': '<script src="//cdn.example.com/d3.js"></script>\n',
    };
    // Mentions in comments and strings are not uses.
    const harmless = {
      'renderer/planted-harmless.ts':
        "// fetch('https://example.com') is never called: sources are shown to copy, not opened.\nexport const words = 'WebSocket, fetch and node:http';\n",
      'renderer/planted-harmless.css': "@import '@fontsource/ibm-plex-sans/400.css';\n/* url(https://example.com/x.woff2) */\n",
    };
    for (const [name, text] of Object.entries({ ...planted, ...harmless })) writeFileSync(join(copy, name), text);
    const { findings } = scan(copy);
    expect(findings).toEqual(
      [
        'db/planted-dgram.mjs: imports dgram',
        'db/planted-dns.ts: imports node:dns/promises',
        'db/planted-dynamic.ts: imports node:tls',
        'db/planted-http.ts: imports node:http',
        'db/planted-http2.ts: imports node:http2',
        'db/planted-https.ts: imports https',
        'db/planted-require.cjs: imports node:net',
        'db/planted-undici.ts: imports undici',
        'electron/planted-net.ts: imports net from electron',
        'electron/planted-shell.ts: uses openExternal',
        'renderer/planted-beacon.ts: uses sendBeacon',
        'renderer/planted-events.ts: uses EventSource',
        'renderer/planted-fetch.ts: uses fetch',
        'renderer/planted-font.css: loads a url() from the web',
        'renderer/planted-global-fetch.ts: uses fetch',
        'renderer/planted-import.css: imports a stylesheet from the web',
        'renderer/planted-page.html: loads an element from the web',
        'renderer/planted-socket.tsx: uses WebSocket',
        'renderer/planted-xhr.ts: uses XMLHttpRequest',
      ].sort(),
    );
    expect(Object.keys(planted)).toHaveLength(findings.length);
  }, 60_000);
});
