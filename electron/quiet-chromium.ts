import type { App } from 'electron';

/**
 * Chromium features that would otherwise try to reach Google services in the background. The network
 * lock already cancels such requests; these switches stop Chromium from attempting them at all, so an
 * air-gapped firewall log stays empty. Must run before the app is ready.
 */
const quietSwitches: ReadonlyArray<readonly [string, string?]> = [
  ['disable-background-networking'],
  ['disable-component-update'],
  ['disable-domain-reliability'],
  ['disable-breakpad'],
  ['dns-prefetch-disable'],
  ['no-pings'],
  ['metrics-recording-only'],
  [
    'disable-features',
    'MediaRouter,OptimizationHints,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater',
  ],
];

export function quietChromium(app: App): void {
  for (const [name, value] of quietSwitches) {
    if (value === undefined) app.commandLine.appendSwitch(name);
    else app.commandLine.appendSwitch(name, value);
  }
}
