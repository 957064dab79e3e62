import type { BrowserContext, Page } from 'playwright-core';

export interface Observations {
  /** Every URL the app asked for, in order. */
  requests: string[];
  /** Requests that would have left the machine (aborted by the route below). */
  offMachine: string[];
  consoleErrors: string[];
  pageErrors: string[];
  /** Read the page's own record of Content-Security-Policy violations. */
  cspViolations(page: Page): Promise<string[]>;
  watchPage(page: Page): void;
}

/**
 * A request is local when it uses no network at all (the app's own scheme, file:, data:, blob:) or
 * goes to the loopback address the preview host listens on. Anything else is a leak.
 */
export function isLocalRequest(url: string): boolean {
  const parsed = new URL(url);
  if (!['http:', 'https:', 'ws:', 'wss:', 'ftp:'].includes(parsed.protocol)) return true;
  return parsed.hostname === '127.0.0.1';
}

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/**
 * Records requests at two levels, the context (which also sees workers and other pages) and the page,
 * and blocks any that would leave loopback so a leak fails the test without ever reaching the network.
 */
export async function watchNetworkAndConsole(context: BrowserContext): Promise<Observations> {
  const observed: Observations = {
    requests: [],
    offMachine: [],
    consoleErrors: [],
    pageErrors: [],
    cspViolations: (page) => page.evaluate(() => window.__cspViolations ?? []),
    watchPage(page) {
      page.on('request', (request) => observed.requests.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error') observed.consoleErrors.push(message.text());
      });
      page.on('pageerror', (error) => observed.pageErrors.push(error.message));
    },
  };
  context.on('request', (request) => observed.requests.push(request.url()));
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLocalRequest(url)) return route.continue();
    observed.offMachine.push(url);
    return route.abort('blockedbyclient');
  });
  // Runs before any page script and outside the page's CSP, so it sees every violation.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations?.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  return observed;
}
