import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import type { z } from 'zod';
import { operations } from '../../db/api';
import { operationNames, type OperationName, type OperationResult } from '../../db/operation-names';
import { bindFileImport, bindOperations } from '../../electron/ipc';
import { importFileChannel, operationChannel } from '../../electron/ipc-channel';
import { MAX_INPUT_DEPTH } from '../../electron/ipc-limits';
import { createUrlPolicy } from '../../electron/url-policy';
import { leaves, looseSpots, objectShapeAt, objectsIn, smallestInput, withValue } from './schema-walk';

/**
 * Every operation of the table, called over IPC from our own page with input no form produces:
 * the wrong type, an unknown key, a required field left out, a string of a million characters, an
 * object nested ten thousand deep, 50 MB. Each must come back as { ok: false } with one clear
 * sentence naming the operation and the field, and never reach the database process. The list of
 * operations is read from db/operation-names.ts, so a new operation is covered (and must have a
 * strict, bounded schema) the day it is added.
 */
type Handler = (event: IpcMainInvokeEvent, name: unknown, input: unknown) => Promise<OperationResult>;

const policy = createUrlPolicy({ entryUrl: 'app://chokepoint/index.html' });
const runOperation = vi.fn((_name: string, input: unknown): Promise<OperationResult> =>
  Promise.resolve({ ok: true, value: { echoed: input } }),
);
let handler: Handler | undefined;
const ourWindow = {} as WebContents;
const mainFrame = { url: 'app://chokepoint/index.html', parent: null } as unknown as Electron.WebFrameMain;
(ourWindow as { mainFrame?: unknown }).mainFrame = mainFrame;
const trusted = { sender: ourWindow, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent;

let unbind: () => void = () => {};
beforeAll(() => {
  unbind = bindOperations({
    ipcMain: {
      handle: vi.fn((channel: string, listener: Handler) => {
        if (channel === operationChannel) handler = listener;
      }),
      removeHandler: vi.fn(),
    },
    runOperation,
    isTrustedPage: policy.isTrustedPage,
    isOurWindow: (contents) => contents === ourWindow,
  });
});
afterAll(() => unbind());

async function call(name: OperationName, input: unknown): Promise<OperationResult> {
  runOperation.mockClear();
  return handler!(trusted, name, input);
}

const schemaOf = (name: OperationName) => (operations[name] as { input: z.ZodType }).input;

/** Inputs the schema's types alone cannot describe: a rule across fields says what is needed. */
const validSamples: Partial<Record<OperationName, unknown>> = {
  saveRecipe: { name: 'x', recipe: { sourceId: 'x', columns: { value: 'V' } } },
  getReportSlides: { id: 'overview' },
  updateClaims: { ids: ['clm-1'], changes: { stage: 'mining' } },
};

function validSample(name: OperationName): unknown {
  return name in validSamples ? validSamples[name] : smallestInput(schemaOf(name));
}

/**
 * "Clear", as the analyst reads it: one line that starts with the operation's name, names the
 * field when there is one, says what is wrong in words (no "undefined", no "[object Object]"), no
 * stack trace, and short: a message never echoes a hostile value back at length.
 */
function expectClearRefusal(result: OperationResult, name: OperationName, field?: string): void {
  const context = `${name}${field ? ` (${field})` : ''}: ${JSON.stringify(result).slice(0, 300)}`;
  expect(result.ok, context).toBe(false);
  if (result.ok) return;
  const { message } = result.error;
  expect(typeof message, context).toBe('string');
  expect(message.length, context).toBeGreaterThan(name.length + 2);
  expect(message.length, context).toBeLessThanOrEqual(400);
  expect(message, context).not.toMatch(/\n|\bat .+:\d+:\d+|undefined|\[object Object\]|NaN/);
  expect(message.startsWith(`${name}: `), context).toBe(true);
  if (field !== undefined) {
    expect(result.error.field, context).toBe(field);
    expect(message, context).toContain(field);
  }
  expect(runOperation, context).not.toHaveBeenCalled();
}

const MILLION = 'x'.repeat(1_000_000);
const FIFTY_MB = 'x'.repeat(50 * 1024 * 1024);
/** The fields that carry a file's content, each with its own limit far above a million characters. */
const bulkFields: Partial<Record<OperationName, string[]>> = {
  attachArchive: ['text', 'base64'],
  previewImport: ['content'],
  runImport: ['content'],
};
const bulkOperations = new Set(Object.keys(bulkFields));

function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

describe('every operation refuses hostile input before it reaches the workspace', () => {
  it('has a strict, bounded input schema for every operation: no unknown keys, no string or list without a maximum', () => {
    const loose = Object.fromEntries(
      operationNames.map((name) => [name, looseSpots(schemaOf(name))] as const).filter(([, spots]) => spots.length > 0),
    );
    expect(loose).toEqual({});
  });

  it.each(operationNames.map((name) => [name]))('%s', async (name) => {
    const schema = schemaOf(name);
    const sample = validSample(name);
    // The starting point is itself accepted, so every refusal below is caused by the one change made.
    expect(schema.safeParse(sample).success, `${name}: add a valid input to validSamples in this test`).toBe(true);
    expect(await call(name, sample)).toMatchObject({ ok: true });
    expect(runOperation).toHaveBeenCalledOnce();

    for (const wrong of [42, 'text', [], null, true, MILLION]) expectClearRefusal(await call(name, wrong), name);

    for (const { path } of objectsIn(sample)) {
      const key = [...path, 'zzHostile'];
      expectClearRefusal(await call(name, withValue(sample, key, 1)), name, key.join('.'));
    }

    // Each field the smallest valid input holds, left out.
    for (const leaf of leaves(sample).filter((l) => l.path.length > 0)) {
      for (let cut = 1; cut <= leaf.path.length; cut++) {
        const path = leaf.path.slice(0, cut);
        if (typeof path[path.length - 1] === 'number') continue;
        const missing = withValue(sample, path, undefined);
        if (schema.safeParse(missing).success) continue; // optional after all (a default fills it)
        const result = await call(name, missing);
        expectClearRefusal(result, name);
        // The field itself, or (for a rule across fields) the object it belongs to or a message that names it.
        if (!result.ok)
          expect(
            result.error.field === path.join('.') ||
              (path.length > 1 && result.error.field === path.slice(0, -1).join('.')) ||
              new RegExp(`\\b${String(path[path.length - 1])}\\b`).test(result.error.message),
            `${name}: leaving out ${path.join('.')}: ${result.error.message}`,
          ).toBe(true);
      }
    }

    // Each string of the input a million characters long: in the sample, and each optional top-level text field.
    const strings = leaves(sample).filter((l) => typeof l.value === 'string');
    const shape = objectShapeAt(schema, sample) ?? {};
    for (const [key, child] of Object.entries(shape))
      if (!(sample as Record<string, unknown>)[key] && typeof smallestInput(child) === 'string')
        strings.push({ path: [key], value: '' });
    for (const { path } of strings) {
      const field = path.join('.');
      if (bulkFields[name]?.includes(field)) {
        // A file's content: a million characters is an ordinary file, so it must get through.
        expect(await call(name, withValue(sample, path, MILLION)), `${name}: ${field}`).toMatchObject({ ok: true });
      } else expectClearRefusal(await call(name, withValue(sample, path, MILLION)), name, field);
    }

    // Nesting that no form produces, and a message of 50 MB: refused by main before validation, at once.
    const deep = await call(name, { ...(sample as object), deep: nested(10_000) });
    expectClearRefusal(deep, name, 'deep');
    if (!deep.ok) expect(deep.error.message).toContain(`more than ${MAX_INPUT_DEPTH} levels`);
    const started = performance.now();
    const huge = await call(name, { ...(sample as object), huge: FIFTY_MB });
    expect(performance.now() - started, `${name}: refusing 50 MB`).toBeLessThan(250);
    expectClearRefusal(huge, name, 'huge');
    if (!huge.ok && !bulkOperations.has(name)) expect(huge.error.message).toContain('larger than 16 MB');
  });

  it('refuses an archived copy of more than 50 MB by its field, and lets one of 50 MB through', async () => {
    const text = { sourceId: 'src-1', kind: 'text' } as const;
    expect(await call('attachArchive', { ...text, text: FIFTY_MB })).toMatchObject({ ok: true });
    expectClearRefusal(await call('attachArchive', { ...text, text: `${FIFTY_MB}x` }), 'attachArchive', 'text');
  });

  it('refuses a 50 MB list or key as quickly as a 50 MB string, and an unknown operation by name', async () => {
    for (const input of [{ claimIds: Array.from({ length: 7_000_000 }, () => 1) }, { [FIFTY_MB]: 1 }]) {
      const started = performance.now();
      const result = await call('getChartSources', input);
      expect(performance.now() - started).toBeLessThan(250);
      expectClearRefusal(result, 'getChartSources');
      if (!result.ok) expect(result.error.message).toContain('larger than 16 MB');
    }
    runOperation.mockClear();
    const unknown = await handler!(trusted, 'x'.repeat(1_000_000), {});
    expect(unknown).toMatchObject({ ok: false, error: { field: 'operation' } });
    if (!unknown.ok) expect(unknown.error.message.length).toBeLessThan(120);
    expect(runOperation).not.toHaveBeenCalled();
  });

  it('refuses a file import request of 50 MB or nested too deep before looking at its token', async () => {
    let importHandler: ((event: IpcMainInvokeEvent, request: unknown) => Promise<OperationResult>) | undefined;
    const importFile = vi.fn(() => Promise.resolve({ ok: true, value: null } as OperationResult));
    const unbindImport = bindFileImport({
      ipcMain: {
        handle: vi.fn((channel: string, listener: never) => {
          if (channel === importFileChannel) importHandler = listener;
        }),
        removeHandler: vi.fn(),
      },
      isTrustedPage: policy.isTrustedPage,
      isOurWindow: (contents) => contents === ourWindow,
      chooseFile: () => Promise.resolve(undefined),
      importFile,
      cancelImport: () => Promise.resolve({ ok: true, value: null }),
    });
    const big = await importHandler!(trusted, { token: 't', recipe: { notes: FIFTY_MB } });
    expect(big).toMatchObject({
      ok: false,
      error: { field: 'recipe', message: expect.stringContaining('larger than 16 MB') as unknown },
    });
    const deep = await importHandler!(trusted, { token: 't', recipe: nested(1000) });
    expect(deep).toMatchObject({
      ok: false,
      error: { field: 'recipe', message: expect.stringContaining('levels deep') as unknown },
    });
    expect(importFile).not.toHaveBeenCalled();
    unbindImport();
  });
});
