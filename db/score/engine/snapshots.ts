import type { Database } from 'better-sqlite3';
import { currentActor } from '../../audit/actor';
import { isUserError, UserError } from '../../errors';
import { stageLabels } from '../../evidence/vocabulary';
import { loadAssessment } from '../assessment-store';
import { loadScenario } from '../scenario-store';
import { insertSnapshot, loadSnapshot, type Snapshot } from '../snapshot-store';
import {
  factorLabels,
  factorNames,
  judgedFactors,
  type Assessment,
  type FactorName,
  type JudgedFactor,
  type Scenario,
  type ScoreMethod,
  type ScoreReport,
  type ScoreStage,
  type StageScore,
  type Weights,
} from '../types';
import { points } from './format';
import { contextFor, reportFor } from './score-report';

/**
 * Snapshots: an assessment scored on a day, kept for the trend and for a diff that says what
 * changed between two days and which claims caused it.
 *
 * A snapshot's results are the ScoreReport under the assessment's method (what the trend draws);
 * its inputs are the assessment as scored (weights, rules, judged scores with rationales and
 * claims, the country table), the scenario if one was applied, and, per stage, every factor of the
 * weighted method with its score and the claims it rested on, whichever method the assessment
 * uses, so the diff can name the claims that moved a factor.
 */
export interface SnapshotFactor {
  name: FactorName;
  score: number | null;
  claimIds: string[];
}

export interface SnapshotInputs {
  assessment: Assessment;
  scenario: Scenario | null;
  factors: { stage: ScoreStage; factors: SnapshotFactor[] }[];
}

export interface TakeSnapshotRequest {
  assessmentId?: string | undefined;
  scenarioId?: string | undefined;
  author?: string | null | undefined;
  note?: string | null | undefined;
}

export function takeSnapshot(db: Database, request: TakeSnapshotRequest): Snapshot {
  const assessment = loadAssessment(db, request.assessmentId);
  const scenario = request.scenarioId ? loadScenario(db, request.scenarioId, assessment.id) : null;
  const context = contextFor(db, assessment, scenario);
  const results = reportFor(context, assessment.method, assessment.id);
  const weighted = assessment.method === 'weighted' ? results : reportFor(context, 'weighted', assessment.id);
  const inputs: SnapshotInputs = {
    assessment,
    scenario: scenario
      ? {
          id: scenario.id,
          name: scenario.name,
          description: scenario.description,
          overrides: scenario.overrides,
          updatedAt: scenario.updatedAt,
        }
      : null,
    factors: (weighted.stages as StageScore[]).map((stage) => ({
      stage: stage.stage,
      factors: stage.factors.map((f) => ({ name: f.name, score: f.score, claimIds: f.claimIds })),
    })),
  };
  return insertSnapshot(db, {
    assessmentId: assessment.id,
    author: request.author ?? assessment.author ?? currentActor(),
    note: request.note ?? null,
    method: assessment.method,
    weights: context.assessment.weights,
    inputs,
    results,
  });
}

export interface FactorChange {
  name: FactorName;
  label: string;
  before: number | null;
  after: number | null;
  weightBefore: number | null;
  weightAfter: number | null;
  /** Claims in the factor's basis now that were not before, and the other way round. */
  claimsAdded: string[];
  claimsRemoved: string[];
  /** For a judged factor whose score or rationale the analyst changed. */
  judged: {
    scoreBefore: number | null;
    scoreAfter: number | null;
    rationaleBefore: string | null;
    rationaleAfter: string | null;
    rationaleChanged: boolean;
  } | null;
  summary: string;
}

export interface StageChange {
  stage: ScoreStage;
  before: number | null;
  after: number | null;
  change: number | null;
  /** Only the factors that changed: score, weight, judged rationale or the claims behind it. */
  factors: FactorChange[];
  summary: string;
}

export interface SnapshotDiff {
  from: { id: string; takenAt: string; author: string | null; method: ScoreMethod };
  to: { id: string; takenAt: string; author: string | null; method: ScoreMethod };
  /** Changes of method, rules, metric, horizon or scenario, in words. */
  settings: string[];
  weights: { name: FactorName; before: number; after: number }[];
  stages: StageChange[];
  /** Every change in one sentence each, stage by stage. */
  summary: string[];
}

