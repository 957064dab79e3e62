import { executeOperation, failureResult } from '../db/api';
import { UserError } from '../db/errors';
import type { OperationResult } from '../db/operation-names';
import { exportWorkspaceToFile } from '../db/export/export-file';
import { saveWorkspaceCopy } from '../db/workspace/copy';
import { createWorkspace } from '../db/workspace/create';
import { openWorkspace, type Workspace } from '../db/workspace/open';
import { existsSync } from 'node:fs';
import type { DatabaseRequest, OpenWorkspaceInfo } from './database-messages';

/**
 * Holds the one open workspace of the database process and answers main's requests. Plain Node (no
 * Electron), so tests run it against real files. A workspace replaces the open one only once it has
 * opened cleanly: a damaged file leaves the previous workspace open and is itself never written to.
 */
export function createDatabaseService() {
  let workspace: Workspace | undefined;

  function describe(open: Workspace): OpenWorkspaceInfo {
    const summary = executeOperation({ workspace: open }, 'getWorkspaceSummary', {});
    const name = summary.ok ? (summary.value as { name: string }).name : open.file;
    return { file: open.file, name };
  }

  function switchTo(next: Workspace): OpenWorkspaceInfo {
    if (workspace && workspace !== next) workspace.close();
    workspace = next;
    return describe(next);
  }

  function current(): Workspace {
    if (!workspace) throw new UserError('No workspace is open: use File ▸ Open… or File ▸ New workspace.', 'workspace');
    return workspace;
  }

  function handle(request: DatabaseRequest): OperationResult {
    switch (request.kind) {
      case 'open': {
        if (request.createWithStarter && !existsSync(request.file)) {
          return { ok: true, value: switchTo(createWorkspace(request.file, { starter: true })) };
        }
        return { ok: true, value: switchTo(openWorkspace(request.file)) };
      }
      case 'create':
        return {
          ok: true,
          value: switchTo(
            createWorkspace(request.file, { starter: request.starter, ...(request.name ? { name: request.name } : {}) }),
          ),
        };
      case 'operation':
        return executeOperation({ workspace: current() }, request.name, request.input);
      case 'saveCopy':
        saveWorkspaceCopy(current(), request.target);
        return { ok: true, value: { file: request.target } };
      case 'export':
        exportWorkspaceToFile(current().db, request.format, request.target);
        return { ok: true, value: { file: request.target } };
      case 'current':
        return { ok: true, value: workspace ? describe(workspace) : null };
    }
  }

  return {
    /** Never throws: a user error becomes a message to show, anything else a message naming the bug. */
    answer(request: DatabaseRequest): OperationResult {
      try {
        return handle(request);
      } catch (error) {
        return failureResult(error, `the database request ${request.kind}`);
      }
    },
    close(): void {
      workspace?.close();
      workspace = undefined;
    },
  };
}

export type DatabaseService = ReturnType<typeof createDatabaseService>;
