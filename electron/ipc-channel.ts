/** The one IPC channel between the renderer and the app; shared by preload.ts and ipc.ts. */
export const operationChannel = 'chokepoint:operation';

/** Saving an exported chart (SVG or PNG) through a save dialog: the renderer cannot write files. */
export const chartExportChannel = 'chokepoint:save-chart-export';

/** Writing a report (HTML, PDF or PowerPoint) through a save dialog: main draws, prints and writes it. */
export const reportExportChannel = 'chokepoint:export-report';