/** A snapshot's inputs, tolerating ones written before a field existed. */
function inputsOf(snapshot: Snapshot): SnapshotInputs {
  const inputs = (snapshot.inputs ?? {}) as Partial<SnapshotInputs>;
  return {
    assessment: inputs.assessment ?? ({ judged: [], rules: {}, governance: [], stageInputs: [] } as unknown as Assessment),
    scenario: inputs.scenario ?? null,
    factors: inputs.factors ?? [],
  };
}

const stageScoreOf = (report: ScoreReport | undefined, stage: ScoreStage) =>
  report?.stages?.find((s) => s.stage === stage)?.score ?? null;

const signed = (value: number) => `${value >= 0 ? '+' : '−'}${points(Math.abs(value))}`;
const shown = (value: number | null) => (value === null ? '—' : points(value));
const same = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-9);

function settingsChanges(from: SnapshotInputs, to: SnapshotInputs, fromMethod: ScoreMethod, toMethod: ScoreMethod): string[] {
  const lines: string[] = [];
  if (fromMethod !== toMethod) lines.push(`Method: ${fromMethod} → ${toMethod}.`);
  const a = from.assessment;
  const b = to.assessment;
  if (JSON.stringify(a.rules) !== JSON.stringify(b.rules))
    lines.push(`Inclusion rules: ${JSON.stringify(a.rules)} → ${JSON.stringify(b.rules)}.`);
  if (a.metric !== b.metric) lines.push(`Metric: ${a.metric} → ${b.metric}.`);
  if (a.horizonYear !== b.horizonYear) lines.push(`Pipeline horizon: ${a.horizonYear} → ${b.horizonYear}.`);
  if ((from.scenario?.name ?? null) !== (to.scenario?.name ?? null))
    lines.push(`Scenario: ${from.scenario?.name ?? 'none'} → ${to.scenario?.name ?? 'none'}.`);
  if (JSON.stringify(a.governance) !== JSON.stringify(b.governance))
    lines.push('The EU method’s country governance table changed.');
  if (JSON.stringify(a.stageInputs) !== JSON.stringify(b.stageInputs))
    lines.push('The EU method’s recycling rates or substitution indices changed.');
  return lines;
}

function factorChange(
  stage: ScoreStage,
  name: FactorName,
  before: { from?: SnapshotFactor; to?: SnapshotFactor; fromInputs: SnapshotInputs; toInputs: SnapshotInputs },
  weights: { from: Weights; to: Weights },
): FactorChange | null {
  const fromClaims = before.from?.claimIds ?? [];
  const toClaims = before.to?.claimIds ?? [];
  const claimsAdded = toClaims.filter((id) => !fromClaims.includes(id));
  const claimsRemoved = fromClaims.filter((id) => !toClaims.includes(id));
  const scoreBefore = before.from?.score ?? null;
  const scoreAfter = before.to?.score ?? null;
  const weightBefore = weights.from?.[name] ?? null;
  const weightAfter = weights.to?.[name] ?? null;
  let judged: FactorChange['judged'] = null;
  if ((judgedFactors as readonly string[]).includes(name)) {
    const find = (inputs: SnapshotInputs) =>
      inputs.assessment.judged?.find((j) => j.stage === stage && j.factor === (name as JudgedFactor));
    const a = find(before.fromInputs);
    const b = find(before.toInputs);
    const rationaleChanged = (a?.rationale ?? null) !== (b?.rationale ?? null);
    if (!same(a?.score ?? null, b?.score ?? null) || rationaleChanged)
      judged = {
        scoreBefore: a?.score ?? null,
        scoreAfter: b?.score ?? null,
        rationaleBefore: a?.rationale ?? null,
        rationaleAfter: b?.rationale ?? null,
        rationaleChanged,
      };
  }
  const scoreMoved = !same(scoreBefore, scoreAfter);
  // A weight matters only to a factor that has a score: an unscored factor carries none.
  const weightMoved = !same(weightBefore, weightAfter) && (scoreBefore !== null || scoreAfter !== null);
  if (!scoreMoved && !weightMoved && !judged && claimsAdded.length === 0 && claimsRemoved.length === 0) return null;
  const label = factorLabels[name];
  const parts = [
    scoreMoved ? `${label} ${shown(scoreBefore)} → ${shown(scoreAfter)}` : `${label} unchanged at ${shown(scoreAfter)}`,
    ...(weightMoved ? [`weight ${weightBefore?.toFixed(3) ?? '—'} → ${weightAfter?.toFixed(3) ?? '—'}`] : []),
    ...(judged && !same(judged.scoreBefore, judged.scoreAfter) ? ['the analyst changed the judged score'] : []),
    ...(judged?.rationaleChanged ? ['the rationale was rewritten'] : []),
    ...(claimsAdded.length > 0 ? [`claims added: ${claimsAdded.join(', ')}`] : []),
    ...(claimsRemoved.length > 0 ? [`claims removed: ${claimsRemoved.join(', ')}`] : []),
  ];
  return {
    name,
    label,
    before: scoreBefore,
    after: scoreAfter,
    weightBefore,
    weightAfter,
    claimsAdded,
    claimsRemoved,
    judged,
    summary: parts.join('; '),
  };
}

