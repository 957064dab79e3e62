import { useCallback, useState, type ChangeEvent } from 'react';
import { readAsText } from '../archive/read-file';
import { formatCount, formatNumber } from '../common/numbers';
import { useLoadable } from '../common/useLoadable';
import { cleanMessage } from '../sources/field-errors';
import type { Vocabulary } from '../types';
import { draftOf, exampleRecipe, importOperations, type ImportReport, type ImportRequest } from './import-ops';
import './import.css';

export interface ImportViewProps {
  vocabulary: Vocabulary;
  onImported: () => void;
}

interface ChosenFile {
  name: string;
  format: 'csv' | 'json';
  content: string;
}

type Outcome =
  { kind: 'preview'; report: ImportReport } | { kind: 'imported'; report: ImportReport } | { kind: 'failed'; message: string };

/**
 * Claims from a file in four steps: choose the file, say how its columns read (a recipe, for CSV),
 * preview the dry run with every problem by row and column, then import all or nothing.
 */
export function ImportView({ vocabulary, onImported }: ImportViewProps) {
  const ops = importOperations();
  const [recipesVersion, setRecipesVersion] = useState(0);
  const loadRecipes = useCallback(
    () => importOperations()?.listRecipes() ?? Promise.resolve([]),
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

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    setOutcome(undefined);
    setNotice(undefined);
    try {
      const content = await readAsText(chosen);
      const format = /\.json$/i.test(chosen.name) || chosen.type === 'application/json' ? 'json' : 'csv';
      setFile({ name: chosen.name, format, content });
    } catch (error) {
      setOutcome({ kind: 'failed', message: cleanMessage(error) });
    }
  };

  /** The request for the chosen file; a typed recipe wins over a saved one. */
  const request = (): ImportRequest | string => {
    if (!file) return 'Choose a file first.';
    const base: ImportRequest = { format: file.format, content: file.content, fileName: file.name };
    if (file.format === 'json') return base;
    if (recipeText.trim()) {
      try {
        return { ...base, recipe: JSON.parse(recipeText) as unknown };
      } catch (error) {
        return `The recipe is not valid JSON: ${cleanMessage(error)}`;
      }
    }
    if (recipeName) return { ...base, recipeName };
    return 'A CSV file needs a recipe: pick a saved one or write one.';
  };

  const perform = async (kind: 'preview' | 'import') => {
    if (!ops) return;
    const input = request();
    if (typeof input === 'string') return setOutcome({ kind: 'failed', message: input });
    setBusy(true);
    setNotice(undefined);
    try {
      if (kind === 'preview') {
        setOutcome({ kind: 'preview', report: await ops.previewImport(input) });
        return;
      }
      // All or nothing: a dry run first, so the problems are shown as a table rather than one sentence.
      const dry = await ops.previewImport(input);
      if (dry.errors.length > 0 || (dry.errorCount ?? 0) > 0) {
        setOutcome({ kind: 'preview', report: dry });
        setNotice('Nothing was imported: fix the problems below and preview again.');
        return;
      }
      const report = await ops.runImport(input);
      if (report.committed === false || report.errors.length > 0) {
        setOutcome({ kind: 'preview', report });
        setNotice('Nothing was imported: fix the problems below and preview again.');
        return;
      }
      setOutcome({ kind: 'imported', report });
      onImported();
    } catch (error) {
      setOutcome({ kind: 'failed', message: cleanMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const saveRecipe = async () => {
    if (!ops) return;
    setNotice(undefined);
    try {
      const recipe = JSON.parse(recipeText) as unknown;
      await ops.saveRecipe({ name: saveName, recipe });
      setRecipesVersion((v) => v + 1);
      setRecipeName(saveName.trim());
      setNotice(`Recipe saved as "${saveName.trim()}".`);
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
      {!ops && (
        <p className="src-error import-unavailable" role="alert">
          This build of Chokepoint does not offer imports yet (the import operations are not in its operation table).
        </p>
      )}
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
            {file && (
              <p className="import-file">
                <code>{file.name}</code> · {file.format.toUpperCase()} · {formatCount(file.content.split('\n').length, 'line')}
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
                <button type="button" disabled={!ops || !saveName.trim() || !recipeText.trim()} onClick={() => void saveRecipe()}>
                  Save recipe
                </button>
              </div>
            </li>
          )}
          <li className="import-step">
            <h3>{file?.format === 'json' ? '2' : '3'} · Preview and import</h3>
            <div className="import-actions">
              <button type="button" disabled={!ops || !file || busy} onClick={() => void perform('preview')}>
                Preview
              </button>
              <button
                type="button"
                className="primary-button"
                disabled={!ops || !file || busy}
                onClick={() => void perform('import')}
              >
                Import
              </button>
            </div>
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
          {outcome && outcome.kind !== 'failed' && (
            <ImportReportView report={outcome.report} imported={outcome.kind === 'imported'} />
          )}
          {!outcome && (
            <p className="muted import-placeholder">Choose a file and preview it: nothing is written until you import.</p>
          )}
        </div>
      </div>
    </section>
  );
}

function ImportReportView({ report, imported }: { report: ImportReport; imported: boolean }) {
  const problems = report.errorCount ?? report.errors.length;
  return (
    <div className="import-report">
      <p className="import-counts" role="status">
        {imported ? (
          <strong>Imported {formatCount(report.imported, 'claim')}.</strong>
        ) : (
          <strong>Dry run: {formatCount(report.claims ?? report.sample.length, 'claim')} would be imported.</strong>
        )}{' '}
        {formatNumber(report.skipped)} skipped · {formatCount(problems, 'problem')}
        {report.sources ? ` · ${formatCount(report.sources, 'new source')}` : ''}
      </p>
      {report.errors.length > 0 && (
        <>
          <h4>Problems</h4>
          <table className="import-table import-errors">
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  Row
                </th>
                <th scope="col">Column</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((problem, index) => (
                <tr key={`${problem.row}-${problem.column}-${index}`}>
                  <td className="numeric">{problem.row > 0 ? problem.row : '—'}</td>
                  <td>
                    <code>{problem.column}</code>
                  </td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {problems > report.errors.length && <p className="muted">…and {problems - report.errors.length} more.</p>}
        </>
      )}
      {report.sample.length > 0 && (
        <>
          <h4>{imported ? 'First claims imported' : 'First claims as they would be imported'}</h4>
          <table className="import-table import-sample">
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  Row
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
              {report.sample.map((entry, index) => {
                const { row, claim } = draftOf(entry);
                return (
                  <tr key={`${row ?? ''}-${index}`}>
                    <td className="numeric">{row ?? '—'}</td>
                    <td>{claim.statement}</td>
                    <td>{[claim.country, claim.entity].filter(Boolean).join(' · ') || '—'}</td>
                    <td className="numeric figure-cell">
                      {claim.value === null || claim.value === undefined ? '—' : formatNumber(claim.value)}{' '}
                      <span className="muted">{claim.unit ?? ''}</span>
                    </td>
                    <td className="numeric">{claim.year ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
