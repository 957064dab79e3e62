import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeGap } from '../../db/model/gap';
import { computePipeline } from '../../db/model/pipeline';
import type { HypotheticalFigure } from '../../db/model/types';
import type { ScenarioComparison } from '../../db/score/engine/operations';
import type { Sensitivity } from '../../db/score/engine/sensitivity';
import type { FactorResult, ScoreReport, StageScore, SupplyRiskResult } from '../../db/score/types';
import { baseTables, scoreFixture, type ScoreFixture } from './fixtures/score-workspace';
import { useTempFolder } from './temp-folder';

/** Scenarios on the hand-worked fixture: China 600 (550–650), Australia 300, United States 100 in 2024. */
const tempFolder = useTempFolder();
let fixture: ScoreFixture;

beforeEach(() => {
  fixture = scoreFixture(tempFolder());
});
afterEach(() => fixture.workspace.close());

const texas: HypotheticalFigure = {
  stage: 'separation',
  country: 'United States',
  name: 'Texas plant',
  capacity: 400,
  status: 'operating',
  startYear: 2024,
};
const gap = (hypothetical: HypotheticalFigure[], year = 2024, rules = {}) =>
  computeGap(fixture.workspace.db, { stage: 'separation', metric: 'capacity_t_per_yr', year, rules, hypothetical });
const separation = (report: ScoreReport) => report.stages.find((s) => s.stage === 'separation')!;
const factor = (stage: StageScore, name: string) => stage.factors.find((f) => f.name === name) as FactorResult;

describe('hypothetical facilities in the capacity model', () => {
  it("adds a scenario's facility to its country's figure, never to the claims behind it", () => {
    const result = gap([texas, { ...texas, name: 'Kuantan 2', country: 'Malaysia', capacity: 100 }]);
    expect(result.countries.map((c) => [c.country, c.value])).toEqual([
      ['China', 600],
      // The United States' own figure (100) plus the hypothetical 400: new capacity by definition.
      ['United States', 500],
      ['Australia', 300],
      ['Malaysia', 100],
    ]);
    expect(result.chinaShare).toBeCloseTo(600 / 1500, 12);
    expect(result.claimIds).toEqual([fixture.ids.china, fixture.ids.unitedStates, fixture.ids.australia]);
    expect(result.countries.find((c) => c.country === 'Malaysia')).toMatchObject({
      claimIds: [],
      hypothetical: [{ name: 'Kuantan 2', value: 100, startYear: 2024 }],
    });
    expect(result.notes).toContain(
      'Scenario: hypothetical "Texas plant" (United States, +400 t/yr, operating from 2024) is counted; it is not a claim.',
    );
  });

  it('counts it only from its start year, under a counted status, and a cut never below zero', () => {
    expect(gap([{ ...texas, startYear: 2026 }]).exChina.value).toBe(400);
    expect(gap([{ ...texas, status: 'under_construction' }]).exChina.value).toBe(400);
    expect(
      gap([{ ...texas, status: 'under_construction' }], 2024, { statuses: ['operating', 'under_construction'] }).exChina.value,
    ).toBe(800);
    expect(gap([{ ...texas, capacity: -250 }]).countries.find((c) => c.country === 'United States')!.value).toBe(0);
    expect(gap([]).notes.some((n) => n.startsWith('Scenario'))).toBe(false);
  });

  it('adds it to the ex-China pipeline from its start year, whatever its status', () => {
    const pipeline = (hypothetical: HypotheticalFigure[]) =>
      computePipeline(fixture.workspace.db, {
        stage: 'separation',
        metric: 'capacity_t_per_yr',
        rules: { statuses: ['operating', 'under_construction'] },
        hypothetical,
      }).stages[0]!;
    const base = pipeline([]);
    expect(base.cumulative.map((s) => [s.year, s.total.value])).toEqual([
      [2024, 200],
      [2027, 350],
    ]);
    // An operating plant from 2029 is not there in 2024: it is a step of its own.
    const later = pipeline([{ ...texas, startYear: 2029 }]);
    expect(later.baseYear).toBe(2024);
    expect(later.cumulative.map((s) => [s.year, s.total.value])).toEqual([
      [2024, 200],
      [2027, 350],
      [2029, 750],
    ]);
    expect(later.facilities.find((f) => f.name === 'Texas plant')).toMatchObject({
      hypothetical: true,
      claimIds: [],
      startYearBasis: 'scenario',
    });
    expect(later.cumulative.at(-1)!.claimIds).toEqual([fixture.ids.plantA, fixture.ids.plantB]);
  });
});

