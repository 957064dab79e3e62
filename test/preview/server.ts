import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { executeOperation, type OperationContext } from '../../db/api';
import { UserError } from '../../db/errors';
import { openWorkspace } from '../../db/workspace/open';
import {
  answerWhileLocked,
  lockedError,
  lockedPlaceholder,
  opensLocked,
  type LockedWorkspace,
} from '../../db/workspace/locked-workspace';
import { contentSecurityPolicy } from '../../electron/content-security-policy';
import {
  bridgeScript,
  bridgeScriptPath,
  exportPath,
  importCancelPath,
  importChoosePath,
  importPaths,
  importProgressPath,
  importRunPath,
  operationPath,
  reportExportPath,
  withBridgeScript,
} from './bridge-script';
import { previewImports, type PreviewImports } from './file-import';
import { exportReportFile } from './export-report';
import { saveExportedChart } from './save-export';
import { isOwnHost, whyRefuseOperationCall } from './request-guards';
import { lookUpRendererFile } from './static-files';

export interface PreviewHostOptions {
  /** The workspace file to open (it must exist). */
  workspace: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer; defaults to out/renderer of this checkout. */
  rendererDir?: string;
  /** Where the app's Export SVG/PNG buttons save (the desktop app asks with a dialog); without it they say they need the desktop app. */
  exportsDir?: string;
  /** Files the big-file import may read, named by plain file name (the desktop app asks with an open dialog). */
  importsDir?: string;
  /**
   * The passphrase of an encrypted workspace (kept in this process's memory only). Without it an
   * encrypted workspace starts locked: the page asks for the passphrase, as the desktop app does.
   */
  passphrase?: string;
}

export interface PreviewHost {
  url: string;
  close(): Promise<void>;
}

/** Operation inputs are a few small fields; anything bigger is a mistake or an attack. */
const maxBodyBytes = 64 * 1024;
/** An exported PNG at 2x, base64-encoded, runs to a few megabytes. */
const maxExportBytes = 64 * 1024 * 1024;

// CHOKEPOINT_OUT_DIR: a renderer built elsewhere by .ci/electron.vite.config.ts under the same variable.
const defaultRendererDir = process.env.CHOKEPOINT_OUT_DIR
  ? join(process.env.CHOKEPOINT_OUT_DIR, 'renderer')
  : fileURLToPath(new URL('../../out/renderer/', import.meta.url));

/** The headers Electron's app:// protocol sends, so the preview enforces the same rules. */
const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/**
 * Serves the built renderer and the operation table over loopback HTTP, so the real UI can run and
 * be tested in a plain browser. Development and tests only: it is never packaged with the app.
 */
