import { createHash, randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { appendAudit } from '../audit/log';
import { loadBlocMapping } from '../evidence/countries';
import { loadSourceGraph } from '../evidence/origins';
import { evidenceOf, regroup } from '../evidence/refresh';
import { newClaimsIndexer } from '../evidence/search-index';
import { insertSourceRow, sourceSnapshot } from '../evidence/source-writes';
import { UserError } from '../errors';
import type { ClaimDraft, ImportProblem, PreparedRecipe } from './apply-recipe';
import { prepareRecipe } from './apply-recipe';
import { CsvSyntaxError } from './csv';
import { CsvRecordReader, type CsvRecord, type TextSource } from './csv-stream';
import type { Recipe } from './recipe';
import type { ImportReport } from './run-import';
import { backUpBeforeImport } from '../workspace/backup-files';

/**
 * A CSV import that runs a chunk of rows at a time, so a file of a million rows never sits in memory
 * and the process can answer other messages (a Cancel above all) between chunks. Still all or
 * nothing: one transaction from the first chunk to the last, committed only when the whole file was
 * read without a problem, rolled back on any problem, on an error or on cancel. Validation and
 * writing happen in the same pass: the rows of a chunk are written as soon as they are checked, and
 * the first problem stops the writing (the rest of the file is still read, so every problem is
 * reported) and rolls everything back at the end.
 */
export const CHUNK_ROWS = 5000;
/** The report lists at most this many problems (the count says how many there were). */
export const MAX_REPORTED_PROBLEMS = 1000;
const SAMPLE_SIZE = 20;
/** Above this many claims the audit record names them by their seq range and a digest, not one by one. */
export const AUDIT_LISTS_IDS_UP_TO = 10_000;
/** Progress is reported at most this often (the window shows it; more would only cost). */
export const PROGRESS_INTERVAL_MS = 100;
/** The page cache an import works with, in KiB (SQLite's default is 2 MB). */
const IMPORT_CACHE_KIB = 128 * 1024;

export type ImportPhase = 'reading' | 'finishing' | 'done' | 'cancelled' | 'failed';

export interface ImportProgress {
  phase: ImportPhase;
  /** Data rows read from the file so far (the header not counted). */
  rowsRead: number;
  /** Rows checked against the recipe (all read rows, once a chunk is done). */
  rowsValidated: number;
  /** Claims written into the (still uncommitted) transaction. */
  rowsWritten: number;
  /** Problems found so far. */
  problems: number;
  /** How far through the file, 0–1 (by bytes or characters). */
  fraction: number;
  /** The number of data rows, once the whole file was read. */
  totalRows?: number;
}

export type CsvImportReport = ImportReport & { format: 'csv' };

export interface CsvImportRequest {
  recipe: Recipe;
  recipeName?: string | undefined;
  fileName?: string | undefined;
}

export interface CsvImportOptions {
  dryRun: boolean;
  chunkRows?: number;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
  /** Report progress at most every this many ms (0: after every chunk). */
  progressIntervalMs?: number;
}

export interface CsvImportJob {
  /** Does one chunk; true once the import has finished (committed, refused, cancelled or failed). */
  step(): boolean;
  /** Asks the import to stop; the next step rolls back. */
  cancel(): void;
  readonly done: boolean;
  /** The outcome, once done. */
  report(): CsvImportReport;
  progress(): ImportProgress;
}

function newImportId(): string {
  return `imp-${randomBytes(6).toString('hex')}`;
}

/** The recipe's sources must exist before anything is read; a UserError names the field at fault. */
export function checkRecipeSources(db: Database, recipe: Recipe): void {
  if (recipe.sourceId && !db.prepare('SELECT 1 FROM sources WHERE id = ?').get(recipe.sourceId))
    throw new UserError(`The recipe cites source "${recipe.sourceId}", which is not in this workspace.`, 'sourceId');
  for (const [index, parent] of (recipe.source?.derivedFrom ?? []).entries())
    if (!db.prepare('SELECT 1 FROM sources WHERE id = ?').get(parent))
      throw new UserError(
        `The recipe's source derives from "${parent}", which is not in this workspace.`,
        `source.derivedFrom.${index}`,
      );
}

/** Claim ids as newId('clm') makes them, drawn a chunk at a time (one call for the random bytes). */
function idMaker(): () => string {
  let pool = Buffer.alloc(0);
  let at = 0;
  return () => {
    if (at + 6 > pool.length) {
      pool = randomBytes(6 * 4096);
      at = 0;
    }
    at += 6;
    return `clm-${pool.toString('hex', at - 6, at)}`;
  };
}

/**
 * For an import as big as the workspace or bigger, the secondary indexes of claims and claim_evidence
 * are dropped inside the import's transaction and built again at its end: one sorted build is far
 * cheaper than a million scattered inserts into each. DDL is transactional in SQLite, so a rollback
 * brings them back, and readers on another connection keep seeing them meanwhile. Indexes SQLite
 * makes itself (primary keys, UNIQUE on claims.id) stay.
 */
function deferIndexes(db: Database): () => void {
  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_schema
        WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('claims', 'claim_evidence')`,
    )
    .all() as { name: string; sql: string }[];
  for (const { name } of indexes) db.exec(`DROP INDEX "${name.replace(/"/g, '""')}"`);
  return () => {
    for (const { sql } of indexes) db.exec(sql);
  };
}

