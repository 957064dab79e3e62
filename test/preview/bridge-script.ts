import { operationNames } from '../../db/operation-names';

export const bridgeScriptPath = '/preview-bridge.js';
export const operationPath = '/api/operation';
export const exportPath = '/api/export';
export const reportExportPath = '/api/export-report';
export const importChoosePath = '/api/import/choose';
export const importRunPath = '/api/import/run';
export const importProgressPath = '/api/import/progress';
export const importCancelPath = '/api/import/cancel';
export const importPaths = [importChoosePath, importRunPath, importProgressPath, importCancelPath];

/**
 * The browser stand-in for electron/preload.ts: a classic script (it must run before the renderer's
 * module script) that defines window.chokepoint with one async function per operation and unwraps the
 * result envelope exactly as the preload does: the value, or an Error carrying only the message.
 * Generated from operationNames, so a new operation reaches the preview without touching this file.
 * With an exports folder, saveExport and exportReport stand in for the desktop save dialog: files land there.
 */
export function bridgeScript(withExports = false, withImports = false): string {
  // The big-file import: the prompt stands in for the desktop's open dialog (a plain name in the
  // host's imports folder), progress is polled a few times a second while the import runs.
  const importFile = withImports
    ? `
  const post = async (path, body) => {
    const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
    const result = await response.json();
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  bridge.chooseImportFile = async () => {
    const name = window.prompt('File to import: a file name in the imports folder of the preview host');
    return name ? post(${JSON.stringify(importChoosePath)}, { name }) : null;
  };
  bridge.importFile = async (request, onProgress) => {
    let polling = true;
    const poll = async () => {
      while (polling) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        if (!polling) break;
        try {
          const progress = await post(${JSON.stringify(importProgressPath)});
          if (polling && progress && onProgress) onProgress(progress);
        } catch {}
      }
    };
    void poll();
    try {
      return await post(${JSON.stringify(importRunPath)}, request);
    } finally {
      polling = false;
    }
  };
  bridge.cancelImport = () => post(${JSON.stringify(importCancelPath)});`
    : '';
  const saveExport = withExports
    ? `
  bridge.saveExport = async (file) => {
    const data = typeof file.data === 'string' ? file.data : btoa(Array.from(file.data, (byte) => String.fromCharCode(byte)).join(''));
    const response = await fetch(${JSON.stringify(exportPath)}, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: file.name, kind: file.kind, data }),
    });
    const result = await response.json();
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  bridge.exportReport = async (request) => {
    const response = await fetch(${JSON.stringify(reportExportPath)}, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    const result = await response.json();
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };`
    : '';
  return `'use strict';
(() => {
  const names = ${JSON.stringify(operationNames)};
  const call = (name) => async (input) => {
    const response = await fetch(${JSON.stringify(operationPath)}, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, input }),
    });
    const result = await response.json();
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const bridge = Object.fromEntries(names.map((name) => [name, call(name)]));${saveExport}${importFile}
  Object.defineProperty(window, 'chokepoint', { value: Object.freeze(bridge), enumerable: true });
})();
`;
}

/** Puts the bridge script into index.html ahead of the renderer's deferred module script. */
export function withBridgeScript(indexHtml: string): string {
  const tag = `<script src="${bridgeScriptPath}"></script>`;
  if (!indexHtml.includes('</head>')) throw new Error('out/renderer/index.html has no </head>: cannot add the preview bridge.');
  return indexHtml.replace('</head>', `  ${tag}\n  </head>`);
}
