import { describe, expect, it } from 'vitest';
import { awaitingCommissioning, facilityStatusOf, type StatusFacts } from '../../db/starter/facility-status';
import { starterWorkspace } from '../../db/starter/load';

const facts = (fields: Partial<StatusFacts>): StatusFacts => ({
  stage: 'separation',
  entity: 'Plant',
  metric: 'capacity_t_per_yr',
  unit: 't per year',
  year: 2025,
  statement: 'Plant has 1,000 t/yr of capacity.',
  ...fields,
});
const none = { compiledYear: 2026, awaitingCommissioning: new Set<string>() };

describe('facility status rules', () => {
  it('gives no status to claims that are not about one plant', () => {
    expect(facilityStatusOf(facts({ entity: null }), none)).toBeNull();
    expect(facilityStatusOf(facts({ stage: 'policy', metric: 'qualitative' }), none)).toBeNull();
    expect(facilityStatusOf(facts({ entity: 'MIIT mining quota', metric: 'quota_t' }), none)).toBeNull();
    expect(facilityStatusOf(facts({ metric: 'share_pct' }), none)).toBeNull();
  });

  it('reads under construction, then planned, from the words; else operating', () => {
    expect(
      facilityStatusOf(facts({ statement: 'The plant, due to commission in late 2026, is planned to output 600 t.' }), none),
    ).toBe('under_construction');
    expect(facilityStatusOf(facts({ statement: 'Work broke ground on an expansion.' }), none)).toBe('under_construction');
    expect(facilityStatusOf(facts({ statement: 'Commissioning remained scheduled for 2026.' }), none)).toBe('under_construction');
    expect(facilityStatusOf(facts({ unit: 't per year (planned, non-binding MoU)' }), none)).toBe('planned');
    expect(facilityStatusOf(facts({ statement: 'The company plans a second plant.' }), none)).toBe('planned');
    expect(facilityStatusOf(facts({ statement: 'A feasibility update projected 4,440 t a year.' }), none)).toBe('planned');
    expect(facilityStatusOf(facts({ year: 2028 }), none)).toBe('planned');
    expect(facilityStatusOf(facts({ statement: 'The plant fully commissioned its expansion.' }), none)).toBe('operating');
  });

  it('puts a facility whose commissioning is scheduled in or after the compilation year under construction', () => {
    const claims = [
      facts({ entity: 'Refinery', metric: 'scheduled_commissioning_year', year: 2027, unit: 'year' }),
      facts({ entity: 'Old plant', metric: 'scheduled_commissioning_year', year: 2019, unit: 'year' }),
    ];
    const context = { compiledYear: 2026, awaitingCommissioning: awaitingCommissioning(claims, 2026) };
    expect(facilityStatusOf(facts({ entity: 'Refinery', year: 2022 }), context)).toBe('under_construction');
    expect(facilityStatusOf(facts({ entity: 'Old plant', year: 2022 }), context)).toBe('operating');
  });
});

describe('facility statuses in the starter workspace', () => {
  const statusOf = Object.fromEntries(starterWorkspace().claims.map((c) => [c.id, c.facilityStatus]));

  it('assigns them by those rules', () => {
    expect(statusOf).toMatchObject({
      'sep-lynas-malaysia-10500': 'operating',
      'sep-huamei-107000': 'operating',
      'sep-iluka-eneabba-17500': 'under_construction',
      'sep-iluka-commissioning-2027': 'under_construction',
      'sep-caremag-lacq-600': 'under_construction',
      'met-zhongxin-antai-15000': 'under_construction',
      'ref-arafura-nolans-4440': 'planned',
      'mag-mp-10x-10000': 'planned',
      'mag-lynas-jslink-3000': 'planned',
      'met-lcm-330': 'planned',
      'mine-cn-quota-2024': null,
      'ref-iea-my-share-2030': null,
      'pol-export-controls-apr2025': null,
    });
  });

  it('states the rules beside the grading rules', () => {
    expect(starterWorkspace().grading).toMatch(/Facility statuses were also assigned by rule/);
  });
});
