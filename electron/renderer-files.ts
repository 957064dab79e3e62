import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { appHost } from './app-origin';
import { contentSecurityPolicy } from './content-security-policy';
import { mimeTypeFor } from './mime-types';

/** Headers on every app:// response, errors included, so no page of ours ever runs without the CSP. */
function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  };
}

function refuse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...securityHeaders(), 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * Maps an app:// URL to a file under `rootDir`, or undefined when the URL tries to leave it
 * (`..`, encoded `%2e%2e%2f`, backslashes, NUL) or names another host.
 */
export function rendererFileFor(rootDir: string, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.host !== appHost) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (path.includes('\0') || path.includes('\\')) return undefined;
  const root = resolve(rootDir);
  const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return undefined;
  return join(root, inside);
}

/** The `protocol.handle('app', …)` handler: files of the built renderer, read-only, GET only. */
export function createRendererHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Method not allowed');
    const file = rendererFileFor(rootDir, request.url);
    if (!file) return refuse(403, 'Forbidden');
    try {
      if (!(await stat(file)).isFile()) return refuse(404, 'Not found');
      const body = request.method === 'HEAD' ? null : await readFile(file);
      return new Response(body, { status: 200, headers: { ...securityHeaders(), 'content-type': mimeTypeFor(file) } });
    } catch {
      return refuse(404, 'Not found');
    }
  };
}
