import { useCallback, useState, type ChangeEvent } from 'react';
import { readAsText } from '../archive/read-file';
import { formatCount, formatNumber } from '../common/numbers';
import { useLoadable } from '../common/useLoadable';
import { cleanMessage } from '../sources/field-errors';
import type { Vocabulary } from '../types';
import { bridge, type ImportProgress } from '../bridge';
import { exampleRecipe, importOperations, type ImportReport, type ImportRequest, type RecipeInput } from './import-ops';
import './import.css';

export interface ImportViewProps {
  vocabulary: Vocabulary;
  onImported: () => void;
}

/** A file read here (small), or one main read for us by path (big: the page holds only a token). */
type ChosenFile =
  | { kind: 'content'; name: string; format: 'csv' | 'json'; content: string }
  | { kind: 'path'; name: string; format: 'csv' | 'json'; bytes: number; token: string };

type Outcome =
  | { kind: 'preview' | 'imported' | 'refused'; report: ImportReport }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled'; message: string };

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${formatNumber(Math.round(bytes / 1024 / 102.4) / 10)} MB`
    : `${formatNumber(Math.ceil(bytes / 1024))} KB`;
}

/** The recipe as typed: parsed here, validated by the workspace (which names the key at fault). */
function parseRecipe(text: string): RecipeInput | string {
  try {
    const recipe = JSON.parse(text) as unknown;
    if (typeof recipe !== 'object' || recipe === null || Array.isArray(recipe)) return 'The recipe must be a JSON object.';
    return recipe; // The workspace checks it against the recipe schema and names any key at fault.
  } catch (error) {
    return `The recipe is not valid JSON: ${cleanMessage(error)}`;
  }
}

/** Lines of the file, not counting the newline that ends the last one. */
function lineCount(content: string): number {
  return content ? content.replace(/\r?\n$/, '').split(/\r?\n/).length : 0;
}

/**
 * Claims from a file in four steps: choose the file, say how its columns read (a recipe, for CSV),
 * preview the dry run with every problem by row and column, then import all or nothing.
 */
export function ImportView({ vocabulary, onImported }: ImportViewProps) {
  const [recipesVersion, setRecipesVersion] = useState(0);
  const loadRecipes = useCallback(
    () => importOperations.listRecipes(),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- recipesVersion: re-read after a save.
    [recipesVersion],
  );
  const recipes = useLoadable(loadRecipes);

  const [file, setFile] = useState<ChosenFile | undefined>(undefined);
  const [recipeName, setRecipeName] = useState('');
  const [recipeText, setRecipeText] = useState('');
  const [saveName, setSaveName] = useState('');
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | undefined>(undefined);
  const [cancelling, setCancelling] = useState(false);
  const bigFiles = typeof window.chokepoint?.chooseImportFile === 'function';

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    setOutcome(undefined);
    setNotice(undefined);
    try {
      const content = await readAsText(chosen);
      const format = /\.json$/i.test(chosen.name) || chosen.type === 'application/json' ? 'json' : 'csv';
      setFile({ kind: 'content', name: chosen.name, format, content });
    } catch (error) {
      setOutcome({ kind: 'failed', message: cleanMessage(error) });
    }
  };

  /** A big file: main (or the preview host) asks which file and reads it; the page never holds its text. */
  const chooseBigFile = async () => {
    setOutcome(undefined);
    setNotice(undefined);
    try {
      const chosen = await bridge().chooseImportFile?.();
      if (!chosen) return;
      setFile({ kind: 'path', ...chosen });
    } catch (error) {
      setOutcome({ kind: 'failed', message: cleanMessage(error) });
    }
  };

  const cancelImport = async () => {
    setCancelling(true);
    try {
      await bridge().cancelImport?.();
    } catch (error) {
      setNotice(cleanMessage(error));
    }
  };

  /** The request for the chosen file; a typed recipe wins over a saved one. */
  const request = (): ImportRequest | string => {
    if (!file) return 'Choose a file first.';
    const base: ImportRequest = {
      format: file.format,
      content: file.kind === 'content' ? file.content : '',
      fileName: file.name,
    };
    if (file.format === 'json') return base;
    if (recipeText.trim()) {
      const recipe = parseRecipe(recipeText);
      return typeof recipe === 'string' ? recipe : { ...base, recipe };
    }
    if (recipeName) return { ...base, recipeName };
    return 'A CSV file needs a recipe: pick a saved one or write one.';
  };

  const settle = (report: ImportReport) => {
    if (!report.committed) {
      setOutcome({ kind: 'refused', report });
      setNotice('Nothing was imported: fix the file or the recipe, then preview again.');
      return;
    }
    setOutcome({ kind: 'imported', report });
    // The same file again would import the same claims twice; choosing it again is deliberate.
    setFile(undefined);
    onImported();
  };

  const perform = async (kind: 'preview' | 'import') => {
    const input = request();
    if (typeof input === 'string') return setOutcome({ kind: 'failed', message: input });
    setBusy(true);
    setNotice(undefined);
    try {
      if (file?.kind === 'path') {
        const { recipe, recipeName: name } = input;
        setProgress(undefined);
        setCancelling(false);
        const report = await bridge().importFile!(
          {
            token: file.token,
            ...(recipe ? { recipe } : name ? { recipeName: name } : {}),
            dryRun: kind === 'preview',
          },
          setProgress,
        );
        if (report.cancelled) {
          setOutcome({ kind: 'cancelled', message: 'Import cancelled: nothing was written, the workspace is as it was.' });
          return;
        }
        if (kind === 'preview') return setOutcome({ kind: 'preview', report });
        return settle(report);
      }
      if (kind === 'preview') {
        setOutcome({ kind: 'preview', report: await importOperations.previewImport(input) });
        return;
      }
      // All or nothing: the workspace checks the whole file first and writes only when it has no problem.
      settle(await importOperations.runImport(input));
    } catch (error) {
      setOutcome({ kind: 'failed', message: cleanMessage(error) });
    } finally {
      setBusy(false);
      setProgress(undefined);
      setCancelling(false);
    }
  };

  const saveRecipe = async () => {
    setNotice(undefined);
    const recipe = parseRecipe(recipeText);
    if (typeof recipe === 'string') return setOutcome({ kind: 'failed', message: recipe });
    try {
      const saved = await importOperations.saveRecipe(saveName, recipe);
      setRecipesVersion((v) => v + 1);
      setRecipeName(saved.name);
      setNotice(`Recipe saved as "${saved.name}".`);
    } catch (error) {
      setOutcome({ kind: 'failed', message: cleanMessage(error) });
    }
  };

  const pickRecipe = (name: string) => {
    setRecipeName(name);
    const saved = recipes.value?.find((r) => r.name === name);
    setRecipeText(saved ? JSON.stringify(saved.recipe, null, 2) : '');
    setSaveName(name);
  };

  return (
    <section className="import-view" aria-labelledby="import-heading">
      <div className="import-toolbar">
        <h2 id="import-heading">Import claims</h2>
        <span className="muted">CSV with a recipe, or a Chokepoint JSON export. A failed import changes nothing.</span>
      </div>
      <div className="import-body">
        <ol className="import-steps">
          <li className="import-step">
            <h3>1 · File</h3>
            <label className="file-button">
              <input
                type="file"
                className="visually-hidden"
                aria-label="Choose a CSV or JSON file"
                accept=".csv,.json,.txt,text/csv,application/json"
                onChange={(event) => void chooseFile(event)}
              />
              Choose file…
            </label>
            {bigFiles && (
              <button type="button" className="import-big-file" disabled={busy} onClick={() => void chooseBigFile()}>
                Choose a large file…
              </button>
            )}
            {file && (
              <p className="import-file">
                <code>{file.name}</code> · {file.format.toUpperCase()} ·{' '}
                {file.kind === 'content' ? formatCount(lineCount(file.content), 'line') : formatBytes(file.bytes)}
              </p>
            )}
          </li>
          {file?.format !== 'json' && (
            <li className="import-step">
              <h3>2 · Recipe</h3>
              <div className="recipe-pick">
                <select aria-label="Saved recipe" value={recipeName} onChange={(event) => pickRecipe(event.target.value)}>
                  <option value="">{recipes.value?.length ? 'Choose a saved recipe…' : 'No saved recipes yet'}</option>
                  {recipes.value?.map((recipe) => (
                    <option key={recipe.name} value={recipe.name}>
                      {recipe.name}
                    </option>
                  ))}
                </select>
                <button type="button" onClick={() => setRecipeText(exampleRecipe)}>
                  Start from the example
                </button>
              </div>
              <textarea
                className="recipe-text"
                aria-label="Recipe (JSON)"
                spellCheck={false}
                rows={10}
                placeholder={exampleRecipe}
                value={recipeText}
                onChange={(event) => setRecipeText(event.target.value)}
              />
              <details className="recipe-help">
                <summary>How a recipe reads a table</summary>
                <dl>
                  <dt>source | sourceId</dt>
                  <dd>The source every claim cites: an existing id, or a new source object (title, publisherType, …).</dd>
                  <dt>constants</dt>
                  <dd>
                    Fields the same for every row: stage ({Object.keys(vocabulary.stages).join(', ')}), metric, unit, year,
                    country…
                  </dd>
                  <dt>columns</dt>
                  <dd>
                    Field → column header: statement, value, valueLow, valueHigh, year, country, entity, unit, stage, metric,
                    status.
                  </dd>
                  <dt>wide</dt>
                  <dd>
                    One column per year: <code>{'{"columnPattern": "^Prod_(\\\\d{4})$"}'}</code>; the capture group is the year.
                  </dd>
                  <dt>skipRows</dt>
                  <dd>
                    Rows to leave out: [{'{'}column, pattern{'}'}], e.g. totals.
                  </dd>
                  <dt>missing</dt>
                  <dd>Cell values that mean “no figure” (e.g. "", "NA", "W"): that row is skipped.</dd>
                </dl>
              </details>
              <div className="recipe-save">
                <input
                  type="text"
                  aria-label="Recipe name"
                  placeholder="Name to save the recipe under"
                  value={saveName}
                  onChange={(event) => setSaveName(event.target.value)}
                />
                <button type="button" disabled={!saveName.trim() || !recipeText.trim()} onClick={() => void saveRecipe()}>
                  Save recipe
                </button>
              </div>
            </li>
          )}
          <li className="import-step">
            <h3>{file?.format === 'json' ? '2' : '3'} · Preview and import</h3>
            <div className="import-actions">
              <button type="button" disabled={!file || busy} onClick={() => void perform('preview')}>
                Preview
              </button>
              <button type="button" className="primary-button" disabled={!file || busy} onClick={() => void perform('import')}>
                Import
              </button>
            </div>
            {busy && file?.kind === 'path' && (
              <ImportProgressView progress={progress} cancelling={cancelling} onCancel={() => void cancelImport()} />
            )}
            {notice && (
              <p className="import-notice" role="status">
                {notice}
              </p>
            )}
          </li>
        </ol>
        <div className="import-result">
          {outcome?.kind === 'failed' && (
            <p className="src-error" role="alert">
              {outcome.message}
            </p>
          )}
          {outcome?.kind === 'cancelled' && (
            <p className="import-cancelled" role="status">
              {outcome.message}
            </p>
          )}
          {outcome && outcome.kind !== 'failed' && outcome.kind !== 'cancelled' && (
            <ImportReportView report={outcome.report} kind={outcome.kind} />
          )}
          {!outcome && (
            <p className="muted import-placeholder">Choose a file and preview it: nothing is written until you import.</p>
          )}
        </div>
      </div>
    </section>
  );
}

/** Rows read, checked and written, and how far through the file, with the Cancel button. */
function ImportProgressView({
  progress,
  cancelling,
  onCancel,
}: {
  progress: ImportProgress | undefined;
  cancelling: boolean;
  onCancel: () => void;
}) {
  const fraction = progress?.fraction ?? 0;
  const percent = Math.floor(fraction * 100);
  const phase =
    progress?.phase === 'finishing'
      ? 'Finishing: conflict groups and the audit record…'
      : progress
        ? `Read ${formatCount(progress.rowsRead, 'row')} · ${formatNumber(progress.rowsWritten)} written${
            progress.problems ? ` · ${formatCount(progress.problems, 'problem')}` : ''
          }`
        : 'Starting…';
  return (
    <div className="import-progress">
      <progress aria-label="Import progress" max={100} value={percent} />
      <p className="import-progress-text" aria-live="polite">
        <span className="import-progress-rows">{phase}</span> · <span className="import-progress-percent">{percent}%</span>
      </p>
      <button type="button" onClick={onCancel} disabled={cancelling}>
        {cancelling ? 'Cancelling…' : 'Cancel import'}
      </button>
    </div>
  );
}

function ImportReportView({ report, kind }: { report: ImportReport; kind: 'preview' | 'imported' | 'refused' }) {
  const more = report.errorCount - report.errors.length;
  const place = report.format === 'csv' ? 'Row' : 'Claim';
  const headline =
    kind === 'imported'
      ? `Imported ${formatCount(report.imported, 'claim')}.`
      : kind === 'refused'
        ? `Nothing imported: ${formatCount(report.errorCount, 'problem')} in the file.`
        : `Dry run: ${formatCount(report.claims, 'claim')} to import.`;
  return (
    <div className={`import-report import-report-${kind}`}>
      <p className="import-counts" role="status">
        <strong>{headline}</strong>{' '}
        <span className="import-tally">
          {kind === 'refused'
            ? `${formatCount(report.claims, 'row')} without problems · ${formatNumber(report.skipped)} skipped`
            : `${formatNumber(report.skipped)} skipped · ${formatCount(report.errorCount, 'problem')}${
                report.sources ? ` · ${formatCount(report.sources, 'new source')}` : ''
              }`}
        </span>
      </p>
      {report.errors.length > 0 && (
        <>
          <h4>Problems</h4>
          <table className="import-table import-errors column-heads">
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  {place}
                </th>
                <th scope="col">Column</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((problem, index) => (
                <tr key={`${problem.row}-${problem.column}-${index}`}>
                  <td className="numeric">{problem.row > 0 ? problem.row : '—'}</td>
                  <td>{problem.column ? <code>{problem.column}</code> : <span className="muted">—</span>}</td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {more > 0 && <p className="muted">…and {formatCount(more, 'more problem')}.</p>}
        </>
      )}
      {report.sample.length > 0 && (
        <>
          <h4>
            {kind === 'imported'
              ? 'Claims imported'
              : kind === 'refused'
                ? 'Rows without problems (imported once every problem is fixed)'
                : 'Claims as they would be imported'}
            {report.sample.length < report.claims ? ` · first ${report.sample.length} of ${formatNumber(report.claims)}` : ''}
          </h4>
          <table className="import-table import-sample column-heads">
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  {place}
                </th>
                <th scope="col">Statement</th>
                <th scope="col">Country · entity</th>
                <th scope="col" className="numeric">
                  Figure
                </th>
                <th scope="col" className="numeric">
                  Year
                </th>
              </tr>
            </thead>
            <tbody>
              {report.sample.map(({ row, claim }, index) => (
                <tr key={`${row}-${index}`}>
                  <td className="numeric">{row > 0 ? row : '—'}</td>
                  <td className="import-statement">{claim.statement}</td>
                  <td>{[claim.country, claim.entity].filter(Boolean).join(' · ') || '—'}</td>
                  <td className="numeric figure-cell">
                    {figureOf(claim)} <span className="muted">{claim.unit ?? ''}</span>
                  </td>
                  <td className="numeric">{claim.year ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function figureOf(claim: ImportReport['sample'][number]['claim']): string {
  if (claim.value !== null) return formatNumber(claim.value);
  if (claim.valueLow !== null && claim.valueHigh !== null)
    return `${formatNumber(claim.valueLow)}–${formatNumber(claim.valueHigh)}`;
  return '—';
}