export function diffSnapshotRecords(from: Snapshot, to: Snapshot): SnapshotDiff {
  const fromInputs = inputsOf(from);
  const toInputs = inputsOf(to);
  const fromResults = from.results as ScoreReport | undefined;
  const toResults = to.results as ScoreReport | undefined;
  const stagesIn = [
    ...new Set([
      ...(fromResults?.stages ?? []).map((s) => s.stage),
      ...(toResults?.stages ?? []).map((s) => s.stage),
      ...fromInputs.factors.map((s) => s.stage),
      ...toInputs.factors.map((s) => s.stage),
    ]),
  ];
  const weights = factorNames
    .filter((name) => !same(from.weights?.[name] ?? null, to.weights?.[name] ?? null))
    .map((name) => ({ name, before: from.weights[name], after: to.weights[name] }));

  const stages: StageChange[] = stagesIn.map((stage) => {
    const before = stageScoreOf(fromResults, stage);
    const after = stageScoreOf(toResults, stage);
    const fromFactors = fromInputs.factors.find((s) => s.stage === stage)?.factors ?? [];
    const toFactors = toInputs.factors.find((s) => s.stage === stage)?.factors ?? [];
    const factors = factorNames
      .map((name) =>
        factorChange(
          stage,
          name,
          {
            from: fromFactors.find((f) => f.name === name),
            to: toFactors.find((f) => f.name === name),
            fromInputs,
            toInputs,
          },
          { from: from.weights, to: to.weights },
        ),
      )
      .filter((change): change is FactorChange => change !== null);
    const change = before !== null && after !== null ? after - before : null;
    const head = `${stageLabels[stage]}: ${shown(before)} → ${shown(after)}${change === null ? '' : ` (${signed(change)})`}`;
    return {
      stage,
      before,
      after,
      change,
      factors,
      summary: factors.length > 0 ? `${head}. ${factors.map((f) => f.summary).join('. ')}.` : `${head}; no factor changed.`,
    };
  });
  const describe = (s: Snapshot) => ({ id: s.id, takenAt: s.takenAt, author: s.author, method: s.method });
  const settings = settingsChanges(fromInputs, toInputs, from.method, to.method);
  return {
    from: describe(from),
    to: describe(to),
    settings,
    weights,
    stages,
    summary: [...settings, ...stages.filter((s) => s.factors.length > 0 || !same(s.before, s.after)).map((s) => s.summary)],
  };
}

export function diffSnapshots(db: Database, fromId: string, toId: string): SnapshotDiff {
  const load = (id: string, field: 'from' | 'to') => {
    try {
      return loadSnapshot(db, id);
    } catch (error) {
      if (isUserError(error)) throw new UserError(`diffSnapshots: ${field}: ${error.message}`, field);
      throw error;
    }
  };
  return diffSnapshotRecords(load(fromId, 'from'), load(toId, 'to'));
}
