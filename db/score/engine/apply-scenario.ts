import { countryKey } from '../../evidence/countries';
import type { HypotheticalFigure } from '../../model/types';
import { presetMatching } from '../presets';
import type { Assessment, CountryGovernance, JudgedScore, Scenario } from '../types';
import { judgedKey } from './context';
import { DEFAULT_GOVERNANCE, DEFAULT_TRADE_FACTOR } from './eu-supply-risk';

/**
 * A scenario on top of an assessment, in memory only: its weights, inclusion rules, judged scores
 * and governance entries replace the assessment's; its facilities become hypothetical figures the
 * capacity model adds to the claimed ones. Nothing is written: the assessment object returned is a
 * copy, and the workspace's claims are only ever read.
 *
 * A judged override replaces the score and keeps the base rationale and linked claims (the
 * evidence, and so the band, stays what the analyst linked); an override for a factor the base
 * has not judged gets the scenario's name as its rationale and no claims (the widest band).
 */
export interface AppliedScenario {
  assessment: Assessment;
  hypothetical: HypotheticalFigure[];
  overriddenJudged: Map<string, number | null>;
}

export function applyScenario(base: Assessment, scenario: Scenario | null): AppliedScenario {
  const overriddenJudged = new Map<string, number | null>();
  if (!scenario) return { assessment: base, hypothetical: [], overriddenJudged };
  const o = scenario.overrides;

  const judged: JudgedScore[] = base.judged.map((j) => ({ ...j, claimIds: [...j.claimIds] }));
  for (const change of o.judged ?? []) {
    const existing = judged.find((j) => j.stage === change.stage && j.factor === change.factor);
    overriddenJudged.set(judgedKey(change.stage, change.factor), existing?.score ?? null);
    if (existing) existing.score = change.score;
    else
      judged.push({
        stage: change.stage,
        factor: change.factor,
        score: change.score,
        rationale: `Set by scenario "${scenario.name}".`,
        claimIds: [],
      });
  }

  const governance: CountryGovernance[] = base.governance.map((g) => ({ ...g }));
  for (const change of o.governance ?? []) {
    const existing = governance.find((g) => countryKey(g.country) === countryKey(change.country));
    if (existing) {
      if (change.governance !== undefined) existing.governance = change.governance;
      if (change.tradeFactor !== undefined) existing.tradeFactor = change.tradeFactor;
    } else
      governance.push({
        country: change.country,
        governance: change.governance ?? DEFAULT_GOVERNANCE,
        tradeFactor: change.tradeFactor ?? DEFAULT_TRADE_FACTOR,
        note: `Set by scenario "${scenario.name}".`,
      });
  }

  return {
    assessment: {
      ...base,
      weights: o.weights ? { ...o.weights } : base.weights,
      presetName: o.weights ? presetMatching(o.weights) : base.presetName,
      rules: { ...base.rules, ...o.rules },
      judged,
      governance,
    },
    hypothetical: (o.facilities ?? []).map((f) => ({ ...f })),
    overriddenJudged,
  };
}
