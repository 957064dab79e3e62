import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeOperation, type OperationInput } from '../../db/api';
import type { PipelineResult } from '../../db/model/pipeline';
import type { GapResult } from '../../db/model/types';
import { createWorkspace } from '../../db/workspace/create';
import type { Workspace } from '../../db/workspace/open';
import { useTempFolder } from './temp-folder';

/**
 * The model remembers its figures until the workspace changes (db/model/model-cache.ts). What an
 * analyst would notice if that went wrong: a chart that keeps an old figure after an edit, an
 * import, or a change made by the CLI on the same file.
 */
const tempFolder = useTempFolder();
let workspace: Workspace;
let source: string;

function call<T>(name: string, input?: unknown): T {
  const result = executeOperation({ workspace }, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}
type ClaimFields = Partial<OperationInput<'createClaim'>> & { value: number; year: number; country: string };
const claim = (fields: ClaimFields) =>
  call<{ id: string }>('createClaim', {
    statement: `${fields.entity ?? fields.country} ${fields.value} in ${fields.year}`,
    stage: 'separation',
    metric: 'capacity_t_per_yr',
    unit: 't/yr',
    citations: [{ sourceId: source }],
    ...fields,
  }).id;
const gap = (year = 2025) => call<GapResult>('getGap', { stage: 'separation', metric: 'capacity_t_per_yr', year });

beforeEach(() => {
  workspace = createWorkspace(join(tempFolder(), 'cache.sqlite'), { starter: false });
  source = call<{ id: string }>('createSource', { title: 'Statistics office', publisherType: 'government', reliability: 'B' }).id;
  claim({ country: 'China', value: 900, year: 2025 });
  claim({ country: 'Australia', value: 100, year: 2025 });
});
afterEach(() => workspace.close());

describe('remembered model figures', () => {
  it('answers a repeated question with the same figures, and a changed claim with new ones', () => {
    const first = gap();
    expect(first.exChina.value).toBe(100);
    expect(gap()).toBe(first);

    const added = claim({ country: 'Canada', value: 50, year: 2025 });
    expect(gap().exChina.value).toBe(150);

    call('deleteClaim', { id: added });
    expect(gap().exChina.value).toBe(100);
  });

  it('follows a source regraded under the rules: the same claims, a different answer', () => {
    const strict = { stage: 'separation', metric: 'capacity_t_per_yr', year: 2025, rules: { minReliability: 'A' } };
    expect(call<GapResult>('getGap', strict).countries).toEqual([]);
    call('updateSource', { id: source, source: { title: 'Statistics office', publisherType: 'government', reliability: 'A' } });
    expect(call<GapResult>('getGap', strict).exChina.value).toBe(100);
  });

  it('sees a change committed by another connection to the same file (the CLI while the app is open)', () => {
    expect(gap().china.value).toBe(900);
    const other = new Database(workspace.file);
    other.prepare("UPDATE claims SET value = 1200 WHERE country = 'China'").run();
    other.close();
    expect(gap().china.value).toBe(1200);
  });

  it('forgets what it saw inside a transaction that was rolled back', () => {
    const db = workspace.db;
    expect(() =>
      db.transaction(() => {
        db.prepare("UPDATE claims SET value = 5000 WHERE country = 'China'").run();
        expect(gap().china.value).toBe(5000);
        throw new Error('the write failed');
      })(),
    ).toThrow('the write failed');
    expect(gap().china.value).toBe(900);
  });

  it('hands out figures no caller can edit for the next one', () => {
    const result = gap();
    expect(() => {
      (result.countries as { value: number }[])[0]!.value = 1;
    }).toThrow(TypeError);
    expect(gap().countries[0]!.value).toBe(900);
  });

  it('keeps the pipeline current after a facility is added', () => {
    const pipeline = () =>
      call<PipelineResult>('getPipeline', { stage: 'separation', metric: 'capacity_t_per_yr' }).stages[0]!.facilities;
    expect(pipeline()).toEqual([]);
    claim({ country: 'Australia', entity: 'Plant A', facilityStatus: 'operating', value: 40, year: 2024 });
    expect(pipeline().map((f) => f.name)).toEqual(['Plant A']);
  });
});
