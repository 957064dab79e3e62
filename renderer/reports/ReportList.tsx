import type { Report } from '../../db/report/inputs';
import { OVERVIEW_ID } from './overview-recipe';

interface ReportListProps {
  reports: readonly Report[] | undefined;
  /** The open report's id, OVERVIEW_ID, or null for a new one. */
  selected: string | null;
  onOpen: (id: string) => void;
  onNew: () => void;
}

const itemCount = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;

/** The saved reports by name, after the built-in Overview; a new report starts empty. */
export function ReportList({ reports, selected, onOpen, onNew }: ReportListProps) {
  return (
    <nav className="report-list" aria-label="Reports">
      <div className="report-list-head">
        <h2 className="gap-heading">Reports</h2>
        <button type="button" onClick={onNew} aria-pressed={selected === null}>
          New report
        </button>
      </div>
      <ul>
        <li>
          <button
            type="button"
            className="report-list-entry"
            aria-current={selected === OVERVIEW_ID ? 'true' : undefined}
            onClick={() => onOpen(OVERVIEW_ID)}
          >
            <span className="report-list-name">Overview (built in)</span>
            <span className="report-list-meta">Gap, composition and scores · read-only</span>
          </button>
        </li>
        {reports?.map((report) => (
          <li key={report.id}>
            <button
              type="button"
              className="report-list-entry"
              data-report-id={report.id}
              aria-current={selected === report.id ? 'true' : undefined}
              onClick={() => onOpen(report.id)}
            >
              <span className="report-list-name">{report.name}</span>
              <span className="report-list-meta">
                {itemCount(report.items.length)}
                {report.marking ? ` · ${report.marking}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {reports?.length === 0 && <p className="report-item-note">No saved reports yet.</p>}
    </nav>
  );
}
