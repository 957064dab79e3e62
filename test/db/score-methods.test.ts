import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeOperation } from '../../db/api';
import type { FactorResult, ScoreReport, StageScore, SupplyRiskResult } from '../../db/score/types';
import { scoreFixture, type ScoreFixture } from './fixtures/score-workspace';
import { useTempFolder } from './temp-folder';

/**
 * Both scoring methods on the hand-worked fixture (fixtures/score-workspace.ts): separation
 * capacity 2024, China 600 t/yr (band 550–650), Australia 300, United States 100.
 */
const tempFolder = useTempFolder();
let fixture: ScoreFixture;

beforeEach(() => {
  fixture = scoreFixture(tempFolder());
});
afterEach(() => fixture.workspace.close());

const scores = (input: object = {}) => fixture.call<ScoreReport>('getScores', input);
const separation = (input: object = {}) => scores(input).stages.find((s) => s.stage === 'separation') as StageScore;
const factor = (stage: StageScore, name: string) => stage.factors.find((f) => f.name === name) as FactorResult;

describe('the weighted-factor method, worked by hand', () => {
  it('scores the computed factors from the capacity model, each with its band', () => {
    const stage = separation();
    // China's share: 600 / (600 + 300 + 100) = 60%; band 550 / (550 + 400) … 650 / (650 + 400).
    expect(factor(stage, 'china_share')).toMatchObject({
      kind: 'computed',
      claimIds: [fixture.ids.china, fixture.ids.australia, fixture.ids.unitedStates],
    });
    expect(factor(stage, 'china_share').score).toBeCloseTo(60, 9);
    expect(factor(stage, 'china_share').low).toBeCloseTo((550 / 950) * 100, 9);
    expect(factor(stage, 'china_share').high).toBeCloseTo((650 / 1050) * 100, 9);
    // Concentration: HHI ÷ 100 = (0.6² + 0.3² + 0.1²) × 100 = 46. Band: HHI with China at 550 and
    // the others at their (single) figures, (550² + 300² + 100²) / 950² × 100 = 44.60, and with
    // China at 650, (650² + 300² + 100²) / 1050² × 100 = 47.39.
    expect(factor(stage, 'concentration').score).toBeCloseTo(46, 9);
    expect(factor(stage, 'concentration').low).toBeCloseTo((402_500 / 902_500) * 100, 9);
    expect(factor(stage, 'concentration').high).toBeCloseTo((522_500 / 1_102_500) * 100, 9);
    // Pipeline: Plant A (200, operating) + Plant B (150, under construction from 2027) by the 2030
    // horizon = 350 against China's 600: shortfall 100 × (1 − 350/600) = 41.67; the planned Plant C
    // does not count. Band: 350 against 550 → 36.36, against 650 → 46.15.
    const pipeline = factor(stage, 'pipeline_coverage');
    expect(pipeline.score).toBeCloseTo(100 * (1 - 350 / 600), 9);
    expect(pipeline.low).toBeCloseTo(100 * (1 - 350 / 550), 9);
    expect(pipeline.high).toBeCloseTo(100 * (1 - 350 / 650), 9);
    expect(pipeline.claimIds).toEqual(expect.arrayContaining([fixture.ids.plantA, fixture.ids.plantB, fixture.ids.china]));
    expect(pipeline.claimIds).not.toContain(fixture.ids.plantC);
    expect(pipeline.basis).toMatch(/350 t\/yr against China's 600 t\/yr/);
  });

  it('bands judged factors by the grades of their linked claims', () => {
    const stage = separation();
    // B-graded claim ±5; C ±10; D and state-media only ±15 + 5; no claim ±25.
    expect(factor(stage, 'export_controls')).toMatchObject({ score: 80, low: 75, high: 85, claimIds: [fixture.ids.controls] });
    expect(factor(stage, 'know_how')).toMatchObject({ score: 70, low: 60, high: 80 });
    expect(factor(stage, 'state_coordination')).toMatchObject({ score: 60, low: 40, high: 80 });
    expect(factor(stage, 'substitutability')).toMatchObject({ score: 50, low: 25, high: 75, claimIds: [] });
    expect(factor(stage, 'state_coordination').bandRule).toMatch(/state media/);
    expect(factor(stage, 'know_how').rationale).toBe('Few experts abroad.');
  });

  it('combines the factors with the Balanced weights into the composite and its band', () => {
    const stage = separation();
    // 0.2 × 60 + 0.15 × 46 + 0.15 × 41.667 + 0.125 × (80 + 70 + 60 + 50) = 12 + 6.9 + 6.25 + 32.5 = 57.65
    expect(stage.score).toBeCloseTo(57.65, 9);
    const low =
      0.2 * ((550 / 950) * 100) +
      0.15 * ((402_500 / 902_500) * 100) +
      0.15 * (100 * (1 - 350 / 550)) +
      0.125 * (75 + 60 + 40 + 25);
    const high =
      0.2 * ((650 / 1050) * 100) +
      0.15 * ((522_500 / 1_102_500) * 100) +
      0.15 * (100 * (1 - 350 / 650)) +
      0.125 * (85 + 80 + 80 + 75);
    expect(stage.low).toBeCloseTo(low, 9); // 48.72
    expect(stage.high).toBeCloseTo(high, 9); // 66.41
    expect(stage.missing).toEqual([]);
    expect(stage.methodText).toMatch(/weighted sum .* "Balanced" weights/);
    expect(stage.factors.map((f) => f.weight)).toEqual([0.2, 0.15, 0.15, 0.125, 0.125, 0.125, 0.125]);
  });

  it('drops a factor with no score, says so, and scales the other weights up to sum to 1', () => {
    fixture.call('clearJudgedScore', { stage: 'separation', factor: 'substitutability' });
    const stage = separation();
    // (57.65 − 0.125 × 50) / 0.875
    expect(stage.score).toBeCloseTo((57.65 - 6.25) / 0.875, 9);
    expect(factor(stage, 'substitutability')).toMatchObject({ score: null, weight: 0 });
    expect(factor(stage, 'china_share').weight).toBeCloseTo(0.2 / 0.875, 12);
    expect(stage.missing).toEqual(['substitutability: not yet judged for this stage']);
    expect(stage.methodText).toMatch(/Lack of substitutes has no score; the other weights \(0\.875 together\) were scaled up/);
  });

  it('gives no composite for a stage with no figures and no judged scores, naming every missing factor', () => {
    const mining = scores().stages.find((s) => s.stage === 'mining') as StageScore;
    expect(mining).toMatchObject({ score: null, low: null, high: null });
    expect(mining.missing).toHaveLength(7);
    expect(mining.methodText).toMatch(/no composite/);
  });

  it('widens the band when a factor rests on weaker evidence', () => {
    const before = separation();
    // The know-how score now rests on a D-graded forum post instead of the C-graded trade press.
    const forum = fixture.call<{ id: string }>('createClaim', {
      statement: 'A forum says the know-how is concentrated.',
      stage: 'policy',
      citations: [{ sourceId: fixture.sources.rumour }],
    }).id;
    fixture.call('setJudgedScore', {
      stage: 'separation',
      factor: 'know_how',
      score: 70,
      rationale: 'Few experts abroad.',
      claimIds: [forum],
    });
    const after = separation();
    expect(factor(after, 'know_how')).toMatchObject({ score: 70, low: 55, high: 85 });
    expect(after.score).toBeCloseTo(before.score!, 9);
    expect(after.high! - after.low!).toBeCloseTo(before.high! - before.low! + 0.125 * 10, 9);
    // And unlinking every claim widens it to ±25.
    fixture.call('setJudgedScore', {
      stage: 'separation',
      factor: 'know_how',
      score: 70,
      rationale: 'Few experts abroad.',
      claimIds: [],
    });
    expect(factor(separation(), 'know_how')).toMatchObject({ low: 45, high: 95 });
  });

  it('scores with weights given for one request without saving them', () => {
    const weights = {
      china_share: 1,
      concentration: 0,
      pipeline_coverage: 0,
      export_controls: 0,
      know_how: 0,
      state_coordination: 0,
      substitutability: 0,
    };
    expect(separation({ weights }).score).toBeCloseTo(60, 9);
    expect(separation().score).toBeCloseTo(57.65, 9);
  });
});

describe('the EU supply-risk method, worked by hand', () => {
  it('weights squared shares by governance and trade factor, then recycling and substitution', () => {
    const report = scores({ method: 'eu-sr' });
    expect(report.method).toBe('eu-sr');
    const stage = report.stages.find((s) => s.stage === 'separation') as SupplyRiskResult;
    // HHI_WGI,t = 0.6² × 6 × 1.2 + 0.3² × 2 × 1 + 0.1² × 5 (United States: not in the table, default 5) × 1
    //           = 2.592 + 0.18 + 0.05 = 2.822
    expect(stage.hhiWgiT).toBeCloseTo(2.822, 12);
    // SR = 2.822 × (1 − 0.1) × 0.9 = 2.28582 ≥ 1: critical.
    expect(stage.score).toBeCloseTo(2.28582, 12);
    expect(stage).toMatchObject({ critical: true, threshold: 1, recyclingRate: 0.1, substitutionIndex: 0.9 });
    // Band: China at 550 with the others as they are, (550² × 7.2 + 300² × 2 + 100² × 5) / 950² × 0.81;
    // China at 650: (650² × 7.2 + 300² × 2 + 100² × 5) / 1050² × 0.81.
    expect(stage.low).toBeCloseTo((2_408_000 / 902_500) * 0.81, 12);
    expect(stage.high).toBeCloseTo((3_272_000 / 1_102_500) * 0.81, 12);
    expect(stage.countries.map((c) => [c.country, c.share, c.governance, c.tradeFactor])).toEqual([
      ['China', 0.6, 6, 1.2],
      ['Australia', 0.3, 2, 1],
      ['United States', 0.1, 5, 1],
    ]);
    // The contributions add up to SR.
    expect(stage.countries.reduce((t, c) => t + c.contribution, 0)).toBeCloseTo(stage.score!, 12);
    expect(stage.missing).toEqual(['United States: not in the country table; governance 5 (mid-scale) and trade factor 1 used']);
    expect(stage.formula).toBe(
      'SR = HHI_WGI,t × (1 − EoL-RIR) × SI = (0.600² × 6.0 × 1.20 + 0.300² × 2.0 × 1.00 + 0.100² × 5.0 × 1.00) × (1 − 0.100) × 0.90 = 2.822 × 0.900 × 0.90 = 2.286 ≥ 1: critical',
    );
    expect(stage.methodText).toMatch(/JRC 2017\): global supply only, with no EU-sourcing term and no import-reliance split/);
  });

  it('reads below the threshold when governance is strong, and names a stage without shares', () => {
    fixture.call('setCountryGovernance', { country: 'China', governance: 1, tradeFactor: 1 });
    fixture.call('setCountryGovernance', { country: 'United States', governance: 1, tradeFactor: 1 });
    const report = scores({ method: 'eu-sr' });
    const stage = report.stages.find((s) => s.stage === 'separation') as SupplyRiskResult;
    // (0.36 × 1 + 0.09 × 2 + 0.01 × 1) × 0.81 = 0.55 × 0.81 = 0.4455
    expect(stage.score).toBeCloseTo(0.4455, 12);
    expect(stage.critical).toBe(false);
    expect(stage.formula).toMatch(/< 1: below the threshold$/);
    const magnets = report.stages.find((s) => s.stage === 'magnets') as SupplyRiskResult;
    expect(magnets).toMatchObject({ score: null, critical: false, countries: [] });
    expect(magnets.missing[0]).toMatch(/^shares: no year with counted capacity figures/);
    expect(magnets.missing[1]).toMatch(/no recycling rate or substitution index entered; 0 and 1 used/);
  });
});

