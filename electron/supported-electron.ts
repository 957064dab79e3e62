/**
 * Electron majors that still get security fixes. Electron supports the latest three stable majors
 * and ships a new one about every eight weeks, when the oldest of the three loses support
 * (https://www.electronjs.org/docs/latest/tutorial/electron-timelines). Chromium and Node.js
 * vulnerabilities are fixed only there, so Chokepoint must be built on one of them: checklist item
 * 16, "Use a current version of Electron", tested in test/electron/security-checklist.test.ts.
 *
 * Re-check the timeline and update both fields when a new major ships (every ~8 weeks; the next,
 * 46, is expected in December 2026, when 43 leaves support). The test does not compare `checkedOn` with
 * today's date: a build must not start failing on its own with no change to the code.
 */
export const supportedElectron = {
  checkedOn: '2026-11-27',
  majors: [45, 44, 43],
  source: 'https://www.electronjs.org/docs/latest/tutorial/electron-timelines',
} as const;

/** The major version of an Electron version or npm range ("41.10.0", "^44.1.0", "~45.0.0-beta.2"). */
export function electronMajor(version: string): number | undefined {
  const match = /^[\^~=v\s]*(\d+)\./.exec(version);
  return match ? Number(match[1]) : undefined;
}

export function isSupportedElectron(version: string): boolean {
  const major = electronMajor(version);
  return major !== undefined && (supportedElectron.majors as readonly number[]).includes(major);
}
