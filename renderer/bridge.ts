import type { ChokepointBridge } from '../db/api';

declare global {
  interface Window {
    /** Exposed by the Electron preload, or by /preview-bridge.js in the browser preview host. */
    readonly chokepoint?: ChokepointBridge;
  }
}

/**
 * The renderer's only way to the workspace. Looked up on each call rather than captured at import
 * time, so a missing bridge becomes a visible error in the view that needed it, not a blank window.
 */
export function bridge(): ChokepointBridge {
  const exposed = window.chokepoint;
  if (!exposed) throw new Error('Chokepoint cannot reach its workspace: the bridge to the app is missing.');
  return exposed;
}
