import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OperationResult } from '../../db/operation-names';

/**
 * The preview's stand-in for the desktop save dialog: an exported chart is written into the folder
 * the host was started with, under the plain file name the app proposes (never a path).
 */
const plainName = /^[\w .()-]{1,120}\.(svg|png)$/;

export function saveExportedChart(folder: string, body: Record<string, unknown>): OperationResult {
  const { name, kind, data } = body;
  if (typeof name !== 'string' || !plainName.test(name) || !name.endsWith(`.${String(kind)}`))
    return { ok: false, error: { message: 'saveExport: name: must be a plain file name ending in .svg or .png', field: 'name' } };
  if (typeof data !== 'string' || data.length === 0)
    return { ok: false, error: { message: 'saveExport: data: must not be empty', field: 'data' } };
  const file = join(folder, name);
  writeFileSync(file, kind === 'png' ? Buffer.from(data, 'base64') : data);
  return { ok: true, value: { file } };
}
