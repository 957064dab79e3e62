#!/usr/bin/env node
/**
 * Run before `electron .`, `electron-vite dev` and packaging: makes sure Electron can start and can
 * load SQLite. better-sqlite3 (plain workspaces) and better-sqlite3-multiple-ciphers (encrypted,
 * SQLCipher-compatible workspaces) are V8 addons, so Electron needs its own build of each (ABI 148
 * for Electron 43), kept in .cache/electron-sqlite/… and never in node_modules, where vitest and the
 * CLI use the Node builds. Rebuilding in place would break them, so this script never does.
 *
 * Order, per addon: cached binary with the right ABI symbol → done. Else, in a scratch copy of the
 * package: prebuild-install for Electron (honours npm_config_<package>_local_prebuilds and
 * npm_config_<package>_binary_host for offline use, <package> with underscores, e.g.
 * npm_config_better_sqlite3_multiple_ciphers_local_prebuilds), else node-gyp against Electron's
 * headers (CHOKEPOINT_ELECTRON_HEADERS=dir for headers already on disk). The result is accepted only
 * if it carries Electron's ABI symbol. Exit 0 when both are ready; exit 1 with what to provide when not.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { checkBinaryAbi } from './abi-check.mjs';
import { electronSqliteCacheFile, sqliteAddons } from './cache-location.mjs';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(projectRoot, 'package.json'));
const started = Date.now();
const log = (line) => console.log(`[electron-sqlite] ${line}`);

const electronVersion = require('electron/package.json').version;
const abi = require('node-abi').getAbi(electronVersion, 'electron');
const platform = process.platform;
const arch = process.arch;
const buildTimeoutMs = Number(process.env.CHOKEPOINT_BUILD_TIMEOUT_MS ?? 10 * 60_000);

/** @returns {string | undefined} a problem, or undefined when the Electron binary is in place */
function checkElectronBinary() {
  let executable;
  try {
    executable = require('electron');
  } catch {
    executable = undefined;
  }
  if (typeof executable === 'string' && existsSync(executable)) {
    log(`Electron ${electronVersion} binary: ${executable}`);
    return undefined;
  }
  const zip = `electron-v${electronVersion}-${platform}-${arch}.zip`;
  const url = `https://github.com/electron/electron/releases/download/v${electronVersion}/${zip}`;
  const cacheFolder = createHash('sha256').update(dirname(url)).digest('hex');
  const cacheRoot =
    process.env.electron_config_cache ??
    (platform === 'darwin'
      ? join(homedir(), 'Library', 'Caches', 'electron')
      : platform === 'win32'
        ? join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'electron', 'Cache')
        : join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'electron'));
  return [
    `the Electron ${electronVersion} binary is not installed (npm install ran with ELECTRON_SKIP_BINARY_DOWNLOAD, or the download failed).`,
    `    Either re-run npm install without ELECTRON_SKIP_BINARY_DOWNLOAD where github.com is reachable,`,
    `    or copy ${zip} to ${join(cacheRoot, cacheFolder, zip)}`,
    `    (electron_config_cache=<dir> moves the root) and run: node node_modules/electron/install.js`,
  ].join('\n');
}

function acceptable(file) {
  if (!existsSync(file)) return { ok: false, message: `${file} does not exist` };
  return checkBinaryAbi(readFileSync(file), { expectedAbi: abi, electronVersion });
}

/** Runs a build tool with a timeout; shows its last lines only when it fails. */
function run(label, command, args, options) {
  log(`${label}: ${basename(command)} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    ...options,
    encoding: 'utf8',
    timeout: options.timeout ?? buildTimeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    log(`${label}: done (${seconds} s elapsed)`);
    return true;
  }
  const why =
    result.error?.code === 'ETIMEDOUT'
      ? `timed out after ${options.timeout ?? buildTimeoutMs} ms`
      : `exit code ${result.status ?? result.signal}`;
  // node-gyp ends with boilerplate (System, command, cwd, versions); the cause is above it.
  const boilerplate = /gyp ERR! (System|command|cwd|node -v|node-gyp -v|not ok|stack\s+at )/;
  const lines = `${result.stdout ?? ''}${result.stderr ?? ''}`
    .trim()
    .split('\n')
    .filter((line) => line && !boilerplate.test(line));
  const tail = lines.slice(-6).map((line) => `    | ${line}`);
  log(`${label}: failed, ${why} (${seconds} s elapsed)`);
  if (tail.length) console.log(tail.join('\n'));
  return false;
}

/** npm passes ~/.npmrc's nodedir to scripts as npm_config_nodedir: that is the Node-ABI trap. */
function environmentForElectron() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|build_from_source)$/i.test(key)) delete env[key];
  }
  return env;
}

/** What one addon needs: where its Node package is, its version, its cache file and prebuild name. */
function describeAddon({ name, file }) {
  const packageFolder = dirname(require.resolve(`${name}/package.json`));
  const version = JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8')).version;
  const config = `npm_config_${name.replace(/-/g, '_')}`;
  return {
    name,
    file,
    packageFolder,
    version,
    target: electronSqliteCacheFile(projectRoot, electronVersion, abi, name),
    prebuildName: `${name}-v${version}-electron-v${abi}-${platform}-${arch}.tar.gz`,
    localPrebuildsVariable: `${config}_local_prebuilds`,
    binaryHostVariable: `${config}_binary_host`,
    scratch: join(projectRoot, '.cache', 'electron-sqlite', `scratch-${name}-electron-${electronVersion}-abi${abi}`),
  };
}

/** Set when node-gyp had no Electron headers on disk and had to download them (this machine may be offline). */
let headersUnavailable = false;

function buildIntoScratch(addon) {
  const { packageFolder: sqlitePackage, scratch, prebuildName } = addon;
  const copy = join(scratch, addon.name);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  // Copy without build/: the Node binary there must never be mistaken for the Electron one.
  cpSync(sqlitePackage, copy, { recursive: true, filter: (source) => resolve(source) !== join(sqlitePackage, 'build') });
  const produced = join(copy, 'build', 'Release', 'better_sqlite3.node');
  const env = environmentForElectron();

  const prebuildBin = join(dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
  const localPrebuilds = process.env[addon.localPrebuildsVariable];
  if (localPrebuilds) log(`looking for ${prebuildName} in ${localPrebuilds} (${addon.localPrebuildsVariable})`);
  const prebuildArgs = [
    prebuildBin,
    '--runtime',
    'electron',
    '--target',
    electronVersion,
    '--arch',
    arch,
    '--platform',
    platform,
    '--verbose',
  ];
  if (run(`${addon.name}: prebuild-install`, process.execPath, prebuildArgs, { cwd: copy, env, timeout: 90_000 })) {
    const check = acceptable(produced);
    if (check.ok) return produced;
    log(`prebuild-install gave a binary that is unusable: ${check.message}`);
  }

  const headers = process.env.CHOKEPOINT_ELECTRON_HEADERS;
  const nodeGyp = join(dirname(require.resolve('node-gyp/package.json')), 'bin', 'node-gyp.js');
  const gypArgs = [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`];
  gypArgs.push(headers ? `--nodedir=${resolve(headers)}` : '--dist-url=https://electronjs.org/headers');
  headersUnavailable = !headers && !existsSync(electronHeadersCache());
  if (run(`${addon.name}: node-gyp`, process.execPath, gypArgs, { cwd: copy, env })) {
    headersUnavailable = false;
    const check = acceptable(produced);
    if (check.ok) return produced;
    log(`node-gyp built a binary that Electron cannot load: ${check.message}`);
  }
  return undefined;
}

