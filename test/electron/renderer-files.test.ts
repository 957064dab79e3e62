import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { createRendererHandler, rendererFileFor } from '../../electron/renderer-files';

const base = mkdtempSync(join(tmpdir(), 'chokepoint-renderer-'));
const root = join(base, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Chokepoint</title>');
writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(root, 'assets', 'plex-sans.woff2'), 'font');
writeFileSync(join(base, 'secret.txt'), 'outside the renderer');

const handle = createRendererHandler(root);
const get = (url: string) => handle(new Request(url));
const csp =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'";

describe('the app:// protocol', () => {
  it('serves the renderer with the right MIME types and the strict CSP', async () => {
    const page = await get('app://chokepoint/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(csp);
    expect(await page.text()).toContain('<title>Chokepoint</title>');
    expect((await get('app://chokepoint/assets/index-abc.js')).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get('app://chokepoint/assets/plex-sans.woff2')).headers.get('content-type')).toBe('font/woff2');
    expect((await get('app://chokepoint/')).status).toBe(200);
  });

  it('has no unsafe-inline, unsafe-eval or remote origin in its CSP', async () => {
    const policy = (await get('app://chokepoint/index.html')).headers.get('content-security-policy')!;
    expect(policy).not.toMatch(/unsafe-|https?:|ws:|\*/);
  });

  it('refuses to leave the renderer folder, however the path is spelled', async () => {
    // The URL parser already folds `..` and `%2e%2e` segments away; what is left must stay inside.
    for (const url of [
      'app://chokepoint/../secret.txt',
      'app://chokepoint/%2e%2e/secret.txt',
      'app://chokepoint/assets/%2E%2E/%2e%2e/secret.txt',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('outside the renderer');
    }
    // An encoded slash or backslash survives parsing and becomes `../` only when decoded: refused.
    for (const url of [
      'app://chokepoint/..%2fsecret.txt',
      'app://chokepoint/assets/..%2f..%2fsecret.txt',
      'app://chokepoint/..%5csecret.txt',
      'app://chokepoint/index.html%00.js',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(403);
      expect(await response.text(), url).not.toContain('outside the renderer');
      expect(response.headers.get('content-security-policy'), url).toBe(csp);
    }
    expect(rendererFileFor(root, 'app://chokepoint/..%2f..%2fetc%2fpasswd')).toBeUndefined();
    expect(rendererFileFor(root, 'app://chokepoint/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it('refuses other hosts of app:, and answers a missing file with 404 and the CSP', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(403);
    const missing = await get('app://chokepoint/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(csp);
  });

  it('serves files read-only', async () => {
    const response = await handle(new Request('app://chokepoint/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });
});
