import { useCallback, useRef, useState } from 'react';
import type { Report, ReportInput } from '../../db/report/inputs';
import { bridge } from '../bridge';
import { Presentation } from '../present/Presentation';
import { ErrorNotice } from '../common/ErrorNotice';
import { messageOf } from '../common/errors';
import { useLoadable } from '../common/useLoadable';
import { scoreFieldError, type ScoreFieldError } from '../scores/field-error';
import type { Vocabulary } from '../types';
import { OutlinePreview } from './OutlinePreview';
import { OVERVIEW_ID } from './overview-recipe';
import { copyName, draftOf, emptyDraft, inputOf, sameRecipe, type ReportDraft } from './report-draft';
import { ReportEditor } from './ReportEditor';
import { ReportExportButtons } from './ReportExportButtons';
import { ReportList } from './ReportList';
import './reports.css';

interface ReportsViewProps {
  vocabulary: Vocabulary;
  /** Goes up after every workspace write: the list, the conflict groups and the outline are read again. */
  revision: number;
}

/** The open report: a saved one by id, the built-in Overview, or a new one (null) not saved yet. */
type Opened = string | null;

const recipeOnly = ({ id: _id, ...input }: ReturnType<typeof inputOf>): ReportInput => input;

/**
 * The Reports view: saved reports on the left, the open report's recipe in the middle, and on the
 * right what each slide will say, with the exports and presentation mode. Only the recipe is saved;
 * every outline, export and presentation is drawn from the workspace as it is at that moment.
 */
