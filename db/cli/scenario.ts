import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { UserError } from '../errors';
import type { StoredScenario } from '../score/scenario-store';
import type { ScenarioOverrides } from '../score/types';
import { openWorkspace, openWorkspaceReadOnly } from '../workspace/open';
import type { Values } from './gap';
import { runScoreOperation } from './score-operation';

/**
 * `chokepoint scenario`: list, show, create and delete the named overrides of the default
 * assessment. Creating and deleting write to the workspace (and its audit log); a scenario never
 * changes a claim.
 */
type Out = (line: string) => void;

function readOverrides(value: unknown): { file: string; overrides: unknown } {
  if (typeof value !== 'string' || value.trim() === '')
    throw new UserError('scenario create: --file OVERRIDES.json is required.', 'file');
  const file = resolve(value);
  if (!existsSync(file) || !statSync(file).isFile()) throw new UserError(`--file: no overrides file at ${file}.`, 'file');
  try {
    return { file, overrides: JSON.parse(readFileSync(file, 'utf8')) as unknown };
  } catch (error) {
    throw new UserError(`--file: ${basename(file)} is not valid JSON: ${(error as Error).message}`, 'file');
  }
}

function describeOverrides(o: ScenarioOverrides): string {
  const parts = [
    ...(o.facilities?.length ? [`${o.facilities.length} hypothetical facilit${o.facilities.length === 1 ? 'y' : 'ies'}`] : []),
    ...(o.judged?.length ? [`${o.judged.length} judged score${o.judged.length === 1 ? '' : 's'}`] : []),
    ...(o.weights ? ['weights'] : []),
    ...(o.rules && Object.keys(o.rules).length > 0 ? ['inclusion rules'] : []),
    ...(o.governance?.length ? [`${o.governance.length} governance entr${o.governance.length === 1 ? 'y' : 'ies'}`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : 'no overrides';
}

function nameArgument(positionals: string[], action: string): string {
  const name = positionals[1];
  if (!name || name.trim() === '') throw new UserError(`scenario ${action}: give the scenario's NAME.`, 'name');
  if (positionals.length > 2) throw new UserError(`scenario ${action}: unexpected argument "${positionals[2]}".`);
  return name;
}

export function scenarioCommand(values: Values, out: Out, workspaceFile: string, positionals: string[]): void {
  const action = positionals[0];
  if (action === 'list' || action === 'show') {
    const name = action === 'show' ? nameArgument(positionals, 'show') : undefined;
    const workspace = openWorkspaceReadOnly(workspaceFile);
    try {
      const scenarios = runScoreOperation(workspace, 'listScenarios', {});
      if (name === undefined) {
        if (values.json) out(JSON.stringify(scenarios));
        else {
          for (const s of scenarios)
            out(`${s.name}\t${describeOverrides(s.overrides)}${s.description ? `\t${s.description}` : ''}`);
          out(`${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}`);
        }
        return;
      }
      const scenario = scenarios.find((s) => s.id === name || s.name.toLowerCase() === name.trim().toLowerCase());
      if (!scenario) throw new UserError(`No scenario "${name}".`, 'name');
      if (values.json) out(JSON.stringify(scenario));
      else {
        out(`${scenario.name} (${scenario.id})${scenario.description ? `: ${scenario.description}` : ''}`);
        out(JSON.stringify(scenario.overrides, null, 2));
      }
    } finally {
      workspace.close();
    }
    return;
  }
  if (action === 'create' || action === 'delete') {
    const name = nameArgument(positionals, action);
    const source = action === 'create' ? readOverrides(values.file) : undefined;
    const workspace = openWorkspace(workspaceFile);
    try {
      if (source) {
        let created: StoredScenario;
        try {
          created = runScoreOperation(workspace, 'saveScenario', {
            name,
            overrides: source.overrides,
            ...(typeof values.description === 'string' ? { description: values.description } : {}),
          });
        } catch (error) {
          // A mistake inside the file names the file and the field in it: "lynas.json: facilities.0.capacity: …".
          const field = (error as UserError).field;
          if (error instanceof UserError && field?.startsWith('overrides'))
            throw new UserError(
              `${basename(source.file)}: ${error.message.replace(/^(saveScenario: )?overrides\.?/, '').replace(/^: /, '')}`,
              'file',
            );
          throw error;
        }
        out(`Created scenario "${created.name}" (${created.id}): ${describeOverrides(created.overrides)}.`);
      } else {
        const deleted = runScoreOperation(workspace, 'deleteScenario', { id: name });
        out(`Deleted scenario "${name}" (${deleted.id}).`);
      }
    } finally {
      workspace.close();
    }
    return;
  }
  throw new UserError(
    `scenario: say list, show NAME, create NAME --file OVERRIDES.json or delete NAME${action ? ` (not "${action}")` : ''}.`,
  );
}
