import { useState, type RefObject } from 'react';
import { bridge, type ReportExportRequest } from '../bridge';
import { messageOf } from '../common/errors';

interface ReportExportButtonsProps {
  /** The saved report (or the Overview) to export; null while it is not saved. */
  reportId: string | null;
  pageSize: 'A4' | 'Letter';
  /** Why the saved report is not what the editor shows (unsaved changes), or null. */
  unsavedReason: string | null;
  onPresent: () => void;
  /** Focus comes back here when the presentation closes. */
  presentButton: RefObject<HTMLButtonElement | null>;
}

const formats: { format: ReportExportRequest['format']; label: (page: string) => string }[] = [
  { format: 'html', label: () => 'HTML' },
  { format: 'pdf', label: (page) => `PDF (${page})` },
  { format: 'pptx', label: () => 'PowerPoint' },
];

/**
 * Writes the saved report as a file, or presents it. The workspace draws each export from its data as
 * it is now; the file is saved by the desktop app (a save dialog), so a host without one says so.
 */
export function ReportExportButtons({ reportId, pageSize, unsavedReason, onPresent, presentButton }: ReportExportButtonsProps) {
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null);
  const [busy, setBusy] = useState<ReportExportRequest['format'] | null>(null);
  const exportReport = bridge().exportReport;
  const blocked = !reportId ? 'Save the report first: an export draws the saved report.' : unsavedReason;
  const exportBlocked = blocked ?? (exportReport ? null : 'Exporting a report needs the desktop app, which can save files.');

  const run = async (format: ReportExportRequest['format']) => {
    if (!reportId || !exportReport) return;
    setBusy(format);
    setStatus(null);
    try {
      const saved = await exportReport({ id: reportId, format, ...(format === 'pdf' ? { pageSize } : {}) });
      setStatus(saved ? { text: `Saved to ${saved.file}`, failed: false } : null);
    } catch (error) {
      setStatus({ text: messageOf(error), failed: true });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="report-export" role="group" aria-label="Export and present">
      <span className="report-field-label">Export</span>
      {formats.map(({ format, label }) => (
        <button
          key={format}
          type="button"
          disabled={exportBlocked !== null || busy !== null}
          title={exportBlocked ?? undefined}
          onClick={() => void run(format)}
        >
          {busy === format ? 'Exporting…' : label(pageSize)}
        </button>
      ))}
      <button
        ref={presentButton}
        type="button"
        className="primary"
        disabled={blocked !== null}
        title={blocked ?? 'Full screen; Esc to leave'}
        onClick={onPresent}
      >
        Present
      </button>
      {status && (
        <span
          className={status.failed ? 'report-export-status failed' : 'report-export-status'}
          role={status.failed ? 'alert' : 'status'}
        >
          {status.text}
        </span>
      )}
      {exportBlocked && !status && <span className="report-export-status">{exportBlocked}</span>}
    </div>
  );
}
