import chartsStylesheet from '../renderer/charts/charts.css?raw';
import themeStylesheet from '../renderer/styles/theme.css?raw';
import { useChartStylesheets } from '../db/cli/chart/render-file';
import { connect, useEncryptedNativeBinding, useNativeBinding } from '../db/workspace/sqlite';
import type {
  DatabaseProgressMessage,
  DatabaseRequestMessage,
  DatabaseStartMessage,
  DatabaseStatusMessage,
  DatabaseReplyMessage,
} from './database-messages';
import { createDatabaseService, type DatabaseService } from './database-service';

/**
 * Entry of the Electron utility process that owns SQLite, so a slow query or an integrity check
 * never freezes the window. The first message from main names the Electron build of better-sqlite3;
 * every later one is a request answered with a reply carrying the same id.
 */
const port = process.parentPort;
// Reports draw charts here; the packaged app has no renderer/ folder to read their stylesheets from.
useChartStylesheets({ charts: chartsStylesheet, theme: themeStylesheet });
let service: DatabaseService | undefined;

function send(message: DatabaseReplyMessage | DatabaseProgressMessage | DatabaseStatusMessage): void {
  port.postMessage(message);
}

port.on('message', ({ data }: { data: DatabaseStartMessage | DatabaseRequestMessage }) => {
  if (!service) {
    const start = data as DatabaseStartMessage;
    try {
      useNativeBinding(start.nativeBinding);
      // Not loaded now: a missing build only stops encrypted workspaces, with a message saying so.
      useEncryptedNativeBinding(start.encryptedNativeBinding);
      // Load the binary now, so a wrong build is reported at start-up rather than on first open.
      connect(':memory:').close();
      service = createDatabaseService();
      send({ status: 'ready' });
    } catch (error) {
      send({ status: 'failed', message: (error as Error).message });
    }
    return;
  }
  const { id, request } = data as DatabaseRequestMessage;
  if (request.kind === 'importFile') {
    // Runs a chunk per turn of the event loop, so this handler keeps answering (a Cancel above all).
    void service.startImport(request, (progress) => send({ id, progress })).then((result) => send({ id, result }));
    return;
  }
  send({ id, result: service.answer(request) });
});

// Close the workspace cleanly (WAL checkpoint) when main stops the process.
process.on('SIGTERM', () => {
  service?.close();
  process.exit(0);
});
