import { claimInput, type ClaimInput } from '../evidence/inputs';
import { facilityStatuses, metricLabels, metrics, stageLabels, stages, type Metric } from '../evidence/vocabulary';
import type { CsvRow, ParsedCsv } from './csv';
import { plainMessages } from '../validation';
import { validDraft } from './fast-claim';
import { parseNumber } from './numbers';
import { captureGroups, SLOW_PATTERN, slowPatterns, type Recipe, type RecipeColumnField } from './recipe';

/**
 * Turns a parsed table into claim drafts by a recipe, with no database: the same function gives the
 * wizard's preview, the dry run and the real import, so what the analyst previews is what lands.
 * Every problem names the spreadsheet row, the column it came from (or the recipe key for a
 * constant) and the reason; a row with a problem yields no claim.
 */
export interface ImportProblem {
  /** The spreadsheet row (header = 1); 0 when the problem is not in any row. */
  row: number;
  /** The file's column header, or the recipe key (e.g. "constants.stage", "wide.columnPattern"). */
  column: string;
  message: string;
}

export interface ClaimDraft {
  /** The spreadsheet row the claim comes from. */
  row: number;
  claim: ClaimInput;
}

export interface RecipeResult {
  claims: ClaimDraft[];
  /** Rows dropped by skipRows, blank rows, and value cells holding a "missing" token. */
  skipped: number;
  errors: ImportProblem[];
}

const numericFields = new Set<RecipeColumnField>(['value', 'valueLow', 'valueHigh', 'year']);

/** "Under construction", "under-construction" and "under_construction" all mean the same key. */
function vocabularyKey<K extends string>(cell: string, keys: readonly K[], labels?: Record<K, string>): string {
  const wanted = cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const byKey = keys.find((key) => key === wanted);
  if (byKey) return byKey;
  const byLabel = labels && keys.find((key) => labels[key].toLowerCase().replace(/[\s-]+/g, '_') === wanted);
  return byLabel ?? cell.trim();
}

const formatter = new Intl.NumberFormat('en-US', { maximumFractionDigits: 10 });

function metricWords(metric: unknown): string {
  const label = metrics.includes(metric as Metric) ? metricLabels[metric as Metric] : String(metric);
  return label.replace(/\s*\(.*\)$/, '').toLowerCase();
}

/** "Australia: production 18,000 t (2023)", from whatever fields the row has. */
export function writeStatement(fields: Record<string, unknown>): string {
  const { entity, country, stage, unit, year, value, valueLow, valueHigh } = fields as Record<string, string | number | null>;
  const subject =
    entity && country
      ? `${entity} (${country})`
      : (entity ?? country ?? (stage ? stageLabels[stage as keyof typeof stageLabels] : null));
  const withUnit = (n: number) => `${formatter.format(n)}${unit ? (unit === '%' ? '%' : ` ${unit}`) : ''}`;
  let figure = '';
  if (typeof value === 'number') figure = withUnit(value);
  if (typeof valueLow === 'number' && typeof valueHigh === 'number')
    figure = figure
      ? `${figure} (${formatter.format(valueLow)}–${withUnit(valueHigh)})`
      : `${formatter.format(valueLow)}–${withUnit(valueHigh)}`;
  const what = [metricWords(fields.metric ?? 'qualitative'), figure].filter(Boolean).join(' ');
  const body = `${what}${year ? ` (${year})` : ''}`;
  return subject ? `${subject}: ${body}` : body.charAt(0).toUpperCase() + body.slice(1);
}

interface WideColumn {
  index: number;
  header: string;
  year: number;
}

/** What one spreadsheet row gave: its claims, whether it was skipped, and its problems. */
export interface RowOutcome {
  claims: ClaimDraft[];
  skipped: number;
  errors: ImportProblem[];
}

/** A recipe bound to a file's header: applies to one row at a time, so a huge file never sits in memory. */
export interface PreparedRecipe {
  /** Problems with the header itself (a missing or doubled column, a wide pattern that matches nothing). */
  errors: ImportProblem[];
  applyRow(row: CsvRow): RowOutcome;
}

