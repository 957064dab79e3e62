import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contentSecurityPolicy } from '../../electron/content-security-policy';
import { startPreviewHost, type PreviewHost } from '../preview/server';
import { createStarterWorkspace } from './workspaces';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP, because fetch will not let a test forge Host or send an unnormalised path. */
function send(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Reply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { hostname, port, method: options.method ?? 'GET', path: options.path, headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

const json = { 'content-type': 'application/json' };

describe('preview host', () => {
  let folder: string;
  let host: PreviewHost;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'chokepoint-preview-'));
    const file = join(folder, 'w.sqlite');
    createStarterWorkspace(file, 'Preview');
    host = await startPreviewHost({ workspace: file, port: 0 });
  });

  afterAll(async () => {
    await host?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  test('listens on loopback only, at the URL it reports', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  test('serves index.html with the bridge script and the same CSP as the Electron shell', async () => {
    const reply = await send(host.url, { path: '/' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(reply.body).toContain('<script src="/preview-bridge.js"></script>');
  });

  test("index.html's meta CSP is the shell's policy, less the header-only frame-ancestors", () => {
    const html = readFileSync(fileURLToPath(new URL('../../renderer/index.html', import.meta.url)), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const headerOnly = contentSecurityPolicy
      .split('; ')
      .filter((directive) => !directive.startsWith('frame-ancestors'))
      .join('; ');
    expect(meta).toBe(headerOnly);
  });

  test('answers operations with the same envelope as the Electron bridge', async () => {
    const summary = await send(host.url, {
      method: 'POST',
      path: '/api/operation',
      headers: json,
      body: JSON.stringify({ name: 'getWorkspaceSummary' }),
    });
    expect(JSON.parse(summary.body)).toMatchObject({ ok: true, value: { name: 'Preview', sources: 52, claims: 80 } });

    const tooMany = await send(host.url, {
      method: 'POST',
      path: '/api/operation',
      headers: json,
      body: JSON.stringify({ name: 'listClaims', input: { offset: 0, limit: 501 } }),
    });
    expect(JSON.parse(tooMany.body)).toMatchObject({ ok: false, error: { field: 'limit' } });

    const unknown = await send(host.url, {
      method: 'POST',
      path: '/api/operation',
      headers: json,
      body: JSON.stringify({ name: 'dropTables' }),
    });
    const refused = JSON.parse(unknown.body) as { ok: boolean; error: { message: string } };
    expect(refused.ok).toBe(false);
    expect(refused.error.message).toContain('Unknown operation');
  });

  test('refuses a foreign Host header (DNS rebinding)', async () => {
    const port = new URL(host.url).port;
    expect((await send(host.url, { path: '/', headers: { host: `attacker.example:${port}` } })).status).toBe(421);
    expect((await send(host.url, { path: '/', headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  test('refuses cross-origin and non-JSON operation calls', async () => {
    const body = JSON.stringify({ name: 'getWorkspaceSummary' });
    const crossOrigin = await send(host.url, {
      method: 'POST',
      path: '/api/operation',
      headers: { ...json, origin: 'http://attacker.example' },
      body,
    });
    expect(crossOrigin.status).toBe(403);
    const crossSite = await send(host.url, {
      method: 'POST',
      path: '/api/operation',
      headers: { ...json, 'sec-fetch-site': 'cross-site' },
      body,
    });
    expect(crossSite.status).toBe(403);
    const form = await send(host.url, {
      method: 'POST',
      path: '/api/operation',
      headers: { 'content-type': 'text/plain' },
      body,
    });
    expect(form.status).toBe(403);
  });

  test('refuses an oversized body', async () => {
    const body = JSON.stringify({ name: 'getWorkspaceSummary', padding: 'x'.repeat(100_000) });
    expect((await send(host.url, { method: 'POST', path: '/api/operation', headers: json, body })).status).toBe(413);
  });

  test('refuses paths that climb out of the renderer folder', async () => {
    for (const path of [
      '/../package.json',
      '/assets/../../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/assets/..%5c..%5cpackage.json',
    ]) {
      const reply = await send(host.url, { path });
      expect(reply.status, path).toBeGreaterThanOrEqual(400);
      expect(reply.body, path).not.toContain('"name": "chokepoint"');
    }
  });
});
