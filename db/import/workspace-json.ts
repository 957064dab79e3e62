import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { setCountrySide } from '../evidence/bloc-writes';
import { insertClaimRows } from '../evidence/claim-writes';
import { countryKey, type CountrySide } from '../evidence/countries';
import { claimInput, sourceInput, type ClaimInput, type SourceInput } from '../evidence/inputs';
import { loadSourceGraph, wouldCycle } from '../evidence/origins';
import { insertSourceRow } from '../evidence/source-writes';
import { newScoreId } from '../score/ids';
import { workspaceFileSchema, type Stamps } from '../export/workspace-format';
import type { ClaimDraft, ImportProblem } from './apply-recipe';
import { plainMessages } from '../validation';
import { incomingRecipeSchema, type Recipe } from './recipe';
import { emptyScoringPlan, planScoringImport, writeScoringPlan, type ScoringPlan } from './scoring-plan';

/**
 * Reading a workspace JSON file (see export/workspace-format.ts) into a workspace. Planning only
 * reads, so a dry run works on a read-only connection; writing inserts everything the plan holds,
 * inside the caller's transaction. Ids are kept, so an id the workspace already has is refused by
 * name rather than merged or renamed. The bloc mapping adds the names the workspace does not map;
 * a name it maps to another side is refused, since taking either side would silently move claims.
 */
type WithIdAndStamps<T> = T & { id: string } & { [K in keyof Stamps]?: string | undefined };

export interface WorkspacePlan {
  sources: WithIdAndStamps<SourceInput>[];
  archives: {
    sourceId: string;
    kind: 'text' | 'file';
    fileName: string | null;
    mediaType: string;
    sha256: string;
    addedAt?: string | undefined;
    content: Buffer;
  }[];
  claims: ClaimDraft[];
  claimRows: WithIdAndStamps<ClaimInput>[];
  preferences: { groupKey: string; claimId: string; reason: string; setAt?: string | undefined }[];
  recipes: { name: string; recipe: Recipe; savedAt?: string | undefined }[];
  /** Only the names the workspace does not map yet. */
  countrySides: { country: string; side: CountrySide }[];
  /** Assessments, scenarios and snapshots (see scoring-plan.ts for how the default assessment comes in). */
  scoring: ScoringPlan;
}

function problem(column: string, message: string): ImportProblem {
  return { row: 0, column, message };
}

function issues(error: z.ZodError, prefix: string, what: string): ImportProblem[] {
  return error.issues.map((issue) => {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    const message = issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message;
    const field = path.map(String).join('.');
    return problem([prefix, field].filter(Boolean).join('.'), `${what}${field ? `: ${field}` : ''}: ${message}`);
  });
}

