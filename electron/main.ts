import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, type BrowserWindow, ipcMain, Menu, protocol, session, utilityProcess, type WebContents } from 'electron';
import { appFiles } from './app-files';
import { appEntryUrl, appScheme } from './app-origin';
import { registerAppScheme } from './app-protocol';
import { createDatabaseClient } from './database-client';
import { chooseChartTarget, chooseImportFile, chooseReportTarget, showProblem } from './dialogs';
import { bindChartExport } from './chart-export';
import { bindFileImport, bindOperations } from './ipc';
import { menuTemplate } from './menu';
import { electronSqlitePath } from './native/electron-sqlite-path';
import { installNetworkLock } from './network-lock';
import { placePresenterWindow } from './presenter-display';
import { printReportPdf } from './print-pdf';
import { bindReportExport } from './report-export';
import { quietChromium } from './quiet-chromium';
import { createRendererHandler } from './renderer-files';
import { chooseStartupWorkspaces } from './startup-workspace';
import { createUrlPolicy } from './url-policy';
import { createMainWindow } from './window';
import { createWorkspaceController } from './workspace-controller';
import { windowTitle } from './window-title';

/**
 * The Electron main process: wires the hardened window, the network lock, the app:// protocol, the
 * database process and the menu together. Deliberately absent: auto-update, crash-report upload,
 * telemetry and shell.openExternal. Nothing in Chokepoint talks to a network.
 */

// Before `ready`: Chromium reads switches, the sandbox setting and scheme privileges at start-up.
quietChromium(app);
app.enableSandbox();
registerAppScheme();

const development = !app.isPackaged;
let mainWindow: BrowserWindow | undefined;

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  await app.whenReady();
  const appRoot = app.getAppPath();
  const files = appFiles(appRoot);
  const policy = createUrlPolicy({
    entryUrl: appEntryUrl,
    devServerUrl: development ? process.env.ELECTRON_RENDERER_URL : undefined,
    // The window has DevTools only in development (window.ts); their devtools:// pages may load then only.
    devTools: development,
  });

  installNetworkLock(app, session.defaultSession, policy);
  protocol.handle(appScheme, createRendererHandler(files.rendererFolder));

  const nativeBinding = electronSqlitePath({
    packaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    projectRoot: appRoot,
    electronVersion: process.versions.electron,
    abi: process.versions.modules,
  });
  // Encrypted workspaces only: a missing build is reported when one is opened, not at start-up.
  const encryptedNativeBinding = electronSqlitePath({
    packaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    projectRoot: appRoot,
    electronVersion: process.versions.electron,
    abi: process.versions.modules,
    addon: 'better-sqlite3-multiple-ciphers',
  });
  if (!existsSync(nativeBinding)) {
    await showProblem(
      undefined,
      'The database engine is missing',
      `${nativeBinding} does not exist. Run "node electron/native/ensure-electron-sqlite.mjs" (npm start does) to build it.`,
    );
  }

  const database = createDatabaseClient({
    fork: () =>
      utilityProcess.fork(files.databaseProcessFile, [], {
        serviceName: 'Chokepoint database',
        stdio: 'inherit',
      }),
    nativeBinding,
    encryptedNativeBinding,
    onRestart: (message) => void showProblem(mainWindow, 'The database stopped', message),
  });
  app.on('will-quit', () => database.stop());

  const controller = createWorkspaceController({
    database,
    window: () => mainWindow,
    recentListFile: join(app.getPath('userData'), 'recent-workspaces.json'),
    documentsFolder: app.getPath('documents'),
    version: app.getVersion(),
    electronVersion: process.versions.electron,
    refreshMenu: (recent) =>
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(menuTemplate(controller.actions, { recent, development, mac: process.platform === 'darwin' })),
      ),
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(controller.actions, { recent: controller.recent(), development, mac: process.platform === 'darwin' }),
    ),
  );

  // Only the app's own window may call operations or save files; any other web contents is refused.
  const isOurWindow = (contents: WebContents) =>
    mainWindow !== undefined && !mainWindow.isDestroyed() && mainWindow.webContents === contents;
  bindChartExport({
    ipcMain,
    isTrustedPage: policy.isTrustedPage,
    isOurWindow,
    chooseTarget: (name, kind) => chooseChartTarget(mainWindow, name, kind, app.getPath('documents')),
  });
  bindReportExport({
    ipcMain,
    isTrustedPage: policy.isTrustedPage,
    isOurWindow,
    runOperation: (name, input) => database.runOperation(name, input),
    printPdf: printReportPdf,
    chooseTarget: (name, format) => chooseReportTarget(mainWindow, name, format, app.getPath('documents')),
  });
  bindFileImport({
    ipcMain,
    isTrustedPage: policy.isTrustedPage,
    isOurWindow,
    chooseFile: () => chooseImportFile(mainWindow, app.getPath('documents')),
    importFile: (file, input, onProgress, fileName) => database.importFile(file, input, onProgress, fileName),
    cancelImport: () => database.cancelImport(),
  });
  bindOperations({
    ipcMain,
    runOperation: async (name, input) => {
      const result = await database.runOperation(name, input);
      if (name === 'unlockWorkspace') controller.unlocked(result);
      return result;
    },
    isTrustedPage: policy.isTrustedPage,
    isOurWindow,
  });

  const opened = await controller.openAtStartup(
    chooseStartupWorkspaces({
      argv: process.argv,
      env: process.env,
      userData: app.getPath('userData'),
      recent: controller.recent(),
    }),
  );

  mainWindow = createMainWindow({ preloadFile: files.preloadFile, title: windowTitle(opened), development });
  mainWindow.on('closed', () => (mainWindow = undefined));
  // The only window a page may open is the presenter view (see network-lock.ts): put it on the other screen.
  mainWindow.webContents.on('did-create-window', (presenter) => mainWindow && placePresenterWindow(presenter, mainWindow));
  await mainWindow.loadURL(policy.entryUrl);
}

if (!app.requestSingleInstanceLock()) {
  // Another Chokepoint is running: it gets focus (below), this one leaves before opening anything.
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  // One window, one workspace: closing it ends the app on every platform.
  app.on('window-all-closed', () => app.quit());
  start().catch(async (error: unknown) => {
    console.error('Chokepoint could not start', error);
    await showProblem(mainWindow, 'Chokepoint could not start', (error as Error).message);
    app.exit(1);
  });
}
