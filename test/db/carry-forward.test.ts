import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeOperation, type OperationInput } from '../../db/api';
import type { GapResult } from '../../db/model/types';
import { createWorkspace } from '../../db/workspace/create';
import type { Workspace } from '../../db/workspace/open';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();
let workspace: Workspace;
let official: string;
let trade: string;

function call<T>(name: string, input?: unknown): T {
  const result = executeOperation({ workspace }, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}
type ClaimFields = Partial<OperationInput<'createClaim'>> & { value: number; year: number };
function claim(fields: ClaimFields, sourceId = official): string {
  return call<{ id: string }>('createClaim', {
    statement: `${fields.entity ?? fields.country} ${fields.value} in ${fields.year}`,
    stage: 'separation',
    metric: 'capacity_t_per_yr',
    unit: 't/yr',
    citations: [{ sourceId }],
    ...fields,
  }).id;
}
const plant = (entity: string, value: number, year: number, more: Partial<ClaimFields> = {}, sourceId = official) =>
  claim({ country: 'Australia', entity, value, year, facilityStatus: 'operating', ...more }, sourceId);
const gap = (year: number, rules?: object, metric = 'capacity_t_per_yr') =>
  call<GapResult>('getGap', { stage: 'separation', metric, year, ...(rules ? { rules } : {}) });
const australia = (result: GapResult) => result.countries.find((c) => c.country === 'Australia');

beforeEach(() => {
  workspace = createWorkspace(join(tempFolder(), 'carry.sqlite'), { starter: false });
  official = call<{ id: string }>('createSource', {
    title: 'Statistics office',
    publisherType: 'government',
    reliability: 'B',
  }).id;
  trade = call<{ id: string }>('createSource', { title: 'Trade press', publisherType: 'news', reliability: 'C' }).id;
  claim({ country: 'China', entity: 'Baotou', facilityStatus: 'operating', value: 600, year: 2024 });
  claim({ country: 'China', entity: 'Baotou', facilityStatus: 'operating', value: 650, year: 2025 });
});
afterEach(() => workspace.close());

describe('carry-forward of an operating facility’s capacity, worked by hand', () => {
  it('counts a facility with no claim for the year at its latest earlier capacity, marked with the year and claim', () => {
    plant('Plant A', 200, 2023);
    const latest = plant('Plant A', 300, 2024);
    const fresh = plant('Plant B', 50, 2025);
    const result = gap(2025);
    // 300 carried from 2024 (not 200 from 2023) plus Plant B's own 50.
    expect(result.exChina).toEqual({ value: 350, low: 350, high: 350 });
    expect(australia(result)).toMatchObject({
      value: 350,
      basis: 'facilities',
      claimIds: [fresh, latest],
      carriedForward: [{ claimId: latest, facility: 'Plant A', fromYear: 2024, value: 300 }],
    });
    expect(result.claimIds).toContain(latest);
    expect(result.notes).toContain(`Separation 2025: Plant A (Australia) 300 t/yr, carried forward from 2024, claim ${latest}.`);
    expect(result.notes.join(' ')).toMatch(
      /An operating facility with no capacity claim for a year keeps its latest earlier capacity/,
    );
  });

  it('carries the band and the conflict rule’s choice with it', () => {
    const counted = plant('Plant A', 300, 2024);
    plant('Plant A', 330, 2024, {}, trade);
    expect(australia(gap(2025))).toMatchObject({ value: 300, low: 300, high: 330, claimIds: [counted] });
  });

  it('stops at any claim for the facility in the year, even one these rules leave out', () => {
    plant('Plant A', 300, 2024);
    const planned = plant('Plant A', 900, 2025, { facilityStatus: 'planned' });
    const result = gap(2025);
    expect(australia(result)).toBeUndefined();
    expect(result.excluded).toContainEqual({
      claimId: planned,
      reason: 'facility status "Planned" does not count under these rules',
    });
  });

  it('never carries a figure that was not operating, nor one the rules leave out, nor production', () => {
    plant('Under construction', 400, 2024, { facilityStatus: 'under_construction' });
    plant('Trade-press plant', 70, 2024, {}, trade);
    plant('Mine output', 500, 2024, { metric: 'production_t', unit: 't' });
    claim({ country: 'China', value: 900, year: 2025, metric: 'production_t', unit: 't' });
    expect(
      australia(gap(2025, { statuses: ['operating', 'under_construction', 'planned'], minReliability: 'B' })),
    ).toBeUndefined();
    expect(australia(gap(2025))?.value).toBe(70);
    expect(australia(gap(2025, undefined, 'production_t'))).toBeUndefined();
  });

  it("gives way to a country's own figure for the year", () => {
    const carried = plant('Plant A', 300, 2024);
    claim({ country: 'Australia', value: 420, year: 2025 });
    const result = gap(2025);
    expect(australia(result)).toMatchObject({ value: 420, basis: 'country', carriedForward: [] });
    expect(result.excluded.find((e) => e.claimId === carried)?.reason).toMatch(
      /^carried forward from 2024, but Australia's country figure .* is used/,
    );
  });

  it('draws no year made only of carried figures, in the trend or the latest-year overview', () => {
    plant('Plant A', 300, 2024);
    plant('Plant B', 50, 2025);
    // 2026 holds only a planned claim, which the default rules leave out: every counted 2026 figure would be carried.
    plant('Plant C', 80, 2026, { facilityStatus: 'planned' });
    const series = call<GapResult[]>('getGapSeries', { stage: 'separation', metric: 'capacity_t_per_yr' });
    expect(series.map((r) => [r.year, r.china.value, r.exChina.value])).toEqual([
      [2024, 600, 300],
      [2025, 650, 350],
    ]);
    const overview = call<{ stages: GapResult[] }>('getStageOverview', { metric: 'capacity_t_per_yr' });
    expect(overview.stages.map((r) => [r.stage, r.year])).toEqual([['separation', 2025]]);
    // Asked for 2026 by name, the model answers, and every figure says it is carried.
    expect(gap(2026).countries.flatMap((c) => c.carriedForward.map((f) => f.fromYear))).toEqual([2025, 2024, 2025]);
  });
});