/** Where node-gyp keeps downloaded headers for this Electron version (its devdir). */
function electronHeadersCache() {
  const devdir =
    process.env.npm_config_devdir ??
    (platform === 'win32'
      ? join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'node-gyp', 'Cache')
      : join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'node-gyp'));
  return join(devdir, electronVersion, 'include', 'node', 'node.h');
}

function installIntoCache(produced, target) {
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(produced, `${target}.partial`);
  renameSync(`${target}.partial`, target);
  log(`installed ${target}`);
}

// electron-builder ships whatever is staged here (see .ci/electron-builder.yml): clear it first, so
// a failed run can never leave an older or wrong binary to be packaged.
const packagingFolder = join(projectRoot, '.cache', 'electron-sqlite', 'for-packaging');
for (const { file } of sqliteAddons) rmSync(join(packagingFolder, file), { force: true });

const problems = [];
/** What stops the app from starting (or from packaging), and what only limits it. */
const warnings = [];
const electronProblem = checkElectronBinary();
if (electronProblem) problems.push(electronProblem);

for (const addon of sqliteAddons.map(describeAddon)) {
  const { name, version, target, prebuildName } = addon;
  const cached = acceptable(target);
  if (cached.ok) {
    log(`${name} ${version} for Electron ${electronVersion} (ABI ${abi}): ${target}`);
  } else {
    log(
      `no usable Electron build of ${name} at ${target} (${cached.message}); building one in .cache (node_modules is left alone)`,
    );
    const produced = buildIntoScratch(addon);
    if (produced) installIntoCache(produced, target);
    // The scratch copy holds ~30 MB of objects; keep it only when asked to, for debugging a build.
    if (!process.env.CHOKEPOINT_KEEP_SCRATCH) rmSync(addon.scratch, { recursive: true, force: true });
    if (!produced) {
      const use = name === 'better-sqlite3' ? 'every workspace' : 'encrypted (passphrase-protected) workspaces';
      // Plain workspaces do not need the cipher build: the app starts without it and says so when an
      // encrypted workspace is opened. An installer must ship both, so packaging (npm run dist) stops.
      const required = name === 'better-sqlite3' || process.env.npm_lifecycle_event === 'dist';
      (required ? problems : warnings).push(
        [
          `${name} ${version} could not be built for Electron ${electronVersion} (ABI ${abi}); the app needs it for ${use}.`,
          ...(headersUnavailable
            ? [
                `    node-gyp needs Electron ${electronVersion}'s headers, which it downloads from https://electronjs.org/headers;`,
                `    they are not on this machine and could not be downloaded (offline?), so the build cannot be made here as it is.`,
              ]
            : []),
          `    Provide one of:`,
          `    - the prebuild ${prebuildName} in a folder, and set ${addon.localPrebuildsVariable}=<that folder>`,
          `    - a reachable mirror of the prebuilds: ${addon.binaryHostVariable}=<url>`,
          `    - Electron ${electronVersion} headers (node-v${electronVersion}-headers.tar.gz from electronjs.org/headers/v${electronVersion}/, unpacked), and set CHOKEPOINT_ELECTRON_HEADERS=<that folder>`,
        ].join('\n'),
      );
    }
  }
  // Staged for electron-builder (extraResources) only once it carries Electron's ABI symbol.
  if (acceptable(target).ok) {
    mkdirSync(packagingFolder, { recursive: true });
    copyFileSync(target, join(packagingFolder, addon.file));
  }
}

for (const warning of warnings) console.warn(`\n[electron-sqlite] warning: ${warning}`);
if (problems.length) {
  console.error(
    `\nChokepoint cannot run in Electron on this machine yet:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
  );
  process.exit(1);
}
log(`ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
