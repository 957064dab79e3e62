import type { OpenWorkspaceInfo } from './database-messages';

/** The window title names the open workspace, so two screenshots are never confused. */
export function windowTitle(workspace: OpenWorkspaceInfo | undefined): string {
  return workspace ? `${workspace.name} — Chokepoint` : 'Chokepoint';
}
