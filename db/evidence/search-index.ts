import type { Database } from 'better-sqlite3';

/**
 * The full-text index (FTS5, rowid = claims.seq) over a claim's statement, the excerpts and titles
 * of the sources it cites, and its notes. Write paths call reindexClaims in their transaction.
 */
/** What claim_search holds for each claim: its statement, its excerpts, notes and names, and its sources' titles. */
function indexRows(where: string): string {
  return `INSERT INTO claim_search (rowid, statement, excerpts, notes, sources)
     SELECT c.seq, c.statement,
            (SELECT group_concat(cc.excerpt, ' … ') FROM claim_citations cc WHERE cc.claim_id = c.id),
            concat_ws(' ', c.notes, c.confidence_note, c.entity, c.country,
                      (SELECT group_concat(tag, ' ') FROM claim_tags t WHERE t.claim_id = c.id)),
            (SELECT group_concat(concat_ws(' ', s.title, s.publisher), ' … ')
               FROM claim_citations cc JOIN sources s ON s.id = cc.source_id WHERE cc.claim_id = c.id)
       FROM claims c ${where}`;
}

export function reindexClaims(db: Database, which: 'all' | readonly string[]): void {
  const where = which === 'all' ? '' : 'WHERE c.id IN (SELECT value FROM json_each(@ids))';
  const params = which === 'all' ? {} : { ids: JSON.stringify(which) };
  if (which === 'all') db.prepare('DELETE FROM claim_search').run();
  else db.prepare(`DELETE FROM claim_search WHERE rowid IN (SELECT seq FROM claims c ${where})`).run(params);
  db.prepare(indexRows(where)).run(params);
}

/**
 * Indexes claims just inserted, by their range of seq: an import's chunk. They are new, so there is
 * nothing of theirs to delete from the index first (which was most of reindexClaims' time there).
 */
export function newClaimsIndexer(db: Database): (firstSeq: number, lastSeq: number) => void {
  const insert = db.prepare(indexRows('WHERE c.seq BETWEEN ? AND ?'));
  return (firstSeq, lastSeq) => {
    insert.run(firstSeq, lastSeq);
  };
}

/** Removes deleted claims from the index; call before deleting (the rowid comes from claims.seq). */
export function unindexClaims(db: Database, ids: readonly string[]): void {
  db.prepare('DELETE FROM claim_search WHERE rowid IN (SELECT seq FROM claims WHERE id IN (SELECT value FROM json_each(?)))').run(
    JSON.stringify(ids),
  );
}

/**
 * Turns what an analyst types into an FTS5 query: words are ANDed, "quoted phrases" kept whole,
 * and the last word matched as a prefix so results follow the typing. Operators typed by the user
 * are treated as words, so no input can make a malformed query.
 */
export function searchQuery(input: string): string | null {
  const parts: string[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  let match: RegExpExecArray | null;
  let lastWasWord = false;
  while ((match = pattern.exec(input)) !== null) {
    if (match[1] !== undefined) {
      const words = match[1].replace(/[^\p{L}\p{N}\s]/gu, ' ').trim();
      if (words) parts.push(`"${words}"`);
      lastWasWord = false;
    } else {
      const word = match[2]!.replace(/[^\p{L}\p{N}]/gu, ' ').trim();
      for (const piece of word.split(/\s+/).filter(Boolean)) parts.push(`"${piece}"`);
      lastWasWord = word.length > 0;
    }
  }
  if (parts.length === 0) return null;
  const trailingSpace = /\s$/.test(input);
  if (lastWasWord && !trailingSpace) parts[parts.length - 1] = `${parts[parts.length - 1]}*`;
  return parts.join(' ');
}
