/** The one IPC channel between the renderer and the app; shared by preload.ts and ipc.ts. */
export const operationChannel = 'chokepoint:operation';

/** Saving an exported chart (SVG or PNG) through a save dialog: the renderer cannot write files. */
export const chartExportChannel = 'chokepoint:save-chart-export';
