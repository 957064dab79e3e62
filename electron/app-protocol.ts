import { protocol } from 'electron';
import { appScheme } from './app-origin';

/** Must run before the app is ready: Chromium fixes scheme privileges at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: appScheme,
      // No corsEnabled/bypassCSP/allowServiceWorkers/stream: the renderer needs none of them.
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}