export async function startPreviewHost(options: PreviewHostOptions): Promise<PreviewHost> {
  const rendererDir = resolve(options.rendererDir ?? defaultRendererDir);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new UserError(
      `The renderer is not built (${join(rendererDir, 'index.html')} is missing): run npm run build first.`,
      'renderer',
    );
  }
  const file = resolve(options.workspace);
  // Locked: this host knows the file, the page's unlockWorkspace brings the passphrase (see handle).
  const lock: Lock = { current: options.passphrase === undefined && opensLocked(file) ? { file } : undefined };
  const workspace = lock.current
    ? lockedPlaceholder(lock.current)
    : openWorkspace(file, options.passphrase === undefined ? {} : { passphrase: options.passphrase });
  // Restoring a backup reopens the workspace: every request (and the imports) reads context.workspace.
  const context: OperationContext = { workspace, replaceWorkspace: (next) => (context.workspace = next) };
  const imports = options.importsDir ? previewImports(context, resolve(options.importsDir)) : undefined;

  const server = createServer((request, response) => {
    handle(request, response, rendererDir, context, lock, portOf(server), options.exportsDir, imports).catch((error: unknown) => {
      console.error('Preview host request failed', error);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error');
      else response.destroy();
    });
  });
  try {
    await new Promise<void>((resolveListen, rejectListen) => {
      server.once('error', rejectListen);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
    });
  } catch (error) {
    workspace.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UserError(`Port ${options.port} is already in use; choose another with --port.`, 'port');
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${portOf(server)}/`,
    close: () =>
      (closing ??= stop(server).finally(() => {
        imports?.close();
        context.workspace.close();
      })),
  };
}

/** The encrypted workspace waiting for its passphrase, while it does. */
interface Lock {
  current: LockedWorkspace | undefined;
}

/** Every call is refused with "enter its passphrase" until unlockWorkspace opens the file with it. */
function answerLocked(
  locked: LockedWorkspace,
  context: OperationContext,
  lock: Lock,
  pathname: string,
  call: { name?: unknown; input?: unknown },
) {
  if (pathname !== operationPath) return { ok: false, error: { message: lockedError(locked.file).message, field: 'passphrase' } };
  return answerWhileLocked(locked, call.name, call.input, (passphrase) => {
    const opened = openWorkspace(locked.file, { passphrase });
    context.workspace = opened;
    lock.current = undefined;
    return {
      file: opened.file,
      name: String((executeOperation(context, 'getWorkspaceSummary', {}) as { value?: { name?: string } }).value?.name),
    };
  });
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

function stop(server: Server): Promise<void> {
  return new Promise((resolveClose) => {
    server.close(() => resolveClose());
    server.closeAllConnections();
  });
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  rendererDir: string,
  context: OperationContext,
  lock: Lock,
  port: number,
  exportsDir: string | undefined,
  imports: PreviewImports | undefined,
) {
  if (!isOwnHost(request, port)) return send(response, 421, 'text/plain; charset=utf-8', 'Unknown host');
  const pathname = (request.url ?? '/').split('?')[0] ?? '/';

  const savesFiles = (pathname === exportPath || pathname === reportExportPath) && exportsDir !== undefined;
  const importsFiles = imports !== undefined && importPaths.includes(pathname);
  if (pathname === operationPath || savesFiles || importsFiles) {
    if (request.method !== 'POST') return send(response, 405, 'text/plain; charset=utf-8', 'Use POST', { Allow: 'POST' });
    const refusal = whyRefuseOperationCall(request, port);
    if (refusal) return send(response, 403, 'text/plain; charset=utf-8', `Refused: ${refusal}`);
    const body = await readBody(request, pathname === exportPath ? maxExportBytes : maxBodyBytes);
    if (body === undefined)
      return send(response, 413, 'text/plain; charset=utf-8', 'Request body too large', { Connection: 'close' });
    let call: { name?: unknown; input?: unknown };
    try {
      call = JSON.parse(body) as typeof call;
    } catch {
      return sendJson(response, { ok: false, error: { message: 'The request body is not valid JSON.' } });
    }
    if (typeof call !== 'object' || call === null)
      return sendJson(response, { ok: false, error: { message: 'The request body must be an object.' } });
    if (lock.current) return sendJson(response, answerLocked(lock.current, context, lock, pathname, call));
    if (pathname === exportPath) return sendJson(response, saveExportedChart(exportsDir!, call));
    if (pathname === reportExportPath) return sendJson(response, await exportReportFile(context, exportsDir!, call));
    if (imports && pathname === importChoosePath) return sendJson(response, imports.choose(call));
    if (imports && pathname === importRunPath) return sendJson(response, await imports.run(call));
    if (imports && pathname === importProgressPath) return sendJson(response, imports.progress());
    if (imports && pathname === importCancelPath) return sendJson(response, imports.cancel());
    // During an import, operations read the committed workspace through a read-only connection.
    const answered = executeOperation(imports?.context() ?? context, call.name, call.input);
    if (!answered.ok && imports && imports.context() !== context && /readonly|read-only/i.test(answered.error.message))
      return sendJson(response, {
        ok: false,
        error: { message: 'An import is running: wait for it to finish (or cancel it), then try again.' },
      });
    return sendJson(response, answered);
  }

  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed', { Allow: 'GET, HEAD' });
  }
  if (pathname === bridgeScriptPath)
    return send(response, 200, 'text/javascript; charset=utf-8', bridgeScript(exportsDir !== undefined, imports !== undefined));
  if (pathname === '/' || pathname === '/index.html') {
    // Read on each request so a rebuilt renderer shows up on reload.
    const html = withBridgeScript(readFileSync(join(rendererDir, 'index.html'), 'utf8'));
    return send(response, 200, 'text/html; charset=utf-8', html);
  }
  const file = lookUpRendererFile(rendererDir, pathname);
  if (!file.found) return send(response, file.status, 'text/plain; charset=utf-8', file.status === 404 ? 'Not found' : 'Refused');
  return send(response, 200, file.contentType, file.body);
}

/** Resolves to the body text, or undefined once it passes the limit (the rest is not read). */
function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolveBody, rejectBody) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) return resolveBody(undefined);
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.pause();
        resolveBody(undefined);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    request.on('error', rejectBody);
  });
}

function sendJson(response: ServerResponse, value: unknown) {
  send(response, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
) {
  response.writeHead(status, {
    ...securityHeaders,
    ...extra,
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