/** Deferring indexes pays once the import brings at least this many claims and as many as the workspace holds. */
const DEFER_INDEXES_FROM = 50_000;

interface Writer {
  writeChunk(drafts: ClaimDraft[], expectedTotal: number): void;
  finish(): { first: number; last: number; ids: string[] | undefined; digest: string; count: number };
}

/** Writes checked claims into the open transaction: rows, citations, tags, evidence and the search index per chunk. */
function claimWriter(db: Database): Writer {
  const insert = db.prepare(
    `INSERT INTO claims (id, statement, stage, country, entity, facility_status, metric, value, value_low, value_high,
                         unit, year, credibility, credibility_reason, confidence_note, notes, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const cite = db.prepare('INSERT INTO claim_citations (claim_id, source_id, excerpt, locator, stance) VALUES (?, ?, ?, ?, ?)');
  const tag = db.prepare('INSERT INTO claim_tags (claim_id, tag) VALUES (?, ?)');
  const evidence = db.prepare(
    `INSERT INTO claim_evidence (claim_seq, independent_origins, state_media_only, contradicted, subject_key, side, conflict_group)
     VALUES (?, ?, ?, ?, ?, ?, NULL)`,
  );
  const graph = loadSourceGraph(db);
  const blocs = loadBlocMapping(db);
  const nextId = idMaker();
  const indexNewClaims = newClaimsIndexer(db);
  const subjects = new Set<string>();
  let rebuildIndexes: (() => void) | null | undefined;
  const digest = createHash('sha256');
  const listed: string[] = [];
  let count = 0;
  let first = 0;
  let last = 0;

  // The columns' default (strftime per row) cost more than the row itself; the same format, once a chunk.
  let now = new Date().toISOString();

  function insertClaim(claim: ClaimDraft['claim']): { id: string; seq: number } {
    // 48 random bits: a clash with an existing claim is rare but possible in a big workspace; draw again.
    for (let attempt = 0; ; attempt++) {
      const id = nextId();
      try {
        const { lastInsertRowid } = insert.run(
          id,
          claim.statement,
          claim.stage,
          claim.country,
          claim.entity,
          claim.facilityStatus,
          claim.metric,
          claim.value,
          claim.valueLow,
          claim.valueHigh,
          claim.unit,
          claim.year,
          claim.credibility,
          claim.credibilityReason,
          claim.confidenceNote,
          claim.notes,
          now,
          now,
        );
        return { id, seq: Number(lastInsertRowid) };
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code !== 'SQLITE_CONSTRAINT_UNIQUE' || attempt >= 5) throw error;
      }
    }
  }

  return {
    writeChunk(drafts, expectedTotal) {
      if (rebuildIndexes === undefined && count === 0) {
        const existing = db.prepare('SELECT max(seq) FROM claims').pluck().get() as number | null;
        rebuildIndexes = expectedTotal >= DEFER_INDEXES_FROM && expectedTotal >= (existing ?? 0) ? deferIndexes(db) : null;
      }
      let firstOfChunk = -1;
      now = new Date().toISOString();
      for (const { claim } of drafts) {
        const { id, seq } = insertClaim(claim);
        let citations = '';
        for (const citation of claim.citations) {
          cite.run(id, citation.sourceId, citation.excerpt, citation.locator, citation.stance);
          citations += `${citations ? '\u001e' : ''}${citation.sourceId}\u001f${citation.stance}`;
        }
        for (const name of claim.tags) tag.run(id, name);
        const facts = evidenceOf(graph, blocs, {
          seq,
          id,
          stage: claim.stage,
          metric: claim.metric,
          year: claim.year,
          entity: claim.entity,
          country: claim.country,
          value: claim.value,
          citations: citations || null,
        });
        evidence.run(
          facts.claim_seq,
          facts.independent_origins,
          facts.state_media_only,
          facts.contradicted,
          facts.subject_key,
          facts.side,
        );
        if (facts.subject_key) subjects.add(facts.subject_key);
        if (count === 0) first = seq;
        if (firstOfChunk < 0) firstOfChunk = seq;
        last = seq;
        count++;
        digest.update(`${id}\n`);
        if (listed.length <= AUDIT_LISTS_IDS_UP_TO) listed.push(id);
      }
      // New claims only: no old index entries to delete first (reindexClaims would look for them).
      if (firstOfChunk >= 0) indexNewClaims(firstOfChunk, last);
    },
    finish() {
      rebuildIndexes?.();
      // Once at the end rather than per chunk: a subject's group can change with every claim added to it.
      regroup(db, subjects);
      return { first, last, count, ids: count <= AUDIT_LISTS_IDS_UP_TO ? listed : undefined, digest: digest.digest('hex') };
    },
  };
}

/**
 * A streaming CSV import over `source`. The recipe must be parsed and its sources checked
 * (checkRecipeSources) by the caller; nothing here throws for the file's content: problems with it
 * come back in the report, by row and column.
 */
export function createCsvImportJob(
  db: Database,
  source: TextSource,
  request: CsvImportRequest,
  options: CsvImportOptions,
): CsvImportJob {
  const { recipe } = request;
  const chunkRows = options.chunkRows ?? CHUNK_ROWS;
  const interval = options.progressIntervalMs ?? PROGRESS_INTERVAL_MS;
  const reader = new CsvRecordReader(recipe.delimiter);
  const sourceId = recipe.sourceId ?? `src-${randomBytes(6).toString('hex')}`;
  const queue: CsvRecord[] = [];
  let queueAt = 0;
  let ended = false;
  let prepared: PreparedRecipe | undefined;
  let pendingBlanks = 0;
  let rowsRead = 0;
  let rowsValidated = 0;
  let claims = 0;
  let skipped = 0;
  let errorCount = 0;
  const errors: ImportProblem[] = [];
  const sample: ClaimDraft[] = [];
  let syntaxError: ImportProblem | undefined;
  let headerSeen = false;
  let cancelled = false;
  let finished: CsvImportReport | undefined;
  let phase: ImportPhase = 'reading';
  let writer: Writer | undefined;
  let transaction: 'begin' | 'savepoint' | undefined;
  let cacheSize: number | undefined;
  let lastProgress = 0;
  let written = 0;

  const problem = (p: ImportProblem) => {
    errorCount++;
    if (errors.length < MAX_REPORTED_PROBLEMS) errors.push(p);
  };

  function progress(): ImportProgress {
    const whole = ended && queueAt >= queue.length;
    return {
      phase,
      rowsRead,
      rowsValidated,
      rowsWritten: written,
      problems: errorCount + (syntaxError ? 1 : 0),
      fraction: source.size > 0 ? Math.min(1, source.position / source.size) : 1,
      ...(whole || finished ? { totalRows: rowsRead } : {}),
    };
  }

  function tell(force: boolean): void {
    if (!options.onProgress) return;
    const now = performance.now();
    if (!force && now - lastProgress < interval) return;
    lastProgress = now;
    options.onProgress(progress());
  }

  function begin(): void {
    if (options.dryRun || transaction) return;
    // The workspace as it was before this import, in its backups folder (none inside a caller's transaction).
    backUpBeforeImport(db);
    // A big page cache for the import's index inserts (restored afterwards): the claim id index takes random keys.
    cacheSize = db.pragma('cache_size', { simple: true }) as number;
    db.pragma(`cache_size = ${IMPORT_CACHE_KIB === 0 ? cacheSize : -IMPORT_CACHE_KIB}`);
    if (db.inTransaction) {
      db.exec('SAVEPOINT csv_import');
      transaction = 'savepoint';
    } else {
      db.exec('BEGIN IMMEDIATE');
      transaction = 'begin';
    }
    if (recipe.source) {
      insertSourceRow(db, { ...recipe.source, id: sourceId });
      const link = db.prepare('INSERT INTO source_derivations (source_id, derived_from_id) VALUES (?, ?)');
      for (const parent of new Set(recipe.source.derivedFrom)) link.run(sourceId, parent);
    }
    writer = claimWriter(db);
  }

  function restoreCache(): void {
    if (cacheSize !== undefined) db.pragma(`cache_size = ${cacheSize}`);
    cacheSize = undefined;
  }

  function rollback(): void {
    restoreCache();
    if (!transaction) return;
    const kind = transaction;
    transaction = undefined;
    if (kind === 'savepoint') db.exec('ROLLBACK TO csv_import; RELEASE csv_import');
    else if (db.inTransaction) db.exec('ROLLBACK');
  }

  function commit(): void {
    const kind = transaction;
    transaction = undefined;
    db.exec(kind === 'savepoint' ? 'RELEASE csv_import' : 'COMMIT');
    restoreCache();
  }

  /** Fills the queue with at least `wanted` records, or to the end of the file. */
  function fill(wanted: number): void {
    while (queue.length - queueAt < wanted && !ended) {
      const text = source.next();
      const records = text === null ? reader.end() : reader.push(text);
      if (text === null) {
        ended = true;
        source.close();
      }
      if (queueAt > 0) {
        queue.splice(0, queueAt);
        queueAt = 0;
      }
      for (const record of records) queue.push(record);
    }
  }

  function base() {
    return { format: 'csv' as const, sourceId, sources: recipe.source ? 1 : 0 };
  }

  function end(report: CsvImportReport, finalPhase: ImportPhase): void {
    finished = report;
    phase = finalPhase;
    source.close();
    tell(true);
  }

  function refuse(): void {
    rollback();
    end(
      syntaxError
        ? { ...base(), imported: 0, claims: 0, skipped: 0, errors: [syntaxError], errorCount: 1, sample: [], committed: false }
        : { ...base(), imported: 0, claims, skipped, errors, errorCount, sample, committed: false },
      options.dryRun && !syntaxError && errorCount === 0 ? 'done' : 'failed',
    );
  }

  function handle(record: CsvRecord, chunk: ClaimDraft[]): void {
    if (!headerSeen) {
      headerSeen = true;
      if (record.cells.every((c) => c.trim() === '')) throw new CsvSyntaxError('the file is empty: it has no header row', 1, 1);
      const header = record.cells.map((cell) => cell.trim());
      while (header.length > 0 && header[header.length - 1] === '') header.pop();
      prepared = prepareRecipe(header, recipe, sourceId);
      for (const p of prepared.errors) problem(p);
      return;
    }
    rowsRead++;
    if (record.cells.every((c) => c.trim() === '')) {
      // Blank rows at the end of a file are not rows at all; in the middle they are skipped.
      pendingBlanks++;
      return;
    }
    skipped += pendingBlanks;
    rowsValidated += pendingBlanks;
    pendingBlanks = 0;
    const outcome = prepared!.applyRow(record);
    rowsValidated++;
    skipped += outcome.skipped;
    for (const p of outcome.errors) problem(p);
    for (const draft of outcome.claims) {
      claims++;
      if (sample.length < SAMPLE_SIZE) sample.push(draft);
      chunk.push(draft);
    }
  }

  function step(): boolean {
    if (finished) return true;
    try {
      if (cancelled) {
        rollback();
        end(
          { ...base(), imported: 0, claims, skipped, errors: [], errorCount: 0, sample: [], committed: false, cancelled: true },
          'cancelled',
        );
        return true;
      }
      begin();
      const chunk: ClaimDraft[] = [];
      try {
        fill(chunkRows + 1);
        // The header alone, or a header with problems: nothing more to read.
        while (queueAt < queue.length && chunk.length < chunkRows && !(prepared && prepared.errors.length > 0)) {
          handle(queue[queueAt++]!, chunk);
          if (queueAt >= queue.length) fill(1);
        }
      } catch (error) {
        if (!(error instanceof CsvSyntaxError)) throw error;
        syntaxError = { row: error.row, column: '', message: error.message };
        refuse();
        return true;
      }
      if (writer && errorCount === 0 && chunk.length > 0) {
        // The whole file's rows, estimated from how many rows the bytes read so far held.
        const parsed = rowsRead + queue.length - queueAt;
        const expected = source.position > 0 ? Math.round((parsed * source.size) / source.position) : parsed;
        writer.writeChunk(chunk, expected);
        written += chunk.length;
      }
      const headerFailed = prepared !== undefined && prepared.errors.length > 0;
      if (!headerFailed && !(ended && queueAt >= queue.length)) {
        tell(false);
        return false;
      }
      if (!headerSeen) {
        syntaxError = { row: 1, column: '', message: 'the file is empty: it has no header row' };
        refuse();
        return true;
      }
      rowsRead -= pendingBlanks;
      rowsValidated = rowsRead;
      if (headerFailed) {
        // As before: a header problem reports only itself, with no claims and nothing skipped.
        claims = 0;
        skipped = 0;
        sample.length = 0;
      }
      if (options.dryRun || errorCount > 0) {
        refuse();
        return true;
      }
      phase = 'finishing';
      tell(true);
      const importId = newImportId();
      const summary = writer!.finish();
      appendAudit(db, {
        action: 'import',
        entityType: 'import',
        entityId: importId,
        after: {
          format: 'csv',
          fileName: request.fileName ?? null,
          recipeName: request.recipeName ?? null,
          recipe,
          sourceId,
          source: recipe.source ? sourceSnapshot(db, sourceId) : null,
          claims: summary.count,
          skipped,
          ...(summary.ids
            ? { claimIds: summary.ids }
            : { claimSeq: { first: summary.first, last: summary.last }, claimIdsSha256: summary.digest }),
        },
      });
      commit();
      end({ ...base(), imported: summary.count, claims, skipped, errors, errorCount, sample, committed: true, importId }, 'done');
      return true;
    } catch (error) {
      rollback();
      phase = 'failed';
      source.close();
      throw error;
    }
  }

  return {
    step,
    cancel() {
      cancelled = true;
    },
    get done() {
      return finished !== undefined;
    },
    report() {
      if (!finished) throw new Error('The import has not finished.');
      return finished;
    },
    progress,
  };
}

/** Runs a job to the end in one go (the CLI, small files through importClaims). */
export function runToEnd(job: CsvImportJob): CsvImportReport {
  while (!job.step()) {
    /* one chunk at a time */
  }
  return job.report();
}

/** Runs a job a chunk per turn of the event loop, so messages (Cancel, other requests) are handled between chunks. */
export function runInTurns(job: CsvImportJob): Promise<CsvImportReport> {
  return new Promise((resolve, reject) => {
    const turn = () => {
      try {
        if (job.step()) resolve(job.report());
        else setImmediate(turn);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    setImmediate(turn);
  });
}