export function planWorkspaceImport(db: Database, content: string): { plan: WorkspacePlan; errors: ImportProblem[] } {
  const plan: WorkspacePlan = {
    sources: [],
    archives: [],
    claims: [],
    claimRows: [],
    preferences: [],
    recipes: [],
    countrySides: [],
    scoring: emptyScoringPlan(),
  };
  const errors: ImportProblem[] = [];
  let json: unknown;
  try {
    json = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
  } catch (error) {
    // V8 quotes the text around the fault, line breaks and all: one line, and short, for the analyst.
    const reason = (error as Error).message.replace(/\s+/g, ' ').slice(0, 200);
    return { plan, errors: [problem('', `the file is not valid JSON: ${reason}`)] };
  }
  const envelope = workspaceFileSchema.safeParse(json, plainMessages);
  if (!envelope.success) return { plan, errors: issues(envelope.error, '', 'workspace file') };
  const file = envelope.data;

  const exists = (table: string, key = 'id') => db.prepare(`SELECT 1 FROM ${table} WHERE ${key} = ?`).pluck();
  const sourceInWorkspace = exists('sources');
  const claimInWorkspace = exists('claims');
  const seen = { sources: new Set<string>(), claims: new Set<string>() };

  file.sources.forEach(({ id, createdAt, updatedAt, ...rest }, index) => {
    const at = `sources.${index}`;
    if (seen.sources.has(id)) errors.push(problem(`${at}.id`, `source "${id}" appears twice in the file`));
    else if (sourceInWorkspace.get(id)) errors.push(problem(`${at}.id`, `source "${id}" already exists in this workspace`));
    seen.sources.add(id);
    const valid = sourceInput.safeParse(rest, plainMessages);
    if (valid.success) plan.sources.push({ ...valid.data, id, createdAt, updatedAt });
    else errors.push(...issues(valid.error, at, `source "${id}"`));
  });
  const sourceKnown = (id: string) => seen.sources.has(id) || Boolean(sourceInWorkspace.get(id));
  for (const [index, source] of plan.sources.entries())
    for (const parent of source.derivedFrom)
      if (!sourceKnown(parent))
        errors.push(
          problem(
            `sources.${index}.derivedFrom`,
            `source "${source.id}" derives from "${parent}", which is neither in the file nor in the workspace`,
          ),
        );
  const graph = loadSourceGraph(db);
  for (const source of plan.sources) graph.derivedFrom.set(source.id, [...source.derivedFrom]);
  for (const source of plan.sources) {
    const parents = graph.derivedFrom.get(source.id) ?? [];
    graph.derivedFrom.delete(source.id);
    const loop = wouldCycle(graph, source.id, parents);
    if (loop) errors.push(problem('derivedFrom', `source "${source.id}" derives from "${loop}", which rests on it: a loop`));
    graph.derivedFrom.set(source.id, parents);
  }

  const archived = new Set<string>();
  file.archives.forEach(({ base64, ...archive }, index) => {
    const at = `archives.${index}`;
    if (!seen.sources.has(archive.sourceId))
      return errors.push(
        problem(`${at}.sourceId`, `an archived copy belongs to source "${archive.sourceId}", which is not in the file`),
      );
    if (archived.has(archive.sourceId))
      return errors.push(problem(`${at}.sourceId`, `source "${archive.sourceId}" has two archived copies`));
    archived.add(archive.sourceId);
    const content = Buffer.from(base64, 'base64');
    if (createHash('sha256').update(content).digest('hex') !== archive.sha256)
      return errors.push(
        problem(
          `${at}.sha256`,
          `the archived copy of source "${archive.sourceId}" does not match its SHA-256: it was changed or damaged`,
        ),
      );
    plan.archives.push({ ...archive, content });
  });

  file.claims.forEach(({ id, createdAt, updatedAt, ...rest }, index) => {
    const at = `claims.${index}`;
    if (seen.claims.has(id)) errors.push(problem(`${at}.id`, `claim "${id}" appears twice in the file`));
    else if (claimInWorkspace.get(id)) errors.push(problem(`${at}.id`, `claim "${id}" already exists in this workspace`));
    seen.claims.add(id);
    const valid = claimInput.safeParse(rest, plainMessages);
    if (!valid.success) return errors.push(...issues(valid.error, at, `claim "${id}"`));
    valid.data.citations.forEach((citation, c) => {
      if (!sourceKnown(citation.sourceId))
        errors.push(
          problem(
            `${at}.citations.${c}.sourceId`,
            `claim "${id}" cites source "${citation.sourceId}", which is neither in the file nor in the workspace`,
          ),
        );
    });
    plan.claims.push({ row: index + 1, claim: valid.data });
    plan.claimRows.push({ ...valid.data, id, createdAt, updatedAt });
  });

  const preferenceInWorkspace = exists('conflict_preferences', 'group_key');
  const groups = new Set<string>();
  file.preferences.forEach((preference, index) => {
    const at = `preferences.${index}`;
    if (groups.has(preference.groupKey) || preferenceInWorkspace.get(preference.groupKey))
      errors.push(problem(`${at}.groupKey`, `conflict group "${preference.groupKey}" already has a preferred claim`));
    else if (!seen.claims.has(preference.claimId) && !claimInWorkspace.get(preference.claimId))
      errors.push(
        problem(`${at}.claimId`, `the preferred claim "${preference.claimId}" is neither in the file nor in the workspace`),
      );
    groups.add(preference.groupKey);
    plan.preferences.push(preference);
  });

  const recipeInWorkspace = exists('import_recipes', 'name');
  const names = new Set<string>();
  file.recipes.forEach(({ name, recipe, savedAt }, index) => {
    const at = `recipes.${index}`;
    if (names.has(name) || recipeInWorkspace.get(name))
      errors.push(problem(`${at}.name`, `a recipe named "${name}" already exists in this workspace`));
    names.add(name);
    const valid = incomingRecipeSchema.safeParse(recipe, plainMessages);
    if (valid.success) plan.recipes.push({ name, recipe: valid.data, savedAt });
    else errors.push(...issues(valid.error, `${at}.recipe`, `recipe "${name}"`));
  });

  const mappedInWorkspace = db.prepare('SELECT side FROM country_sides WHERE name = ?').pluck();
  const mappedInFile = new Set<string>();
  file.countrySides.forEach(({ country, side }, index) => {
    const at = `countrySides.${index}.country`;
    const key = countryKey(country);
    const current = mappedInWorkspace.get(key) as CountrySide | undefined;
    if (mappedInFile.has(key)) errors.push(problem(at, `country "${country}" is mapped twice in the file`));
    else if (current && current !== side)
      errors.push(
        problem(at, `country "${country}" is ${side} in the file but ${current} in this workspace; make them agree first`),
      );
    else if (!current) plan.countrySides.push({ country, side });
    mappedInFile.add(key);
  });

  const scoring = planScoringImport(
    db,
    file,
    (id) => seen.claims.has(id) || Boolean(claimInWorkspace.get(id)),
    () => newScoreId('asm'),
  );
  plan.scoring = scoring.plan;
  errors.push(...scoring.errors);
  return { plan, errors };
}

