import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { refreshEvidence } from '../../db/evidence/refresh';
import { reindexClaims } from '../../db/evidence/search-index';
import { openWorkspace } from '../../db/workspace/open';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A starter workspace made the way an analyst makes one: with the CLI. */
export function createStarterWorkspace(file: string, name: string): void {
  execFileSync(join(root, 'node_modules/.bin/tsx'), ['db/cli.ts', 'init', '--workspace', file, '--name', name], {
    cwd: root,
    stdio: 'pipe',
  });
}

/**
 * Adds `copies` copies of every claim (with their citations and tags) so a workspace holds thousands
 * of claims. Writing rows directly is far faster than one createClaim per copy; the derived evidence
 * and the search index are then rebuilt the way the write paths keep them.
 */
export function multiplyClaims(file: string, copies: number): void {
  const workspace = openWorkspace(file);
  try {
    // seq is the row's own key: each copy gets a new one.
    const columns = (workspace.db.pragma('table_info(claims)') as { name: string }[])
      .map((column) => column.name)
      .filter((column) => column !== 'seq');
    const copied = columns.map((column) =>
      column === 'id' ? `id || '-copy' || @n` : column === 'statement' ? `statement || ' (copy ' || @n || ')'` : column,
    );
    const copyClaims = workspace.db.prepare(
      `INSERT INTO claims (${columns.join(', ')}) SELECT ${copied.join(', ')} FROM claims WHERE id NOT LIKE '%-copy%'`,
    );
    const citationColumns = (workspace.db.pragma('table_info(claim_citations)') as { name: string }[]).map(
      (column) => column.name,
    );
    const copiedCitations = citationColumns.map((column) => (column === 'claim_id' ? `claim_id || '-copy' || @n` : column));
    const copyCitations = workspace.db.prepare(
      `INSERT INTO claim_citations (${citationColumns.join(', ')}) SELECT ${copiedCitations.join(', ')} FROM claim_citations WHERE claim_id NOT LIKE '%-copy%'`,
    );
    const copyTags = workspace.db.prepare(
      `INSERT INTO claim_tags (claim_id, tag) SELECT claim_id || '-copy' || @n, tag FROM claim_tags WHERE claim_id NOT LIKE '%-copy%'`,
    );
    workspace.db.transaction(() => {
      for (let n = 1; n <= copies; n++) {
        copyClaims.run({ n });
        copyCitations.run({ n });
        copyTags.run({ n });
      }
      refreshEvidence(workspace.db, 'all');
      reindexClaims(workspace.db, 'all');
    })();
  } finally {
    workspace.close();
  }
}
