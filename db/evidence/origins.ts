import type { Database } from 'better-sqlite3';

/**
 * Origins: a source that derives from nothing is its own origin; a relay (a news piece restating a
 * company release) rests on the origins of what it derives from. Two claims' sources are
 * independent only when their origins differ. Cycles are refused when links are written.
 */
export interface SourceGraph {
  derivedFrom: Map<string, string[]>;
  stateAffiliated: Map<string, boolean>;
}

export function loadSourceGraph(db: Database): SourceGraph {
  const derivedFrom = new Map<string, string[]>();
  for (const row of db.prepare('SELECT source_id, derived_from_id FROM source_derivations').iterate() as IterableIterator<{
    source_id: string;
    derived_from_id: string;
  }>) {
    const list = derivedFrom.get(row.source_id);
    if (list) list.push(row.derived_from_id);
    else derivedFrom.set(row.source_id, [row.derived_from_id]);
  }
  const stateAffiliated = new Map<string, boolean>();
  for (const row of db
    .prepare(
      `SELECT id, (publisher_type IN ('state_media', 'state_owned_company') OR state_affiliated = 'yes') AS state
         FROM sources`,
    )
    .iterate() as IterableIterator<{ id: string; state: number }>) {
    stateAffiliated.set(row.id, row.state === 1);
  }
  return { derivedFrom, stateAffiliated };
}

export function originsOf(graph: SourceGraph, sourceId: string, seen = new Set<string>()): Set<string> {
  const parents = graph.derivedFrom.get(sourceId);
  if (!parents || parents.length === 0) return new Set([sourceId]);
  const origins = new Set<string>();
  seen.add(sourceId);
  for (const parent of parents) {
    if (seen.has(parent)) continue;
    for (const origin of originsOf(graph, parent, seen)) origins.add(origin);
  }
  seen.delete(sourceId);
  return origins;
}

/** Every path from a source to each of its origins: the chain the claim detail panel shows. */
export function pathsToOrigins(graph: SourceGraph, sourceId: string, trail: string[] = []): string[][] {
  const here = [...trail, sourceId];
  const parents = (graph.derivedFrom.get(sourceId) ?? []).filter((p) => !here.includes(p));
  if (parents.length === 0) return [here];
  return parents.flatMap((parent) => pathsToOrigins(graph, parent, here));
}

/** Would linking `sourceId` → derived from `candidate` close a loop? */
export function wouldCycle(graph: SourceGraph, sourceId: string, candidates: string[]): string | undefined {
  for (const candidate of candidates) {
    if (candidate === sourceId) return candidate;
    const stack = [candidate];
    const seen = new Set<string>();
    while (stack.length) {
      const next = stack.pop()!;
      if (next === sourceId) return candidate;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(graph.derivedFrom.get(next) ?? []));
    }
  }
  return undefined;
}