describe('scenarios', () => {
  function saveScenario() {
    return fixture.call<{ id: string }>('saveScenario', {
      name: 'Texas online',
      description: 'A 400 t/yr plant in Texas, controls eased.',
      overrides: {
        facilities: [texas],
        judged: [{ stage: 'separation', factor: 'export_controls', score: 20 }],
        governance: [{ country: 'China', tradeFactor: 2 }],
      },
    });
  }

  it('scores a scenario over the base without touching claims, evidence, sources or the audit log', () => {
    const scenario = saveScenario();
    const before = baseTables(fixture.workspace.db);
    const base = separation(fixture.call<ScoreReport>('getScores')) as StageScore;
    const report = fixture.call<ScoreReport>('getScores', { scenarioId: 'Texas online' });
    fixture.call('getScores', { scenarioId: scenario.id, method: 'eu-sr' });
    fixture.call('getSensitivity', { scenarioId: scenario.id, stage: 'separation' });
    fixture.call('compareScenarios', { scenarioIds: ['base', scenario.id] });
    expect(baseTables(fixture.workspace.db)).toEqual(before);

    expect(report.scenario).toEqual({ id: scenario.id, name: 'Texas online' });
    const stage = separation(report) as StageScore;
    // China's share with the Texas plant: 600 / (600 + 300 + 500) = 42.86%.
    expect(factor(stage, 'china_share').score).toBeCloseTo((600 / 1400) * 100, 9);
    expect(factor(stage, 'china_share').basis).toMatch(/includes scenario facilities "Texas plant", not claims/);
    expect([...factor(stage, 'china_share').claimIds].sort()).toEqual([...factor(base, 'china_share').claimIds].sort());
    // Pipeline by 2030: 200 + 150 + 400 = 750 ≥ China's 600: no shortfall.
    expect(factor(stage, 'pipeline_coverage').score).toBe(0);
    // The judged override keeps the base rationale and claims (and so the band's width).
    expect(factor(stage, 'export_controls')).toMatchObject({
      score: 20,
      low: 15,
      high: 25,
      rationale: 'Licensing in force.',
      claimIds: [fixture.ids.controls],
    });
    expect(factor(stage, 'export_controls').basis).toMatch(/scenario "Texas online" sets it \(base 80\.0\)/);
    expect(stage.methodText).toMatch(/Under scenario "Texas online"; base claims are unchanged/);
    // The base is as it was.
    expect((separation(fixture.call<ScoreReport>('getScores')) as StageScore).score).toBeCloseTo(base.score!, 12);
  });

  it('replaces governance for the EU method', () => {
    saveScenario();
    const stage = separation(
      fixture.call<ScoreReport>('getScores', { scenarioId: 'Texas online', method: 'eu-sr' }),
    ) as SupplyRiskResult;
    // Shares 600/1400, 300/1400, 500/1400; China's trade factor 2:
    // ((6/14)² × 6 × 2 + (3/14)² × 2 + (5/14)² × 5) × 0.9 × 0.9
    const expected = ((6 / 14) ** 2 * 12 + (3 / 14) ** 2 * 2 + (5 / 14) ** 2 * 5) * 0.81;
    expect(stage.score).toBeCloseTo(expected, 12);
    expect(stage.countries.find((c) => c.country === 'China')).toMatchObject({ governance: 6, tradeFactor: 2 });
  });

  it('replaces weights and inclusion rules', () => {
    fixture.call('saveScenario', {
      name: 'Only A-graded',
      overrides: {
        rules: { minReliability: 'A' },
        weights: {
          china_share: 0.5,
          concentration: 0.5,
          pipeline_coverage: 0,
          export_controls: 0,
          know_how: 0,
          state_coordination: 0,
          substitutability: 0,
        },
      },
    });
    const stage = separation(fixture.call<ScoreReport>('getScores', { scenarioId: 'Only A-graded' })) as StageScore;
    // No claim is A-graded: no share, no concentration; the judged factors carry no weight.
    expect(stage.score).toBeNull();
    expect(stage.missing).toEqual(expect.arrayContaining([expect.stringMatching(/^china_share: no year with counted/)]));
  });

  it('compares scenarios side by side per stage', () => {
    const scenario = saveScenario();
    const comparison = fixture.call<ScenarioComparison>('compareScenarios', { scenarioIds: ['base', 'Texas online'] });
    expect(comparison.columns).toEqual([
      { id: 'base', name: 'Base assessment' },
      { id: scenario.id, name: 'Texas online' },
    ]);
    const row = comparison.stages.find((s) => s.stage === 'separation')!;
    expect(row.results[0]!.score).toBeCloseTo(57.65, 9);
    expect(row.results[1]!.score!).toBeLessThan(row.results[0]!.score!);
    expect(comparison.stages.map((s) => s.stage)).toEqual(['mining', 'separation', 'refining', 'metals', 'magnets']);
  });
});

describe('sensitivity', () => {
  it('moves each factor across its band and each weight by half, widest swing first', () => {
    const result = fixture.call<Sensitivity>('getSensitivity', { stage: 'separation' });
    expect(result.base).toBeCloseTo(57.65, 9);
    const bar = (name: string, kind: string) => result.bars.find((b) => b.name === name && b.kind === kind)!;
    // China's share from 60 to 57.89 and 61.90 at weight 0.2.
    expect(bar('china_share', 'factor').low).toBeCloseTo(57.65 + 0.2 * ((550 / 950) * 100 - 60), 9);
    expect(bar('china_share', 'factor').high).toBeCloseTo(57.65 + 0.2 * ((650 / 1050) * 100 - 60), 9);
    // Substitutability 50 ± 25 at 0.125: ±3.125, the widest factor swing.
    expect(bar('substitutability', 'factor')).toMatchObject({ low: 57.65 - 3.125, high: 57.65 + 3.125 });
    expect(bar('substitutability', 'factor').lowLabel).toBe('Lack of substitutes at 25.0');
    // China's share weight halved: 0.1 then every weight ÷ 0.9: (0.1 × 60 + 45.65) / 0.9; raised by half: (0.3 × 60 + 45.65) / 1.1.
    expect(bar('china_share', 'weight').low).toBeCloseTo((6 + 45.65) / 0.9, 9);
    expect(bar('china_share', 'weight').high).toBeCloseTo((18 + 45.65) / 1.1, 9);
    const swings = result.bars.map((b) => Math.abs(b.high - b.low));
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
    expect(result.bars).toHaveLength(14);
    expect(result.bars[0]).toMatchObject({ name: 'substitutability', kind: 'factor' });
  });
});
