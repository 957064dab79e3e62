import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeOperation } from '../../db/api';
import { exportWorkspaceJson } from '../../db/export/workspace-json';
import type { WorkspaceFile } from '../../db/export/workspace-format';
import type { ImportReport } from '../../db/import/run-import';
import type { OperationResult } from '../../db/operation-names';
import { createWorkspace } from '../../db/workspace/create';
import type { Workspace } from '../../db/workspace/open';
import { expectClearMessage, fingerprint, runs } from './hostile-workspace';
import { useTempFolder } from './temp-folder';

/**
 * Workspace files from anywhere: random text, random JSON, and a real export (the starter's) with
 * one thing changed, removed or added anywhere in it. Imported into a real, empty workspace, each
 * either lands whole or is refused with every problem named by its place in the file, and a
 * refused import changes nothing. What Chokepoint exports (whatever text the analyst wrote) imports
 * into another workspace and exports again the same.
 */
const tempFolder = useTempFolder();
const EXPORTED_AT = new Date('2026-01-01T00:00:00.000Z');

let starterFile: string;
let target: Workspace;
beforeAll(() => {
  const starter = createWorkspace(join(tempFolder(), 'starter.sqlite'), { starter: true });
  starterFile = exportWorkspaceJson(starter.db, EXPORTED_AT);
  starter.db.close();
  target = createWorkspace(join(tempFolder(), 'target.sqlite'), { starter: false, name: 'Target' });
});
afterAll(() => target.db.close());

/**
 * Runs `work` on the target inside a savepoint that is always rolled back, so a committed import
 * does not change the workspace the next run starts from (the import's own transaction nests in it).
 */
function onTarget<T>(work: (workspace: Workspace) => T): T {
  target.db.exec('SAVEPOINT probe');
  try {
    return work(target);
  } finally {
    target.db.exec('ROLLBACK TO probe; RELEASE probe');
  }
}

/** Imports `content` and checks the outcome: refused cleanly and nothing written, or whole. */
function importChecked(content: string, context: string): ImportReport | undefined {
  return onTarget((workspace) => {
    const before = fingerprint(workspace.db);
    const result: OperationResult = executeOperation({ workspace }, 'runImport', {
      format: 'json',
      content,
      fileName: 'hostile.json',
    });
    if (!result.ok) {
      expectClearMessage(result.error.message, /file|field|content|import/i, context);
      expect(fingerprint(workspace.db), context).toEqual(before);
      return undefined;
    }
    const report = result.value as ImportReport;
    expect(report.errorCount).toBeGreaterThanOrEqual(report.errors.length);
    for (const problem of report.errors) {
      // Each problem placed: a path in the file ("claims.3.value"), or a message about the file as a whole.
      expect(problem.column !== '' || /file|JSON/.test(problem.message), `${context}: ${problem.message}`).toBe(true);
      expectClearMessage(problem.message, /./, `${context} at ${problem.column}`);
    }
    if (!report.committed) {
      expect(report.errorCount, context).toBeGreaterThan(0);
      expect(report.imported, context).toBe(0);
      expect(fingerprint(workspace.db), context).toEqual(before);
    } else {
      const after = fingerprint(workspace.db);
      expect(after.claims - before.claims, context).toBe(report.imported);
      expect(after.audit, context).toBeGreaterThan(before.audit);
    }
    return report;
  });
}

