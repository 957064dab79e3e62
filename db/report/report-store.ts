import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { appendAudit } from '../audit/log';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { reportItem, saveReportInput, type Report, type SaveReportInput } from './inputs';

/** Saved reports: the recipe only (items, title page, banner); every write goes to the audit log. */
interface ReportRow {
  id: string;
  name: string;
  title: string;
  author: string | null;
  organisation: string | null;
  report_date: string | null;
  as_of: string | null;
  marking: string;
  page_size: 'A4' | 'Letter';
  items: string;
  created_at: string;
  updated_at: string;
}

const COLUMNS = 'id, name, title, author, organisation, report_date, as_of, marking, page_size, items, created_at, updated_at';

function toReport(row: ReportRow): Report {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    author: row.author,
    organisation: row.organisation,
    reportDate: row.report_date,
    asOf: row.as_of,
    marking: row.marking,
    pageSize: row.page_size,
    items: reportItem.array().parse(JSON.parse(row.items)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function listReports(db: Database): Report[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM reports ORDER BY name`).all() as ReportRow[]).map(toReport);
}

function findReport(db: Database, idOrName: string): Report | undefined {
  const row = (db.prepare(`SELECT ${COLUMNS} FROM reports WHERE id = ?`).get(idOrName) ??
    db.prepare(`SELECT ${COLUMNS} FROM reports WHERE name = ?`).get(idOrName.trim())) as ReportRow | undefined;
  return row && toReport(row);
}

/** A report by its id or its name (ignoring case). */
export function getReport(db: Database, idOrName: string): Report {
  const report = findReport(db, idOrName);
  if (!report) throw new UserError(`No report "${idOrName}".`, 'id');
  return report;
}

const auditView = ({ createdAt: _c, updatedAt: _u, ...report }: Report) => report;

/** Creates a report (no id) or replaces a stored one. */
export function saveReport(db: Database, input: SaveReportInput): Report {
  const valid = parseInput(saveReportInput, input, 'saveReport');
  return db.transaction(() => {
    const before = valid.id === undefined ? undefined : findReport(db, valid.id);
    if (valid.id !== undefined && (!before || before.id !== valid.id))
      throw new UserError(`saveReport: id: no report with id "${valid.id}"`, 'id');
    const clash = db
      .prepare('SELECT id FROM reports WHERE name = ? AND id IS NOT ?')
      .pluck()
      .get(valid.name, valid.id ?? null);
    if (clash) throw new UserError(`saveReport: name: a report named "${valid.name}" already exists`, 'name');
    const row = {
      id: valid.id ?? `rpt-${randomBytes(6).toString('hex')}`,
      name: valid.name,
      title: valid.title,
      author: valid.author ?? null,
      organisation: valid.organisation ?? null,
      reportDate: valid.reportDate ?? null,
      asOf: valid.asOf ?? null,
      marking: valid.marking,
      pageSize: valid.pageSize,
      items: JSON.stringify(valid.items),
    };
    if (before)
      db.prepare(
        `UPDATE reports SET name = @name, title = @title, author = @author, organisation = @organisation,
                report_date = @reportDate, as_of = @asOf, marking = @marking, page_size = @pageSize, items = @items,
                updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = @id`,
      ).run(row);
    else
      db.prepare(
        `INSERT INTO reports (id, name, title, author, organisation, report_date, as_of, marking, page_size, items)
         VALUES (@id, @name, @title, @author, @organisation, @reportDate, @asOf, @marking, @pageSize, @items)`,
      ).run(row);
    const after = getReport(db, row.id);
    appendAudit(db, {
      action: before ? 'update' : 'create',
      entityType: 'report',
      entityId: row.id,
      ...(before ? { before: auditView(before) } : {}),
      after: auditView(after),
    });
    return after;
  })();
}

export function deleteReport(db: Database, idOrName: string): Report {
  return db.transaction(() => {
    const report = getReport(db, idOrName);
    db.prepare('DELETE FROM reports WHERE id = ?').run(report.id);
    appendAudit(db, { action: 'delete', entityType: 'report', entityId: report.id, before: auditView(report) });
    return report;
  })();
}
