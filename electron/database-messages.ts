import type { ExportFormat } from '../db/export/export-workspace';
import type { ImportProgress } from '../db/import/csv-import-job';
import type { OperationName, OperationResult } from '../db/operation-names';

/** What main asks of the database process, one message per request, matched back by `id`. */
export type DatabaseRequest =
  /** Opens a workspace; with `createWithStarter`, a missing file is created with the starter data. */
  /**
   * `passphrase` opens an encrypted workspace (or encrypts a new one). It lives only in the database
   * process's memory while that workspace is open, and is never logged or stored.
   */
  | { kind: 'open'; file: string; createWithStarter?: boolean; passphrase?: string }
  | { kind: 'create'; file: string; starter: boolean; name?: string; passphrase?: string }
  | { kind: 'operation'; name: OperationName; input: unknown }
  | { kind: 'saveCopy'; target: string }
  /** File ▸ Export: the workspace JSON (lossless) or claims CSV, written by the database process. */
  | { kind: 'export'; format: ExportFormat; target: string }
  | { kind: 'current' }
  /**
   * A long import read from a file by path (main chose it in a dialog): runs a chunk at a time,
   * sends progress messages with the request's id, and ends with its reply.
   */
  | { kind: 'importFile'; file: string; input: unknown; fileName?: string }
  /** Stops the running import (it rolls back); answered at once. */
  | { kind: 'cancelImport' };

/** The workspace now open in the database process, as the window title and recent list need it. */
export interface OpenWorkspaceInfo {
  file: string;
  name: string;
}

export interface DatabaseRequestMessage {
  id: number;
  request: DatabaseRequest;
}

export interface DatabaseReplyMessage {
  id: number;
  result: OperationResult;
}

/** Progress of a running importFile request, at most about ten a second. */
export interface DatabaseProgressMessage {
  id: number;
  progress: ImportProgress;
}

/** Sent once by the process when it is ready for requests, or when it cannot start at all. */
export type DatabaseStatusMessage = { status: 'ready' } | { status: 'failed'; message: string };

/** The first message main sends: where the Electron build of better-sqlite3 is. */
export interface DatabaseStartMessage {
  nativeBinding: string;
  /** The Electron build of better-sqlite3-multiple-ciphers, loaded only when an encrypted workspace opens. */
  encryptedNativeBinding?: string;
}
