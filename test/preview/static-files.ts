import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

export type StaticLookup = { found: true; body: Buffer; contentType: string } | { found: false; status: 400 | 403 | 404 };

/**
 * Finds a file of the built renderer for a request path. Checks the *decoded* path, since "%2e%2e"
 * and "..%2f" are how traversal usually gets past a naive check, and then confirms the resolved file
 * is still inside the renderer folder.
 */
export function lookUpRendererFile(rendererDir: string, pathname: string): StaticLookup {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { found: false, status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) return { found: false, status: 403 };
  const root = resolve(rendererDir);
  const file = resolve(root, `.${decoded}`);
  if (!file.startsWith(root + sep)) return { found: false, status: 403 };
  if (!existsSync(file) || !statSync(file).isFile()) return { found: false, status: 404 };
  const contentType = contentTypes[extname(file).toLowerCase()];
  if (!contentType) return { found: false, status: 404 };
  return { found: true, body: readFileSync(file), contentType };
}