export function ReportsView({ vocabulary, revision }: ReportsViewProps) {
  const [listVersion, setListVersion] = useState(0);
  const loadList = useCallback(() => bridge().listReports(), [revision, listVersion]); // eslint-disable-line react-hooks/exhaustive-deps
  const reports = useLoadable(loadList);
  const loadConflicts = useCallback(() => bridge().listConflictGroups(), [revision]); // eslint-disable-line react-hooks/exhaustive-deps
  const conflicts = useLoadable(loadConflicts);
  const loadFacets = useCallback(() => bridge().listFacets(), [revision]); // eslint-disable-line react-hooks/exhaustive-deps
  const facets = useLoadable(loadFacets);

  const [opened, setOpened] = useState<Opened>(null);
  const [draft, setDraft] = useState<ReportDraft>(emptyDraft);
  // The recipe as last saved (or as opened): the editor holds unsaved changes while the draft differs from it.
  const [baseline, setBaseline] = useState<ReportDraft>(emptyDraft);
  const [error, setError] = useState<ScoreFieldError | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outlineVersion, setOutlineVersion] = useState(0);
  // A frozen copy of the draft being outlined: outlining on every key press would redraw every chart each time.
  const [outlinedDraft, setOutlinedDraft] = useState<ReportInput | null>(null);
  const [pendingOpen, setPendingOpen] = useState<{ target: Opened } | null>(null);
  const [presenting, setPresenting] = useState(false);
  const presentButton = useRef<HTMLButtonElement>(null);

  const readOnly = opened === OVERVIEW_ID;
  const dirty = !readOnly && (draft.id === null ? !sameRecipe(draft, emptyDraft()) : !sameRecipe(draft, baseline));
  const names = (reports.value ?? []).map((report) => report.name);

  const show = (target: Opened, report: Report | null) => {
    const next = report ? draftOf(report) : emptyDraft();
    setOpened(target);
    setDraft(next);
    setBaseline(next);
    setError(null);
    setOpenError(null);
    setOutlinedDraft(null);
  };

  const open = async (target: Opened) => {
    setPendingOpen(null);
    if (target === null) return show(null, null);
    try {
      show(target, await bridge().getReport({ id: target }));
    } catch (failure) {
      setOpenError(messageOf(failure));
    }
  };
  // Leaving unsaved changes is asked about first; the analyst may have typed a page of narrative.
  const requestOpen = (target: Opened) => {
    if (target === opened && target !== null) return;
    if (dirty) setPendingOpen({ target });
    else void open(target);
  };

  const saveAs = async (input: ReturnType<typeof inputOf>) => {
    setBusy(true);
    try {
      const saved = await bridge().saveReport(input);
      // The draft keeps its item keys, so the item being edited keeps its place and focus after a save.
      const next = { ...draft, id: saved.id, name: saved.name };
      setOpened(saved.id);
      setDraft(next);
      setBaseline(next);
      setError(null);
      setOutlinedDraft(null);
      setListVersion((v) => v + 1);
      setOutlineVersion((v) => v + 1);
    } catch (failure) {
      setError(scoreFieldError(failure));
    } finally {
      setBusy(false);
    }
  };
  const save = () => void saveAs(inputOf(draft));
  const saveCopy = () => {
    const { id: _id, ...input } = inputOf(draft);
    void saveAs({ ...input, name: copyName(input.name, names) });
  };
  const copyToEdit = () => {
    setOpened(null);
    setDraft({ ...draft, id: null, name: copyName(draft.name, names) });
    setBaseline(emptyDraft());
    setError(null);
    setOutlinedDraft(null);
  };
  const remove = async () => {
    if (!draft.id) return;
    setBusy(true);
    try {
      await bridge().deleteReport({ id: draft.id });
      show(null, null);
      setListVersion((v) => v + 1);
    } catch (failure) {
      setError(scoreFieldError(failure));
    } finally {
      setBusy(false);
    }
  };

  const savedId = readOnly ? OVERVIEW_ID : draft.id;
  const outlineRequest = outlinedDraft ? { report: outlinedDraft } : savedId ? { id: savedId } : null;
  const unsavedReason = dirty && savedId ? 'Save the changes first: an export draws the saved report.' : null;

  return (
    <div className="reports-view">
      <ReportList reports={reports.value} selected={opened} onOpen={requestOpen} onNew={() => requestOpen(null)} />
      <div className="report-main">
        {reports.error && <ErrorNotice what="the saved reports" message={reports.error} />}
        {openError && <ErrorNotice what="the report" message={openError} />}
        {pendingOpen && (
          <div className="confirm-bar" role="alertdialog" aria-label="Unsaved changes">
            <span>Leave this report? Its unsaved changes will be lost.</span>
            <button type="button" className="danger" onClick={() => void open(pendingOpen.target)}>
              Discard changes
            </button>
            <button type="button" onClick={() => setPendingOpen(null)}>
              Keep editing
            </button>
          </div>
        )}
        <ReportEditor
          draft={draft}
          readOnly={readOnly}
          dirty={dirty}
          busy={busy}
          error={error}
          vocabulary={vocabulary}
          countries={facets.value?.countries ?? []}
          conflicts={conflicts.value}
          onChange={setDraft}
          onSave={save}
          onSaveCopy={saveCopy}
          onDelete={() => void remove()}
          onCopyToEdit={copyToEdit}
        />
      </div>
      <div className="report-side">
        <ReportExportButtons
          // A fresh set per report, so "Saved to …" from one report is not shown under the next.
          key={savedId ?? 'new'}
          presentButton={presentButton}
          reportId={savedId}
          pageSize={draft.pageSize}
          unsavedReason={unsavedReason}
          onPresent={() => setPresenting(true)}
        />
        <OutlinePreview
          request={outlineRequest}
          reload={`${revision}.${outlineVersion}`}
          showingSaved={dirty && savedId !== null && !outlinedDraft}
          draftStale={outlinedDraft !== null && JSON.stringify(outlinedDraft) !== JSON.stringify(recipeOnly(inputOf(draft)))}
          onPreviewDraft={() => setOutlinedDraft(recipeOnly(inputOf(draft)))}
        />
      </div>
      {presenting && savedId && (
        <Presentation
          reportId={savedId}
          onClose={() => {
            setPresenting(false);
            presentButton.current?.focus();
          }}
        />
      )}
    </div>
  );
}
