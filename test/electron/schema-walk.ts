import type { z } from 'zod';

/**
 * Reading the operation table's zod schemas as data, for the hostile-input tests: which objects are
 * not strict, which strings and lists have no maximum, and a smallest valid input to start from.
 * Works on zod 4's public `_zod.def`; a kind of schema it does not know is reported, not skipped,
 * so a new construct in an input schema makes the test say so instead of passing blindly.
 */
type Schema = z.ZodType;
interface Def {
  type: string;
  [key: string]: unknown;
}
const defOf = (schema: Schema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def) =>
  ((def.checks as { _zod: { def: { check: string; [key: string]: unknown } } }[] | undefined) ?? []).map((c) => c._zod.def);
const maximumOf = (def: Def) => checksOf(def).find((c) => c.check === 'max_length')?.maximum as number | undefined;
const minimumOf = (def: Def) => checksOf(def).find((c) => c.check === 'min_length')?.minimum as number | undefined;

export const isOptional = (schema: Schema): boolean =>
  (schema as unknown as { _zod: { optin?: string } })._zod.optin === 'optional';

/** Every place in a schema where hostile input could go unbounded or unnoticed, by path. */
export function looseSpots(schema: Schema, path = '(input)', seen = new Set<Schema>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const inner = (child: unknown, at = path) => looseSpots(child as Schema, at, seen);
  switch (def.type) {
    case 'object': {
      const out: string[] = [];
      const catchall = def.catchall as Schema | undefined;
      if (!catchall || defOf(catchall).type !== 'never') out.push(`${path}: accepts unknown keys (use z.strictObject)`);
      for (const [key, child] of Object.entries(def.shape as Record<string, Schema>)) out.push(...inner(child, `${path}.${key}`));
      return out;
    }
    case 'string':
      return maximumOf(def) === undefined ? [`${path}: a string without a maximum length`] : [];
    case 'array':
      return [
        ...(maximumOf(def) === undefined ? [`${path}: a list without a maximum length`] : []),
        ...inner(def.element, `${path}[]`),
      ];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return inner(def.innerType);
    case 'pipe':
      // What arrives is checked by the pipe's input side; its output side sees only what that let through.
      return defOf(def.in as Schema).type === 'transform' ? inner(def.out) : inner(def.in);
    case 'union':
      return (def.options as Schema[]).flatMap((option) => inner(option));
    case 'intersection':
      return [...inner(def.left), ...inner(def.right)];
    case 'number':
    case 'int':
    case 'boolean':
    case 'enum':
    case 'literal':
    case 'null':
    case 'undefined':
    case 'never':
    case 'transform':
      return [];
    default:
      return [`${path}: a ${def.type} schema, which the hostile-input test cannot bound`];
  }
}

/**
 * The smallest input the schema accepts, built from its types: required keys only, strings of
 * their minimum length, numbers at their minimum, the first option of an enum or union that works.
 * Undefined when the schema needs more than types tell (a date pattern, a rule across fields).
 */
export function smallestInput(schema: Schema): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(def.shape as Record<string, Schema>))
        if (!isOptional(child)) out[key] = smallestInput(child);
      return out;
    }
    case 'string':
      return 'x'.repeat(Math.max(1, minimumOf(def) ?? 1));
    case 'number':
    case 'int': {
      const low = checksOf(def).find((c) => c.check === 'greater_than')?.value as number | undefined;
      return low ?? 1;
    }
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'array':
      return Array.from({ length: minimumOf(def) ?? 0 }, () => smallestInput(def.element as Schema));
    case 'optional':
    case 'default':
    case 'prefault':
      // A whole input that is optional is still sent as an object by the front ends.
      return smallestInput(def.innerType as Schema);
    case 'nullable':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return smallestInput(def.innerType as Schema);
    case 'pipe':
      return smallestInput(def.in as Schema);
    case 'union': {
      for (const option of def.options as Schema[]) {
        const candidate = smallestInput(option);
        if (option.safeParse(candidate).success) return candidate;
      }
      return smallestInput((def.options as Schema[])[0]!);
    }
    default:
      return undefined;
  }
}

/** The schema of the object at `path` in a valid input, unwrapping optionals, pipes and unions by the input's own shape. */
export function objectShapeAt(schema: Schema, value: unknown): Record<string, Schema> | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return def.shape as Record<string, Schema>;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return objectShapeAt(def.innerType as Schema, value);
    case 'pipe':
      return objectShapeAt(def.in as Schema, value);
    case 'union':
      for (const option of def.options as Schema[]) {
        const shape = objectShapeAt(option, value);
        if (shape && option.safeParse(value).success) return shape;
      }
      return undefined;
    default:
      return undefined;
  }
}

export interface Leaf {
  /** The path as parseInput names it: keys and list positions joined with dots. */
  path: (string | number)[];
  value: unknown;
}

/** Every value in a plain JSON-like input with its path. */
export function leaves(value: unknown, path: (string | number)[] = []): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, [...path, index]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]));
  return [{ path, value }];
}

/** A copy of `input` with the value at `path` replaced (or, for `undefined`, removed). */
export function withValue(input: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(input) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (replacement === undefined) delete at[last];
  else at[last] = replacement;
  return copy;
}

/** Every object in the input (the root included) with its path. */
export function objectsIn(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; value: object }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => objectsIn(item, [...path, index]));
  if (value && typeof value === 'object')
    return [{ path, value }, ...Object.entries(value).flatMap(([key, item]) => objectsIn(item, [...path, key]))];
  return [];
}