describe('scoring operations refuse bad input by name', () => {
  it('names an unknown stage, method, scenario and bad weights, and changes nothing', () => {
    const fail = (name: string, input: unknown) => {
      const before = fixture.workspace.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
      const result = executeOperation({ workspace: fixture.workspace }, name, input);
      expect(fixture.workspace.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(before);
      if (result.ok) throw new Error(`${name} accepted ${JSON.stringify(input)}`);
      return result.error;
    };
    expect(fail('getSensitivity', { stage: 'smelting' })).toEqual({
      message: 'getSensitivity: stage: "smelting" is not a stage; use one of mining, separation, refining, metals, magnets',
      field: 'stage',
    });
    expect(fail('getScores', { method: 'ahp' }).message).toBe('getScores: method: "ahp" is not a method; use weighted or eu-sr');
    expect(fail('getScores', { scenarioId: 'Nowhere' })).toEqual({
      message: 'getScores: scenarioId: No scenario "Nowhere".',
      field: 'scenarioId',
    });
    const weights = {
      china_share: 0.5,
      concentration: 0.5,
      pipeline_coverage: 0.5,
      export_controls: 0,
      know_how: 0,
      state_coordination: 0,
      substitutability: 0,
    };
    expect(fail('getScores', { weights }).message).toBe('getScores: weights: must sum to 1 (they sum to 1.50)');
    expect(fail('compareScenarios', { scenarioIds: [] }).message).toMatch(/scenarioIds: name at least one scenario/);
    expect(fail('diffSnapshots', { from: 'snp-x', to: 'snp-y' })).toEqual({
      message: 'diffSnapshots: from: No snapshot with id "snp-x".',
      field: 'from',
    });
    expect(fail('setJudgedScore', { stage: 'separation', factor: 'know_how', score: 120, rationale: 'x' }).message).toMatch(
      /score: must be from 0 to 100/,
    );
  });
});
