/**
 * Sent as a header on every response of the app:// protocol. No 'unsafe-inline' or 'unsafe-eval' and
 * no remote origin: even injected markup cannot run script or send data anywhere. data: images are
 * allowed for chart exports drawn to a canvas; fonts ship with the app.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
