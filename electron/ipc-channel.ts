/** The one IPC channel between the renderer and the app; shared by preload.ts and ipc.ts. */
export const operationChannel = 'chokepoint:operation';
