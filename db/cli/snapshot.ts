import { UserError } from '../errors';
import type { ScoreReport } from '../score/types';
import { openWorkspace, openWorkspaceReadOnly } from '../workspace/open';
import type { Values } from './gap';
import { runScoreOperation } from './score-operation';

/**
 * `chokepoint snapshot`: take a dated snapshot of the default assessment's scores (written to the
 * workspace, never changed afterwards), list them, or say what changed between two and which
 * claims moved each factor.
 */
type Out = (line: string) => void;

const scoreText = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toFixed(1));

export function snapshotCommand(values: Values, out: Out, workspaceFile: string, positionals: string[]): void {
  const action = positionals[0];
  if (action === 'take') {
    if (positionals.length > 1) throw new UserError(`snapshot take: unexpected argument "${positionals[1]}".`);
    const workspace = openWorkspace(workspaceFile);
    try {
      const snapshot = runScoreOperation(workspace, 'takeSnapshot', {
        ...(typeof values.author === 'string' ? { author: values.author } : {}),
        ...(typeof values.note === 'string' ? { note: values.note } : {}),
        ...(typeof values.scenario === 'string' ? { scenarioId: values.scenario } : {}),
      });
      if (values.json)
        out(JSON.stringify({ id: snapshot.id, takenAt: snapshot.takenAt, author: snapshot.author, method: snapshot.method }));
      else
        out(
          `Took snapshot ${snapshot.id} at ${snapshot.takenAt} (${snapshot.method}${snapshot.author ? `, by ${snapshot.author}` : ''}).`,
        );
    } finally {
      workspace.close();
    }
    return;
  }
  if (action === 'list' || action === 'diff') {
    const workspace = openWorkspaceReadOnly(workspaceFile);
    try {
      if (action === 'list') {
        const snapshots = runScoreOperation(workspace, 'listSnapshots', {});
        if (values.json) {
          out(JSON.stringify(snapshots.map(({ results: _results, ...summary }) => summary)));
          return;
        }
        for (const s of snapshots) {
          const stages = ((s.results as ScoreReport | null)?.stages ?? []).map(
            (stage) => `${stage.stage} ${scoreText(stage.score)}`,
          );
          out(`${s.id}\t${s.takenAt}\t${s.author ?? '-'}\t${s.method}\t${stages.join(', ')}${s.note ? `\t${s.note}` : ''}`);
        }
        out(`${snapshots.length} snapshot${snapshots.length === 1 ? '' : 's'}`);
        return;
      }
      const [, from, to, extra] = positionals;
      if (!from || !to) throw new UserError('snapshot diff: give two snapshot ids, FROM and TO.');
      if (extra) throw new UserError(`snapshot diff: unexpected argument "${extra}".`);
      const diff = runScoreOperation(workspace, 'diffSnapshots', { from, to });
      if (values.json) out(JSON.stringify(diff));
      else {
        out(`From ${diff.from.id} (${diff.from.takenAt}) to ${diff.to.id} (${diff.to.takenAt}):`);
        for (const line of diff.summary) out(`  ${line}`);
        if (diff.summary.length === 0) out('  nothing changed.');
      }
    } finally {
      workspace.close();
    }
    return;
  }
  throw new UserError(`snapshot: say take, list or diff FROM TO${action ? ` (not "${action}")` : ''}.`);
}
