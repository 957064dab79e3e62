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
let stateMedia: string;

function call<T>(name: string, input?: unknown): T {
  const result = executeOperation({ workspace }, name, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}
type ClaimFields = Partial<OperationInput<'createClaim'>> & { value: number };
function claim(fields: ClaimFields, sourceId = official): string {
  return call<{ id: string }>('createClaim', {
    statement: `${fields.entity ?? fields.country} ${fields.value}`,
    stage: 'separation',
    metric: 'capacity_t_per_yr',
    year: 2024,
    unit: 't/yr',
    citations: [{ sourceId }],
    ...fields,
  }).id;
}
const gap = (rules?: object, year = 2024) =>
  call<GapResult>('getGap', { stage: 'separation', metric: 'capacity_t_per_yr', year, ...(rules ? { rules } : {}) });

beforeEach(() => {
  workspace = createWorkspace(join(tempFolder(), 'model.sqlite'), { starter: false });
  official = call<{ id: string }>('createSource', {
    title: 'Statistics office',
    publisherType: 'government',
    reliability: 'B',
  }).id;
  trade = call<{ id: string }>('createSource', {
    title: 'Trade press',
    publisherType: 'news',
    reliability: 'C',
    published: '2025',
  }).id;
  stateMedia = call<{ id: string }>('createSource', { title: 'Xinhua', publisherType: 'state_media', reliability: 'D' }).id;
});
afterEach(() => workspace.close());

describe('the capacity model, worked by hand', () => {
  it('sums countries, and computes share, gap, ratio, HHI and top-3 share', () => {
    claim({ country: 'China', value: 600 });
    claim({ country: 'Australia', value: 300 });
    claim({ country: 'United States', value: 100 });
    const result = gap();
    expect(result.china).toEqual({ value: 600, low: 600, high: 600 });
    expect(result.exChina).toEqual({ value: 400, low: 400, high: 400 });
    expect(result.chinaShare).toBeCloseTo(0.6, 10);
    expect(result.gap).toBe(200);
    expect(result.ratio).toBeCloseTo(1.5, 10);
    // 60² + 30² + 10² on the 0–10,000 scale.
    expect(result.hhi).toBe(4600);
    expect(result.top3Share).toBeCloseTo(1, 10);
    expect(result.countries.map((c) => [c.country, c.value])).toEqual([
      ['China', 600],
      ['Australia', 300],
      ['United States', 100],
    ]);
  });

  it('carries ranges and conflicting figures into the band, counting each country once', () => {
    claim({ country: 'China', value: 600, valueLow: 550, valueHigh: 650 });
    const counted = claim({ country: 'Australia', value: 300 });
    const other = claim({ country: 'Australia', value: 330 }, trade);
    const result = gap();
    const australia = result.countries.find((c) => c.country === 'Australia')!;
    expect(australia).toMatchObject({ value: 300, low: 300, high: 330, claimIds: [counted], weak: true });
    expect(result.excluded).toEqual([
      { claimId: other, reason: expect.stringMatching(/is counted for the same country and year/) as unknown },
    ]);
    expect(result.china).toEqual({ value: 600, low: 550, high: 650 });
    // Low share: China's low against ex-China's high; high share the other way round.
    expect(result.chinaShareBand!.low).toBeCloseTo(550 / (550 + 330), 10);
    expect(result.chinaShareBand!.high).toBeCloseTo(650 / (650 + 300), 10);
  });

  it("uses the analyst's preferred claim over the better-graded one", () => {
    claim({ country: 'China', value: 600 });
    claim({ country: 'Australia', value: 300 });
    const preferred = claim({ country: 'Australia', value: 330 }, trade);
    call('setPreferredClaim', {
      groupKey: 'separation|capacity_t_per_yr|2024|australia',
      claimId: preferred,
      reason: 'Newer survey',
    });
    expect(gap().countries.find((c) => c.country === 'Australia')).toMatchObject({
      value: 330,
      low: 300,
      high: 330,
      claimIds: [preferred],
    });
  });

  it('converts kt and Mt to tonnes, and refuses to add figures that are not masses, naming the units', () => {
    claim({ country: 'China', value: 0.6, unit: 'kt/yr' });
    claim({ country: 'Australia', value: 0.0003, unit: 'Mt per year' });
    expect(gap().china.value).toBeCloseTo(600, 6);
    expect(gap().exChina.value).toBeCloseTo(300, 6);
    claim({ country: 'Japan', value: 5, unit: '% of world capacity' });
    const result = executeOperation({ workspace }, 'getGap', { stage: 'separation', metric: 'capacity_t_per_yr', year: 2024 });
    expect(result).toMatchObject({
      ok: false,
      error: { message: 'Cannot add unlike units: "% of world capacity" is not a mass in t, kt or Mt.' },
    });
  });

  it('never adds World to the countries: it is a cross-check of coverage', () => {
    claim({ country: 'China', value: 600 });
    claim({ country: 'Australia', value: 300 });
    const world = claim({ country: 'World', value: 1200 });
    const result = gap();
    expect(result.china.value + result.exChina.value).toBe(900);
    expect(result.worldTotal).toEqual({ value: 1200, claimIds: [world], coverage: 0.75 });
    expect(result.excluded.find((e) => e.claimId === world)!.reason).toMatch(/aggregate/);
  });

  it("uses a country's own figure instead of adding its facilities, and sums facilities where there is none", () => {
    claim({ country: 'China', value: 600 });
    const baotou = claim({ country: 'China', entity: 'Baotou plant', value: 200 });
    claim({ country: 'Malaysia', entity: 'Lynas Kuantan', value: 50 });
    claim({ country: 'Malaysia', entity: 'Second plant', value: 30 });
    const result = gap();
    expect(result.countries.find((c) => c.country === 'China')).toMatchObject({ value: 600, basis: 'country' });
    expect(result.countries.find((c) => c.country === 'Malaysia')).toMatchObject({ value: 80, basis: 'facilities' });
    expect(result.excluded.find((e) => e.claimId === baotou)!.reason).toMatch(
      /country figure .* is used; facility figures are not added/,
    );
  });

  it('applies the inclusion rules by name: reliability, credibility, state media and facility status', () => {
    claim({ country: 'China', value: 600 });
    const fromTrade = claim({ country: 'Australia', value: 300 }, trade);
    const relayed = claim({ country: 'China', entity: 'Gansu line', value: 11000 }, stateMedia);
    const planned = claim({ country: 'France', entity: 'La Rochelle', value: 500, facilityStatus: 'planned' });
    const reasons = (rules: object) => Object.fromEntries(gap(rules).excluded.map((e) => [e.claimId, e.reason]));
    expect(reasons({ minReliability: 'B' })[fromTrade]).toMatch(/graded C, below the minimum B/);
    expect(reasons({ excludeStateMediaOnly: true })[relayed]).toMatch(/rests only on state media/);
    expect(reasons({})[planned]).toMatch(/"Planned" does not count/);
    expect(gap({ statuses: ['operating', 'under_construction', 'planned'] }).countries.map((c) => c.country)).toContain('France');
    expect(gap({ minCredibility: 2 }).countries).toEqual([]);
  });

  it('computes no share when one side has no figure, so a gap in the evidence never reads as 0% or 100%', () => {
    claim({ country: 'Australia', value: 300 });
    const result = gap();
    expect(result).toMatchObject({ chinaShare: null, chinaShareBand: null, ratio: null, hhi: null, top3Share: null });
    expect(result.notes.join(' ')).toMatch(/No China figure is counted for 2024/);
    const overview = call<{ stages: GapResult[]; omitted: { stage: string; reason: string }[] }>('getStageOverview', {
      metric: 'capacity_t_per_yr',
    });
    expect(overview.stages).toEqual([]);
    expect(overview.omitted).toContainEqual({
      stage: 'separation',
      reason: 'no year with counted figures for both China and ex-China',
    });
  });

  it('sets published shares beside the computed one and flags a disagreement beyond the band', () => {
    claim({ country: 'China', value: 600 });
    claim({ country: 'Australia', value: 400 });
    const agrees = claim({ country: 'China', metric: 'share_pct', unit: '%', value: 60 });
    const disagrees = claim({ country: 'China', metric: 'share_pct', unit: '%', value: 91 }, trade);
    expect(gap().topDown.map((t) => [t.claimId, t.share, t.disagrees])).toEqual([
      [agrees, 0.6, false],
      [disagrees, 0.91, true],
    ]);
  });
});

describe('the capacity model on the starter workspace', () => {
  beforeEach(() => {
    workspace.close();
    workspace = createWorkspace(join(tempFolder(), 'starter.sqlite'), { starter: true });
  });

  it("counts Huaxing's 11,200 t/yr metal capacity only while state-media-only claims are included, and marks it weak", () => {
    const metals = (rules?: object) =>
      call<GapResult>('getGap', { stage: 'metals', metric: 'capacity_t_per_yr', year: 2025, ...(rules ? { rules } : {}) });
    // Huamei's 39,600 t/yr has no 2025 claim: it is carried forward from 2024 beside Huaxing's 11,200.
    expect(metals().china).toMatchObject({ value: 50800 });
    expect(metals().weak.china).toBe(true);
    expect(metals().countries.find((c) => c.country === 'China')).toMatchObject({
      claimIds: ['met-huaxing-11200', 'met-huamei-39600'],
      weak: true,
      carriedForward: [
        { claimId: 'met-huamei-39600', fromYear: 2024, value: 39600, facility: expect.stringMatching(/Huamei/) as unknown },
      ],
    });
    expect(metals({ excludeStateMediaOnly: true }).china.value).toBe(39600);
    expect(metals({ excludeStateMediaOnly: true }).excluded).toContainEqual({
      claimId: 'met-huaxing-11200',
      reason: expect.stringMatching(/state media/) as unknown,
    });
  });

  it('gives a time series and a stage overview', () => {
    const series = call<GapResult[]>('getGapSeries', { stage: 'mining', metric: 'production_t' });
    expect(series.map((s) => s.year)).toEqual([...series.map((s) => s.year)].sort());
    const y2024 = series.find((s) => s.year === 2024)!;
    expect(y2024.china.value).toBe(270000);
    const overview = call<{ stages: GapResult[] }>('getStageOverview', { metric: 'capacity_t_per_yr' });
    expect(overview.stages.map((s) => s.stage)).toContain('metals');
  });
});
