import { useCallback } from 'react';
import { bridge } from '../bridge';
import { formatTimestamp } from '../common/dates';
import { ErrorNotice } from '../common/ErrorNotice';
import { useLoadable } from '../common/useLoadable';
import type { AuditRecord } from '../types';
import { changedFields, showValue } from './diff';
import './history.css';

interface HistoryPanelProps {
  entityType: 'claim' | 'source' | 'conflict_group' | 'country';
  entityId: string;
  /** Bumped after a write, so a change just made shows at the top. */
  revision: number;
}

const actionWords: Record<string, string> = {
  create: 'Created',
  update: 'Edited',
  delete: 'Deleted',
  import: 'Imported',
  prefer: 'Marked preferred',
  unprefer: 'Preference cleared',
  attach: 'Archived copy attached',
  detach: 'Archived copy removed',
};

/** The audit trail of one claim, source, conflict group or country, newest first: when, who, what changed. */
export function HistoryPanel({ entityType, entityId, revision }: HistoryPanelProps) {
  const load = useCallback(() => bridge().getHistory({ entityType, entityId }), [entityType, entityId, revision]); // eslint-disable-line react-hooks/exhaustive-deps
  const history = useLoadable(load);
  if (history.error) return <ErrorNotice what="the history" message={history.error} />;
  if (!history.value) return <p className="history-empty">Loading history…</p>;
  if (history.value.length === 0) return <p className="history-empty">No recorded changes.</p>;
  return (
    <ol className="history" aria-label="History">
      {history.value.map((record) => (
        <HistoryEntry key={record.seq} record={record} />
      ))}
    </ol>
  );
}

function HistoryEntry({ record }: { record: AuditRecord }) {
  const changes = record.action === 'update' ? changedFields(record.before, record.after) : [];
  const detail = record.action === 'update' ? null : summary(record);
  return (
    <li className="history-entry">
      <div className="history-head">
        <span className="history-action">{actionWords[record.action] ?? record.action}</span>
        <span className="history-who">{record.actor}</span>
        <time className="history-when" dateTime={record.at}>
          {formatTimestamp(record.at)}
        </time>
      </div>
      {changes.length > 0 && (
        <table className="history-diff">
          <tbody>
            {changes.map((change) => (
              <tr key={change.field}>
                <th scope="row">{change.field}</th>
                <td className="diff-before">{change.before}</td>
                <td className="diff-arrow" aria-label="changed to">
                  →
                </td>
                <td className="diff-after">{change.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {record.action === 'update' && changes.length === 0 && <p className="history-detail">No field changed.</p>}
      {detail && <p className="history-detail">{detail}</p>}
    </li>
  );
}

function summary(record: AuditRecord): string | null {
  const after = record.after as Record<string, unknown> | null;
  const before = record.before as Record<string, unknown> | null;
  if (record.action === 'prefer' && after) {
    const which = typeof after.claimId === 'string' ? `${after.claimId} ` : '';
    return `${which}preferred: “${showValue(after.reason)}”`;
  }
  if (record.action === 'unprefer' && before) return `Was ${showValue(before.claimId)}: “${showValue(before.reason)}”`;
  if (record.action === 'create' && after && typeof after.statement === 'string') return after.statement;
  if (record.action === 'delete' && before && typeof before.statement === 'string') return before.statement;
  return null;
}
