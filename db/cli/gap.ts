import { executeOperation, type OperationOutput } from '../api';
import type { OperationName } from '../operation-names';
import { UserError } from '../errors';
import type { GapResult } from '../model/types';
import { openWorkspaceReadOnly, type Workspace } from '../workspace/open';

export type Values = Record<string, string | boolean | undefined>;

/** The CLI's names for facility statuses, as the issue's users type them. */
const statusNames: Record<string, string> = {
  operating: 'operating',
  construction: 'under_construction',
  under_construction: 'under_construction',
  planned: 'planned',
  idle: 'idle',
};

const flagOf: Record<string, string> = {
  stage: '--stage',
  metric: '--metric',
  year: '--year',
  'rules.minReliability': '--min-reliability',
  'rules.minCredibility': '--min-credibility',
  'rules.statuses': '--statuses',
};

/** Runs a model operation; a rejected input names the flag the user typed ("--stage: …"), not the operation's field. */
export function runModelOperation<N extends OperationName>(workspace: Workspace, name: N, input: unknown): OperationOutput<N> {
  const result = executeOperation({ workspace }, name, input);
  if (result.ok) return result.value as OperationOutput<N>;
  const flag = result.error.field ? flagOf[result.error.field] : undefined;
  const message = flag
    ? `${flag}: ${result.error.message.replace(`${name}: ${result.error.field}: `, '')}`
    : result.error.message;
  throw new UserError(message, result.error.field);
}

export function rulesFrom(values: Values): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  if (typeof values['min-reliability'] === 'string') rules.minReliability = values['min-reliability'].toUpperCase();
  if (typeof values['min-credibility'] === 'string') {
    const credibility = Number(values['min-credibility']);
    if (!Number.isInteger(credibility))
      throw new UserError('--min-credibility must be a whole number from 1 to 6.', 'min-credibility');
    rules.minCredibility = credibility;
  }
  if (values['exclude-state-media']) rules.excludeStateMediaOnly = true;
  if (typeof values.statuses === 'string') {
    rules.statuses = values.statuses.split(',').map((name) => {
      const status = statusNames[name.trim().toLowerCase()];
      if (!status) throw new UserError(`--statuses: "${name}" is not one of operating, construction, planned, idle.`, 'statuses');
      return status;
    });
  }
  return rules;
}

/** `chokepoint gap`: one stage, metric and year through the capacity model, as JSON or a short table. */
export function gapCommand(values: Values, out: (line: string) => void, workspaceFile: string): void {
  const year = Number(values.year);
  if (typeof values.year !== 'string' || !Number.isInteger(year))
    throw new UserError('--year YEAR is required (e.g. --year 2024).', 'year');
  const workspace = openWorkspaceReadOnly(workspaceFile);
  try {
    const gap: GapResult = runModelOperation(workspace, 'getGap', {
      stage: values.stage,
      metric: values.metric ?? 'capacity_t_per_yr',
      year,
      rules: rulesFrom(values),
    });
    if (values.json) {
      out(JSON.stringify(gap));
      return;
    }
    const t = (n: number) => Math.round(n).toLocaleString('en-US');
    const share = gap.chinaShare === null ? '—' : `${(gap.chinaShare * 100).toFixed(1)}%`;
    out(`${gap.stage} · ${gap.metric} · ${gap.year} (${gap.unit})`);
    out(`China     ${t(gap.china.value)} (${t(gap.china.low)}–${t(gap.china.high)})${gap.weak.china ? '  weak evidence' : ''}`);
    out(
      `ex-China  ${t(gap.exChina.value)} (${t(gap.exChina.low)}–${t(gap.exChina.high)})${gap.weak.exChina ? '  weak evidence' : ''}`,
    );
    out(
      `China share ${share} · gap ${t(gap.gap)} · HHI ${gap.hhi ?? '—'} · ${gap.claimIds.length} claims used, ${gap.excluded.length} excluded`,
    );
  } finally {
    workspace.close();
  }
}
