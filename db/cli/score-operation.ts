import { executeOperation, type OperationOutput } from '../api';
import { UserError } from '../errors';
import type { OperationName } from '../operation-names';
import type { Workspace } from '../workspace/open';

/** The scoring commands' flags by the operation field they fill, so a rejected input names what the user typed. */
const flagOf: Record<string, string> = {
  method: '--method',
  scenarioId: '--scenario',
  weights: '--weights',
  author: '--author',
  note: '--note',
  from: 'FROM',
  to: 'TO',
  name: 'NAME',
};

/** Runs a scoring operation; a rejected input names the flag ("--method: …"), not the operation's field. */
export function runScoreOperation<N extends OperationName>(workspace: Workspace, name: N, input: unknown): OperationOutput<N> {
  const result = executeOperation({ workspace }, name, input);
  if (result.ok) return result.value as OperationOutput<N>;
  const field = result.error.field;
  const flag = field ? (flagOf[field] ?? flagOf[field.split('.')[0]!]) : undefined;
  const message =
    flag && field ? `${flag}: ${result.error.message.replace(`${name}: `, '').replace(`${field}: `, '')}` : result.error.message;
  throw new UserError(message, field);
}
