import type { IncomingMessage } from 'node:http';

/**
 * A page on another site can make the browser send requests to 127.0.0.1, and a DNS-rebinding
 * attacker can even make them look same-origin under a foreign host name. The preview therefore
 * answers only requests addressed to its own loopback origin.
 */
export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

export function isOwnHost(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host;
  return host !== undefined && ownOrigins(port).some((origin) => origin === `http://${host}`);
}

/**
 * An operation call must come from the preview's own page: a cross-origin Origin or Sec-Fetch-Site is
 * refused, and a JSON content type is required, which a cross-site form cannot send.
 */
export function whyRefuseOperationCall(request: IncomingMessage, port: number): string | undefined {
  const origin = request.headers.origin;
  if (origin !== undefined && !ownOrigins(port).includes(origin)) return `cross-origin request from ${origin}`;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `cross-site request (${site})`;
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) return 'the body must be application/json';
  return undefined;
}
