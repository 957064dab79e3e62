import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { UserError } from '../errors';
import { weightsInput } from '../score/inputs';
import type { ScoreReport } from '../score/types';
import { openWorkspaceReadOnly } from '../workspace/open';
import type { Values } from './gap';
import { runScoreOperation } from './score-operation';

/**
 * `chokepoint score`: every stage's risk score under one method, as JSON or a table. With
 * --json, one array with an object per stage:
 *
 *   {"stage","method","score","low","high","factors":[{"name","score","weight","low","high","claimIds"}]}
 *
 * For the weighted method the factors are the seven factors (weight as applied, after scaling
 * when a factor has no score). For eu-sr they are the country contributions: name is the country,
 * score its contribution to SR (share² × governance × trade factor × (1 − recycling) × substitution;
 * they sum to SR), weight its share of supply (0–1), low and high its contribution at the share
 * band's ends.
 */
export interface ScoreLine {
  stage: string;
  method: 'weighted' | 'eu-sr';
  score: number | null;
  low: number | null;
  high: number | null;
  factors: { name: string; score: number | null; weight: number; low: number | null; high: number | null; claimIds: string[] }[];
}

export function scoreLines(report: ScoreReport): ScoreLine[] {
  return report.stages.map((stage) => ({
    stage: stage.stage,
    method: stage.method,
    score: stage.score,
    low: stage.low,
    high: stage.high,
    factors:
      stage.method === 'weighted'
        ? stage.factors.map((f) => ({
            name: f.name,
            score: f.score,
            weight: f.weight,
            low: f.low,
            high: f.high,
            claimIds: f.claimIds,
          }))
        : stage.countries.map((c) => ({
            name: c.country,
            score: c.contribution,
            weight: c.share,
            low: c.low ?? c.contribution,
            high: c.high ?? c.contribution,
            claimIds: c.claimIds ?? [],
          })),
  }));
}

/** A weights file: JSON with one weight per factor, summing to 1; a mistake names the file and the field. */
export function readWeightsFile(value: string): unknown {
  const file = resolve(value);
  const name = basename(file);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UserError(`--weights: no weights file at ${file}.`, 'weights');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`--weights: ${name} is not valid JSON: ${(error as Error).message}`, 'weights');
  }
  const result = weightsInput.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    const field = path.map(String).join('.');
    const message = issue.code === 'unrecognized_keys' ? 'not a factor' : issue.message;
    throw new UserError(`--weights: ${name}: ${field ? `${field}: ` : 'weights '}${message}`, 'weights');
  }
  return result.data;
}

const fixed = (value: number | null, digits: number) => (value === null ? '—' : value.toFixed(digits));

function table(report: ScoreReport, out: (line: string) => void): void {
  const eu = report.method === 'eu-sr';
  out(
    `${eu ? 'EU supply risk (SR ≥ 1 is critical)' : 'Weighted-factor risk score (0–100)'}${
      report.scenario ? ` · scenario "${report.scenario.name}"` : ''
    }`,
  );
  for (const stage of report.stages) {
    const digits = eu ? 2 : 1;
    const band = stage.score === null ? '' : ` (${fixed(stage.low, digits)}–${fixed(stage.high, digits)})`;
    const flag = stage.method === 'eu-sr' && stage.critical ? '  critical' : '';
    out(`${stage.stage.padEnd(11)} ${fixed(stage.score, digits).padStart(6)}${band}${flag}`);
    const reasons = new Map(stage.method === 'weighted' ? stage.factors.map((f) => [f.name as string, f.basis]) : []);
    for (const factor of scoreLines({ ...report, stages: [stage] })[0]!.factors) {
      const weight = eu ? `share ${(factor.weight * 100).toFixed(1)}%` : `weight ${factor.weight.toFixed(3)}`;
      const claims = `${factor.claimIds.length} claim${factor.claimIds.length === 1 ? '' : 's'}`;
      out(
        `    ${factor.name.padEnd(20)} ${fixed(factor.score, eu ? 3 : 1).padStart(6)}  ${
          factor.score === null ? `no score: ${reasons.get(factor.name) ?? ''}` : `${weight}  ${claims}`
        }`,
      );
    }
    if (stage.method === 'eu-sr') for (const missing of stage.missing) out(`    missing: ${missing}`);
  }
}

export function scoreCommand(values: Values, out: (line: string) => void, workspaceFile: string): void {
  const weights = typeof values.weights === 'string' ? readWeightsFile(values.weights) : undefined;
  const workspace = openWorkspaceReadOnly(workspaceFile);
  try {
    const report = runScoreOperation(workspace, 'getScores', {
      ...(typeof values.method === 'string' ? { method: values.method } : {}),
      ...(typeof values.scenario === 'string' ? { scenarioId: values.scenario } : {}),
      ...(weights ? { weights } : {}),
    });
    if (values.json) out(JSON.stringify(scoreLines(report)));
    else table(report, out);
  } finally {
    workspace.close();
  }
}
