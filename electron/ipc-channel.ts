/** The one IPC channel between the renderer and the app; shared by preload.ts and ipc.ts. */
export const operationChannel = 'chokepoint:operation';

/** Saving an exported chart (SVG or PNG) through a save dialog: the renderer cannot write files. */
export const chartExportChannel = 'chokepoint:save-chart-export';

/** Writing a report (HTML, PDF or PowerPoint) through a save dialog: main draws, prints and writes it. */
export const reportExportChannel = 'chokepoint:export-report';

/** A big import read by main from a file the analyst picked in a dialog (the page never names a path). */
export const chooseImportChannel = 'chokepoint:choose-import-file';
export const importFileChannel = 'chokepoint:import-file';
export const cancelImportChannel = 'chokepoint:cancel-import';
/** Main → page: progress of the running import. */
export const importProgressChannel = 'chokepoint:import-progress';
