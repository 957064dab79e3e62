import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeOperation, type OperationInput } from '../../db/api';
import type { PipelineResult, PipelineStage } from '../../db/model/pipeline';
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
    unit: 't/yr',
    year: 2025,
    citations: [{ sourceId }],
    ...fields,
  }).id;
}
const pipeline = (rules?: object) =>
  call<PipelineResult>('getPipeline', { metric: 'capacity_t_per_yr', ...(rules ? { rules } : {}) });
const separation = (rules?: object): PipelineStage => pipeline(rules).stages.find((s) => s.stage === 'separation')!;
const facility = (stage: PipelineStage, name: string) => stage.facilities.find((f) => f.name === name);

let ids: Record<string, string>;

beforeEach(() => {
  workspace = createWorkspace(join(tempFolder(), 'pipeline.sqlite'), { starter: false });
  official = call<{ id: string }>('createSource', {
    title: 'Statistics office',
    publisherType: 'government',
    reliability: 'B',
    published: '2025',
  }).id;
  trade = call<{ id: string }>('createSource', {
    title: 'Trade press',
    publisherType: 'news',
    reliability: 'C',
    published: '2025',
  }).id;
  stateMedia = call<{ id: string }>('createSource', { title: 'Xinhua', publisherType: 'state_media', reliability: 'D' }).id;
  const operating = { facilityStatus: 'operating' as const };
  ids = {
    china: claim({ country: 'China', value: 1000 }),
    chinaPlant: claim({ country: 'China', entity: 'Baotou', value: 600, year: 2024, ...operating }),
    plantA2024: claim({ country: 'Australia', entity: 'Plant A', value: 300, year: 2024, ...operating }),
    plantA: claim({ country: 'Australia', entity: 'Plant A', value: 320, ...operating }),
    plantAOther: claim({ country: 'Australia', entity: 'Plant A', value: 350, ...operating }, trade),
    plantB: claim({ country: 'United States', entity: 'Plant B', value: 100, year: 2023, ...operating }),
    relayed: claim({ country: 'Canada', entity: 'Relayed plant', value: 40, ...operating }, stateMedia),
    refinery: claim({ country: 'Australia', entity: 'Refinery C', value: 200, year: 2022, facilityStatus: 'under_construction' }),
    commissioning2027: claim({
      country: 'Australia',
      entity: 'Refinery C',
      metric: 'scheduled_commissioning_year',
      unit: 'year',
      value: 2027,
      year: 2027,
      facilityStatus: 'under_construction',
    }),
    commissioning2028: claim(
      {
        country: 'Australia',
        entity: 'Refinery C',
        metric: 'scheduled_commissioning_year',
        unit: 'year',
        value: 2028,
        year: 2028,
        facilityStatus: 'under_construction',
      },
      trade,
    ),
    planD: claim({ country: 'France', entity: 'Plan D', value: 150, year: 2029, facilityStatus: 'planned' }, trade),
    mouE: claim({ country: 'Malaysia', entity: 'MoU E', value: 50, year: 2025, facilityStatus: 'planned' }, trade),
  };
});
afterEach(() => workspace.close());