describe('importing hostile workspace files', { timeout: 60_000 }, () => {
  it('imports the starter export whole (the base the mutations start from)', () => {
    const report = importChecked(starterFile, 'starter');
    expect(report).toMatchObject({ committed: true, errorCount: 0 });
    expect(report!.imported).toBe((JSON.parse(starterFile) as WorkspaceFile).claims.length);
  });

  it('refuses random text and random JSON with a clear reason, writing nothing', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '\n', 'a', '1', '\ufeff', ' '), maxLength: 80 }),
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null'),
      fc
        .record(
          {
            format: fc.constantFrom('chokepoint-workspace', 'chokepoint', 1),
            version: fc.constantFrom(1, 2, '1'),
            sources: fc.jsonValue({ maxDepth: 2 }),
            claims: fc.jsonValue({ maxDepth: 2 }),
            recipes: fc.jsonValue({ maxDepth: 2 }),
            assessments: fc.jsonValue({ maxDepth: 2 }),
          },
          { requiredKeys: ['format', 'version'] },
        )
        .map((value) => JSON.stringify(value)),
    );
    fc.assert(
      fc.property(text, (content) => {
        importChecked(content, JSON.stringify(content.slice(0, 200)));
      }),
      { numRuns: runs(150) },
    );
  });

  it('imports a real export with any one thing changed, removed or added either whole or not at all', () => {
    const base = JSON.parse(starterFile) as Record<string, unknown>;
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...path, index]));
      else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    };
    walk(base, []);
    const junk = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(
        null,
        '',
        ' ',
        -1,
        0,
        1e308,
        2.5,
        'x'.repeat(30_000),
        'undefined',
        '[object Object]',
        '__proto__',
        '2025-13-45',
        'src-does-not-exist',
        { __proto__: { polluted: true } },
        [],
        {},
      ),
    );
    const change = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), value: junk }),
      fc.record({ kind: fc.constant('remove' as const) }),
      fc.record({ kind: fc.constant('add' as const), key: fc.constantFrom('zzHostile', '__proto__', 'constructor', 'id') }),
      fc.record({ kind: fc.constant('duplicate' as const) }),
    );
    fc.assert(
      fc.property(fc.nat({ max: paths.length - 1 }), change, (index, how) => {
        const file = structuredClone(base);
        const path = paths[index]!;
        const parent = path.slice(0, -1).reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], file) as
          Record<string | number, unknown> | undefined;
        const here = path.length === 0 ? file : parent![path[path.length - 1]!];
        const key = path[path.length - 1];
        if (how.kind === 'set' && parent && key !== undefined) parent[key] = how.value;
        else if (how.kind === 'remove' && parent && key !== undefined) {
          if (Array.isArray(parent)) parent.splice(key as number, 1);
          else delete parent[key];
        } else if (how.kind === 'add' && here && typeof here === 'object' && !Array.isArray(here))
          Object.defineProperty(here, how.key, { value: 'x', enumerable: true, configurable: true, writable: true });
        else if (how.kind === 'duplicate' && Array.isArray(parent)) parent.push(structuredClone(here));
        const context = `${how.kind} at ${path.join('.')}`;
        importChecked(JSON.stringify(file), context);
      }),
      { numRuns: runs(40) },
    );
  });

  it('refuses a file nested a hundred thousand levels deep, or with an unknown key holding deep nesting', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (const content of [
      deep,
      `{"format":"chokepoint-workspace","version":1,"zz":${deep}}`,
      starterFile.replace('{', `{"zz":${deep},`),
    ]) {
      const report = importChecked(content, content.slice(0, 40));
      expect(report?.committed).toBe(false);
    }
  });
});

describe('exporting and importing any text the analyst wrote', { timeout: 60_000 }, () => {
  let source: Workspace;
  beforeAll(() => {
    source = createWorkspace(join(tempFolder(), 'source.sqlite'), { starter: false, name: 'Source' });
  });
  afterAll(() => source.db.close());

  const words = fc.string({
    unit: fc.oneof(
      fc.constantFrom('"', "'", '\\', '\n', '\r\n', '\t', ',', ';', '=', '<', '>', '&', '\u2028', '😀', 'é', ' '),
      fc.string({ unit: 'grapheme', maxLength: 2 }),
    ),
    minLength: 1,
    maxLength: 30,
  });
  const text = words.filter((s) => s.trim().length > 0);

  it('imports what it exports and exports it again unchanged, whatever the text', () => {
    const pick = (file: WorkspaceFile) => ({
      sources: file.sources,
      archives: file.archives,
      claims: file.claims,
      preferences: file.preferences,
      recipes: file.recipes,
      countrySides: file.countrySides,
    });
    fc.assert(
      fc.property(
        fc.array(fc.record({ title: text, notes: fc.option(text, { nil: null }), publisher: fc.option(text, { nil: null }) }), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.array(
          fc.record({
            statement: text,
            country: fc.option(text, { nil: null }),
            tags: fc.array(text, { maxLength: 3 }),
            excerpt: fc.option(text, { nil: null }),
          }),
          { maxLength: 4 },
        ),
        fc.option(text, { nil: undefined }),
        (sources, claims, archived) => {
          source.db.exec('SAVEPOINT authored');
          try {
            const call = (name: string, input: unknown) => {
              const result = executeOperation({ workspace: source }, name, input);
              if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
              return result.value as { id: string };
            };
            const ids = sources.map((s) => call('createSource', { ...s, publisherType: 'government' }).id);
            claims.forEach((c, i) =>
              call('createClaim', {
                statement: c.statement,
                country: c.country,
                tags: c.tags.filter((t) => t.trim().length <= 60),
                citations: [{ sourceId: ids[i % ids.length], excerpt: c.excerpt }],
              }),
            );
            if (archived) call('attachArchive', { sourceId: ids[0], kind: 'text', text: archived });
            const exported = exportWorkspaceJson(source.db, EXPORTED_AT);
            const again = onTarget((workspace) => {
              const result = executeOperation({ workspace }, 'runImport', { format: 'json', content: exported });
              expect(result).toMatchObject({ ok: true, value: { committed: true, errorCount: 0 } });
              return exportWorkspaceJson(workspace.db, EXPORTED_AT);
            });
            expect(pick(JSON.parse(again) as WorkspaceFile)).toEqual(pick(JSON.parse(exported) as WorkspaceFile));
          } finally {
            source.db.exec('ROLLBACK TO authored; RELEASE authored');
          }
        },
      ),
      { numRuns: runs(25) },
    );
  });
});
