import type { ChokepointBridge } from '../db/api';

/** An exported chart on its way to the desktop's save dialog. */
export interface ExportFile {
  /** A file name without folder, e.g. "stage-gap.svg". */
  name: string;
  kind: 'svg' | 'png';
  /** SVG text, or PNG bytes. */
  data: string | Uint8Array;
}

/** The operations, plus the chart save that only the desktop app offers (the preview host has none). */
export type AppBridge = ChokepointBridge & { saveExport?: (file: ExportFile) => Promise<unknown> };

declare global {
  interface Window {
    /** Exposed by the Electron preload, or by /preview-bridge.js in the browser preview host. */
    readonly chokepoint?: AppBridge;
  }
}

/**
 * The renderer's only way to the workspace. Looked up on each call rather than captured at import
 * time, so a missing bridge becomes a visible error in the view that needed it, not a blank window.
 */
export function bridge(): AppBridge {
  const exposed = window.chokepoint;
  if (!exposed) throw new Error('Chokepoint cannot reach its workspace: the bridge to the app is missing.');
  return exposed;
}