/**
 * Writes a plan without errors; the caller holds the transaction, refreshes evidence and audits the
 * import. New country mappings come first, each audited on its country as any change of side is,
 * so the country's history shows the import moved its claims, and the refresh places the new claims.
 */
export function writeWorkspacePlan(db: Database, plan: WorkspacePlan): void {
  for (const { country, side } of plan.countrySides) setCountrySide(db, country, side);
  const stamp = (table: string) =>
    db.prepare(
      `UPDATE ${table} SET created_at = coalesce(@createdAt, created_at), updated_at = coalesce(@updatedAt, updated_at) WHERE id = @id`,
    );
  const stampSource = stamp('sources');
  for (const source of plan.sources) {
    const { createdAt, updatedAt, ...fields } = source;
    insertSourceRow(db, fields);
    stampSource.run({ id: source.id, createdAt: createdAt ?? null, updatedAt: updatedAt ?? null });
  }
  const link = db.prepare('INSERT INTO source_derivations (source_id, derived_from_id) VALUES (?, ?)');
  for (const source of plan.sources) for (const parent of new Set(source.derivedFrom)) link.run(source.id, parent);
  const archive = db.prepare(
    `INSERT INTO source_archives (source_id, kind, file_name, media_type, content, sha256, size, added_at)
     VALUES (@sourceId, @kind, @fileName, @mediaType, @content, @sha256, @size, coalesce(@addedAt, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))`,
  );
  for (const a of plan.archives) archive.run({ ...a, addedAt: a.addedAt ?? null, size: a.content.length });
  insertClaimRows(
    db,
    plan.claimRows.map(({ createdAt: _c, updatedAt: _u, ...claim }) => claim),
  );
  const stampClaim = stamp('claims');
  for (const claim of plan.claimRows)
    stampClaim.run({ id: claim.id, createdAt: claim.createdAt ?? null, updatedAt: claim.updatedAt ?? null });
  const prefer = db.prepare(
    `INSERT INTO conflict_preferences (group_key, claim_id, reason, set_at)
     VALUES (@groupKey, @claimId, @reason, coalesce(@setAt, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))`,
  );
  for (const p of plan.preferences) prefer.run({ ...p, setAt: p.setAt ?? null });
  const saveRecipe = db.prepare(
    `INSERT INTO import_recipes (name, recipe, saved_at) VALUES (?, ?, coalesce(?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))`,
  );
  for (const r of plan.recipes) saveRecipe.run(r.name, JSON.stringify(r.recipe), r.savedAt ?? null);
  writeScoringPlan(db, plan.scoring);
}