export function prepareRecipe(header: readonly string[], recipe: Recipe, sourceId: string): PreparedRecipe {
  const errors: ImportProblem[] = [];

  const positions = new Map<string, number[]>();
  header.forEach((name, index) => positions.set(name, [...(positions.get(name) ?? []), index]));
  const locate = (name: string, what: string): number | undefined => {
    const found = positions.get(name.trim());
    if (!found) errors.push({ row: 1, column: name, message: `${what}: the file has no column "${name}"` });
    else if (found.length > 1) errors.push({ row: 1, column: name, message: `${what}: the header has "${name}" twice` });
    return found?.length === 1 ? found[0] : undefined;
  };

  const mapped = new Map<RecipeColumnField, { index: number; header: string }>();
  for (const [field, name] of Object.entries(recipe.columns) as [RecipeColumnField, string | undefined][]) {
    if (!name) continue;
    const index = locate(name, `columns.${field}`);
    if (index !== undefined) mapped.set(field, { index, header: header[index]! });
  }
  // A recipe saved before slow patterns were refused still loads; it is refused here, before any row is read.
  const slow = slowPatterns(recipe);
  if (slow.length > 0)
    return {
      errors: [...errors, ...slow.map(({ path }) => ({ row: 1, column: path.join('.'), message: SLOW_PATTERN }))],
      applyRow: () => ({ claims: [], skipped: 0, errors: [] }),
    };
  const skipRules = recipe.skipRows.map((rule) => ({
    index: locate(rule.column, 'skipRows'),
    pattern: new RegExp(rule.pattern, 'u'),
  }));

  const wide: WideColumn[] = [];
  if (recipe.wide) {
    const pattern = new RegExp(recipe.wide.columnPattern, 'u');
    if (captureGroups(recipe.wide.columnPattern) < 1)
      errors.push({ row: 1, column: 'wide.columnPattern', message: 'needs a capture group for the year' });
    header.forEach((name, index) => {
      const match = pattern.exec(name);
      if (!match) return;
      const year = Number(match[1]);
      if (!Number.isInteger(year))
        errors.push({ row: 1, column: name, message: `wide.columnPattern: "${match[1] ?? ''}" in this header is not a year` });
      else wide.push({ index, header: name, year });
    });
    if (wide.length === 0)
      errors.push({
        row: 1,
        column: 'wide.columnPattern',
        message: `no column of the header matches ${recipe.wide.columnPattern}`,
      });
  }

  const missing = new Set(recipe.missing.map((token) => token.trim().toLowerCase()));
  const isMissing = (cell: string) => missing.has(cell.trim().toLowerCase());
  const { constants } = recipe;
  const columnCount = header.length;
  /** Where each claim field came from, for naming the column of a validation problem. */
  const baseOrigin: Record<string, string> = {};
  for (const key of Object.keys(constants)) baseOrigin[key === 'status' ? 'facilityStatus' : key] = `constants.${key}`;
  for (const [field, { header: name }] of mapped) baseOrigin[field === 'status' ? 'facilityStatus' : field] = name;
  const mappedList = [...mapped];
  const writesStatement = !mapped.has('statement');
  const skipped = (count: number): RowOutcome => ({ claims: [], skipped: count, errors: [] });

  function applyRow(row: CsvRow): RowOutcome {
    const cells = row.cells;
    const cell = (index: number) => cells[index] ?? '';
    if (cells.every((c) => c.trim() === '')) return skipped(1);
    const stray = cells.findIndex((c, index) => index >= columnCount && c.trim() !== '');
    if (stray >= 0)
      return {
        claims: [],
        skipped: 0,
        errors: [
          {
            row: row.row,
            column: `column ${stray + 1}`,
            message: `the row has ${cells.length} cells but the header has ${columnCount} columns (an unquoted comma?)`,
          },
        ],
      };
    if (skipRules.some((rule) => rule.index !== undefined && rule.pattern.test(cell(rule.index).trim()))) return skipped(1);
    const rowErrors: ImportProblem[] = [];
    const fields: Record<string, unknown> = {
      stage: constants.stage,
      metric: constants.metric,
      unit: constants.unit,
      year: constants.year,
      country: constants.country,
      entity: constants.entity,
      facilityStatus: constants.status,
      notes: constants.notes,
      tags: constants.tags,
      credibility: constants.credibility,
      credibilityReason: constants.credibilityReason,
      confidenceNote: constants.confidenceNote,
    };
    let valueMissing = false;
    let skippedCells = 0;

    for (const [field, { index, header: name }] of mappedList) {
      const raw = cell(index);
      const target = field === 'status' ? 'facilityStatus' : field;
      // An empty cell leaves an optional field empty; only the value column decides whether a row is a claim.
      if (isMissing(raw) || (field !== 'value' && raw.trim() === '')) {
        if (field === 'value') valueMissing = true;
        fields[target] = field === 'tags' ? [] : null;
        continue;
      }
      if (numericFields.has(field)) {
        const parsed = parseNumber(raw);
        if (parsed.ok) fields[target] = parsed.value;
        else rowErrors.push({ row: row.row, column: name, message: parsed.reason });
      } else if (field === 'stage') fields.stage = vocabularyKey(raw, stages, stageLabels);
      else if (field === 'metric') fields.metric = vocabularyKey(raw, metrics, metricLabels);
      else if (field === 'status') fields.facilityStatus = vocabularyKey(raw, facilityStatuses);
      else if (field === 'tags')
        fields.tags = raw
          .split(';')
          .map((t) => t.trim())
          .filter(Boolean);
      else fields[target] = raw.trim();
    }

    const figures: { value?: number; year?: number; header?: string }[] = [];
    if (wide.length > 0) {
      for (const column of wide) {
        const raw = cell(column.index);
        if (isMissing(raw)) {
          skippedCells++;
          continue;
        }
        const parsed = parseNumber(raw);
        if (parsed.ok) figures.push({ value: parsed.value, year: column.year, header: column.header });
        else rowErrors.push({ row: row.row, column: column.header, message: parsed.reason });
      }
    } else if (valueMissing) return skipped(1);
    else figures.push({});

    if (rowErrors.length > 0) return { claims: [], skipped: skippedCells, errors: rowErrors };
    const claims: ClaimDraft[] = [];
    const errors: ImportProblem[] = [];
    for (const figure of figures) {
      const draft: Record<string, unknown> = { ...fields };
      if (figure.header) {
        draft.value = figure.value;
        draft.year = figure.year;
      }
      if (writesStatement) draft.statement = writeStatement(draft);
      draft.citations = [
        {
          sourceId,
          excerpt: null,
          locator: figure.header ? `row ${row.row}, ${figure.header}` : `row ${row.row}`,
          stance: 'supports',
        },
      ];
      for (const key of Object.keys(draft)) if (draft[key] === undefined) delete draft[key];
      // Most rows are plainly valid: checked by hand, with zod (and its messages) only for the others.
      const fast = validDraft(draft);
      if (fast) {
        claims.push({ row: row.row, claim: fast });
        continue;
      }
      const result = claimInput.safeParse(draft, plainMessages);
      if (result.success) claims.push({ row: row.row, claim: result.data });
      else {
        const from = figure.header ? { ...baseOrigin, value: figure.header, year: figure.header } : baseOrigin;
        for (const issue of result.error.issues) {
          const field = String(issue.path[0] ?? '');
          errors.push({ row: row.row, column: from[field] ?? field, message: `${field}: ${issue.message}` });
        }
      }
    }
    return { claims, skipped: skippedCells, errors };
  }

  return { errors, applyRow };
}

export function applyRecipe(csv: ParsedCsv, recipe: Recipe, sourceId: string): RecipeResult {
  const prepared = prepareRecipe(csv.header, recipe, sourceId);
  const errors: ImportProblem[] = [...prepared.errors];
  const claims: ClaimDraft[] = [];
  let skipped = 0;
  if (errors.length > 0) return { claims, skipped, errors };
  for (const row of csv.rows) {
    const outcome = prepared.applyRow(row);
    skipped += outcome.skipped;
    for (const claim of outcome.claims) claims.push(claim);
    for (const error of outcome.errors) errors.push(error);
  }
  return { claims, skipped, errors };
}