describe('the ex-China pipeline, worked by hand', () => {
  it('places each ex-China facility once, by status and start year, with its band, grades and claims', () => {
    const stage = separation();
    expect(stage.facilities.map((f) => [f.name, f.status, f.startYear, f.capacity.value])).toEqual([
      ['Plant B', 'operating', 2023, 100],
      ['Plant A', 'operating', 2025, 320],
      ['Relayed plant', 'operating', 2025, 40],
      ['Refinery C', 'under_construction', 2027, 200],
      ['Plan D', 'planned', 2029, 150],
      ['MoU E', 'planned', null, 50],
    ]);
    // China's own facilities never enter the ex-China pipeline.
    expect(facility(stage, 'Baotou')).toBeUndefined();
    expect(facility(stage, 'Plant A')).toMatchObject({
      country: 'Australia',
      capacityYear: 2025,
      // The trade press's 350 loses to the better-graded 320, widens the band and makes the figure contested.
      capacity: { value: 320, low: 320, high: 350 },
      startYearBasis: 'capacity claim',
      grades: ['B6', 'C6'],
      independentOrigins: 1,
      weak: true,
      claimIds: [ids.plantA],
    });
    expect(stage.excluded).toContainEqual({
      claimId: ids.plantA2024,
      reason: `${ids.plantA} gives this facility's capacity for 2025, the latest it has`,
    });
    expect(stage.excluded.find((e) => e.claimId === ids.plantAOther)?.reason).toMatch(/the difference widens the band/);
    expect(facility(stage, 'Relayed plant')).toMatchObject({ weak: true, grades: ['D6'] });
  });

  it('takes the start year from a commissioning claim, the conflict rule choosing and the others widening the range', () => {
    const stage = separation();
    expect(facility(stage, 'Refinery C')).toMatchObject({
      startYear: 2027,
      startYearBasis: 'commissioning claim',
      startYearRange: { low: 2027, high: 2028 },
      claimIds: [ids.refinery, ids.commissioning2027],
      grades: ['B6'],
    });
    expect(stage.excluded.find((e) => e.claimId === ids.commissioning2028)?.reason).toMatch(
      /sets the start year \(best-graded source, then newest\); this one widens the range to 2027–2028/,
    );
  });

  it("uses a plan's own year only when it is later than its source was published", () => {
    const stage = separation();
    // Published 2025 about 2029: a forward date. Published 2025 about 2025: when the MoU was reported.
    expect(facility(stage, 'Plan D')).toMatchObject({ startYear: 2029, startYearBasis: 'capacity claim' });
    expect(facility(stage, 'MoU E')).toMatchObject({ startYear: null, startYearBasis: 'not stated' });
    expect(stage.notes).toContain(
      'Separation: 1 facility has no stated start year and is listed but not added to the cumulative line (50 t/yr).',
    );
  });

  it('sums ex-China capacity from the base year as facilities start, against China held flat', () => {
    const stage = separation();
    expect(stage.baseYear).toBe(2025);
    expect(
      stage.cumulative.map((s) => [s.year, s.operating.value, s.underConstruction.value, s.planned.value, s.total.value]),
    ).toEqual([
      // Plant A 320 + Plant B 100 + the relayed plant 40.
      [2025, 460, 0, 0, 460],
      [2027, 460, 200, 0, 660],
      [2029, 460, 200, 150, 810],
    ]);
    expect([...stage.cumulative[1]!.claimIds].sort()).toEqual(
      [ids.plantA, ids.plantB, ids.relayed, ids.refinery, ids.commissioning2027].sort(),
    );
    // China's own 2025 figure wins over Baotou's facility figure carried from 2024.
    expect(stage.china).toMatchObject({ year: 2025, value: 1000, claimIds: [ids.china] });
    expect(stage.notes.join(' ')).toMatch(/China is the gap model’s total for 2025 .*1,000 t\/yr.*held flat/);
  });

  it('applies the inclusion rules, naming what they leave out', () => {
    const operatingOnly = separation({ statuses: ['operating'], excludeStateMediaOnly: true });
    expect(operatingOnly.facilities.map((f) => f.name)).toEqual(['Plant B', 'Plant A']);
    expect(operatingOnly.cumulative.map((s) => [s.year, s.total.value])).toEqual([[2025, 420]]);
    expect(operatingOnly.excluded).toContainEqual({
      claimId: ids.planD,
      reason: 'facility status "Planned" does not count under these rules',
    });
    expect(operatingOnly.excluded).toContainEqual({
      claimId: ids.relayed,
      reason: 'it rests only on state media, which these rules exclude',
    });
  });

  it('names the stages with no ex-China facility claims, and refuses a metric other than capacity', () => {
    expect(pipeline().omitted).toContainEqual({ stage: 'metals', reason: 'no ex-China facility capacity claims' });
    expect(pipeline().stages.map((s) => s.stage)).toEqual(['separation']);
    const result = executeOperation({ workspace }, 'getPipeline', { metric: 'production_t' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/metric/);
  });
});

describe('the pipeline on the starter workspace', () => {
  beforeEach(() => {
    workspace.close();
    workspace = createWorkspace(join(tempFolder(), 'starter.sqlite'), { starter: true });
  });

  it('shows separation’s ex-China pipeline against China’s 352,000 t/yr', () => {
    const stage = separation();
    expect(stage.china).toMatchObject({ year: 2025, value: 352000 });
    expect(stage.cumulative.map((s) => [s.year, s.total.value])).toEqual([
      [2025, 28500],
      [2026, 46600],
    ]);
    expect(stage.facilities.find((f) => f.name.startsWith('Iluka'))).toMatchObject({
      status: 'under_construction',
      startYear: 2026,
      startYearRange: { low: 2026, high: 2027 },
    });
  });
});
