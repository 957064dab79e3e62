import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { appendAudit } from '../audit/log';
import { UserError } from '../errors';
import { parseInput } from '../validation';
import { incomingRecipeSchema, recipeSchema, type Recipe } from './recipe';

/**
 * Import recipes saved in the workspace under a name, so the wizard can offer them again and a
 * colleague receiving the workspace imports next year's table the same way. Saving and deleting
 * are audited like any other change.
 */
export const recipeName = z.string().trim().min(1, 'give the recipe a name').max(200, 'must be at most 200 characters');
export const saveRecipeInput = z.strictObject({ name: recipeName, recipe: incomingRecipeSchema });
export const recipeNameInput = z.strictObject({ name: recipeName });

export interface SavedRecipe {
  name: string;
  recipe: Recipe;
  savedAt: string;
}

interface StoredRecipe {
  name: string;
  recipe: string;
  saved_at: string;
}

function toSaved(row: StoredRecipe): SavedRecipe {
  return {
    name: row.name,
    recipe: parseInput(recipeSchema, JSON.parse(row.recipe), `recipe "${row.name}"`),
    savedAt: row.saved_at,
  };
}

export function listRecipes(db: Database): SavedRecipe[] {
  return (db.prepare('SELECT name, recipe, saved_at FROM import_recipes ORDER BY name').all() as StoredRecipe[]).map(toSaved);
}

export function getRecipe(db: Database, name: string): SavedRecipe | undefined {
  const row = db.prepare('SELECT name, recipe, saved_at FROM import_recipes WHERE name = ?').get(name.trim()) as
    StoredRecipe | undefined;
  return row && toSaved(row);
}

/** Creates or replaces a recipe; `recipe` is validated again here, whichever door it came through. */
export function saveRecipe(db: Database, name: string, recipe: unknown): SavedRecipe {
  const valid = parseInput(saveRecipeInput, { name, recipe }, 'recipe');
  db.transaction(() => {
    const before = getRecipe(db, valid.name);
    db.prepare(
      `INSERT INTO import_recipes (name, recipe) VALUES (?, ?)
       ON CONFLICT (name) DO UPDATE SET recipe = excluded.recipe, saved_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    ).run(valid.name, JSON.stringify(valid.recipe));
    appendAudit(db, {
      action: before ? 'update' : 'create',
      entityType: 'recipe',
      entityId: valid.name,
      ...(before ? { before: before.recipe } : {}),
      after: valid.recipe,
    });
  })();
  return getRecipe(db, valid.name)!;
}

export function deleteRecipe(db: Database, name: string): void {
  db.transaction(() => {
    const before = getRecipe(db, name);
    if (!before) throw new UserError(`No saved recipe named "${name}".`, 'name');
    db.prepare('DELETE FROM import_recipes WHERE name = ?').run(before.name);
    appendAudit(db, { action: 'delete', entityType: 'recipe', entityId: before.name, before: before.recipe });
  })();
}
