import { join } from 'node:path';

/**
 * Where the built pieces are, relative to the app root (the project folder under `electron .`,
 * resources/app.asar when packaged). electron-vite writes them to out/.
 */
export function appFiles(appRoot: string) {
  return {
    rendererFolder: join(appRoot, 'out', 'renderer'),
    preloadFile: join(appRoot, 'out', 'preload', 'preload.cjs'),
    databaseProcessFile: join(appRoot, 'out', 'main', 'database-process.js'),
  };
}
