export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

/** A value as one short line of text: numbers and words as they are, lists and objects compacted. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return (value as unknown[])
      .map((item) => (typeof item === 'object' && item !== null ? describeObject(item) : showValue(item)))
      .join('; ');
  }
  return describeObject(value);
}

function describeObject(value: object): string {
  const record = value as Record<string, unknown>;
  // Citations read best as "source (stance): excerpt".
  if (typeof record.sourceId === 'string') {
    const stance = typeof record.stance === 'string' ? ` (${record.stance})` : '';
    const excerpt = typeof record.excerpt === 'string' && record.excerpt ? `: “${record.excerpt}”` : '';
    return `${record.sourceId}${stance}${excerpt}`;
  }
  return Object.entries(record)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${showValue(v)}`)
    .join(', ');
}

const ignored = new Set(['updatedAt', 'createdAt', 'seq']);

/** The fields that differ between two snapshots, in the order they appear. */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const from = (before ?? {}) as Record<string, unknown>;
  const to = (after ?? {}) as Record<string, unknown>;
  if (typeof from !== 'object' || typeof to !== 'object') return [];
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].filter((key) => !ignored.has(key));
  return keys
    .filter((key) => JSON.stringify(from[key] ?? null) !== JSON.stringify(to[key] ?? null))
    .map((key) => ({ field: key, before: showValue(from[key]), after: showValue(to[key]) }));
}
