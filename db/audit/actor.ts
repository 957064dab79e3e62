import { userInfo } from 'node:os';

/** Who made a change: the operating-system user, as an analyst's machine knows them. No accounts, no network. */
export function currentActor(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
