import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeOperation } from '../../db/api';
import { verifyAuditChain } from '../../db/audit/log';
import { createWorkspace } from '../../db/workspace/create';
import { checkWorkspace, openWorkspace } from '../../db/workspace/open';
import { importableClaims, importHeader, importLine } from '../bench/synthetic-workspace';

/**
 * Crash safety: a process writing to a workspace is killed with SIGKILL (no handler runs, nothing is
 * flushed or rolled back by the app) in the middle of a large import and of a bulk edit. Reopened
 * the way the app opens it, the workspace must pass the integrity check, hold all of the write or
 * none of it, keep a whole audit chain, and take writes again.
 *
 * SIGKILL stops the process, not the machine: what the process wrote is in the operating system's
 * cache and reaches the disk. A power cut is a different test (synchronous=FULL is what covers it).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
/**
 * The child, bundled once into plain JavaScript: started through tsx, each child spent about a
 * second of CPU compiling the app's modules before doing anything. It sits under node_modules so
 * its imports of packages (better-sqlite3 …) resolve as the app's do.
 */
const childBundle = join(root, `node_modules/.cache/chokepoint-crash-${process.pid}/crash-child.mjs`);

function bundleChild(): void {
  buildSync({
    entryPoints: [join(root, 'test/db/crash/crash-child.ts')],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: childBundle,
    logLevel: 'error',
  });
}

const IMPORT_ROWS = 60_000;
/** The kill loop imports a smaller file: each round pays for the import up to the kill. */
const LOOP_ROWS = 20_000;
const BULK_CLAIMS = 50_000;

let folder: string;
let importCsv: string;
let loopCsv: string;
let starterFacts: ReturnType<typeof facts>;
let bulkPrepared: Promise<void>;
/** A workspace with the starter claims, closed cleanly: the import rounds each start from a copy. */
let starterTemplate: string;
/** A workspace with BULK_CLAIMS imported claims, closed cleanly: the bulk-edit rounds start from copies. */
let bulkTemplate: string;

function csvFile(name: string, rows: number, seed?: number): string {
  const file = join(folder, name);
  const lines = [importHeader.join(',')];
  for (const claim of importableClaims(rows, seed)) lines.push(importLine(claim));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

let copies = 0;
function copyOf(template: string): string {
  const file = join(folder, `round-${++copies}.sqlite`);
  copyFileSync(template, file);
  return file;
}

/** What a write could leave half done: row counts of every table it touches, the indexes, the trail. */
function facts(db: Database) {
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const credibility = createHash('sha256');
  for (const row of db.prepare('SELECT id, credibility, credibility_reason, updated_at FROM claims ORDER BY seq').raw().iterate())
    credibility.update(JSON.stringify(row));
  return {
    claims: count('claims'),
    citations: count('claim_citations'),
    evidence: count('claim_evidence'),
    searchIndex: count('claim_search'),
    sources: count('sources'),
    auditRecords: count('audit_log'),
    indexes: db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name").pluck().all() as string[],
    credibility: credibility.digest('hex'),
  };
}

interface ChildEvent {
  event: string;
  rowsWritten?: number;
  claims?: number;
  inTransaction?: boolean;
}

interface Round {
  events: ChildEvent[];
  /** The report after which the parent sent SIGKILL (undefined: the child ended on its own). */
  killedAfter: ChildEvent | undefined;
  signal: NodeJS.Signals | null;
  /** Bytes in the write-ahead log when the kill was sent: pages of the open transaction already on disk. */
  walBytesAtKill: number;
  stderr: string;
}

/** Runs the child on `file` and kills it with SIGKILL at the report `killAt` picks, or a delay after it. */
function runAndKill(
  args: string[],
  file: string,
  /** Asked at each report: kill this many ms after it (0: at once), or undefined to go on. */
  killAt: (event: ChildEvent) => number | undefined,
): Promise<Round> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, [childBundle, args[0]!, file, ...args.slice(1)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const events: ChildEvent[] = [];
    let killedAfter: ChildEvent | undefined;
    let walBytesAtKill = 0;
    let stderr = '';
    let pending = '';
    const kill = (after: ChildEvent) => {
      if (killedAfter) return;
      killedAfter = after;
      process_.kill('SIGKILL');
      // Read after the kill: a child that had already committed may close and delete its log meanwhile.
      walBytesAtKill = statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
    };
    let timer: NodeJS.Timeout | undefined;
    process_.stdout.setEncoding('utf8');
    process_.stdout.on('data', (text: string) => {
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const event = JSON.parse(line) as ChildEvent;
        events.push(event);
        if (killedAfter) continue;
        const delay = timer === undefined ? killAt(event) : undefined;
        if (delay === 0) kill(event);
        else if (delay !== undefined) timer = setTimeout(() => kill(events[events.length - 1]!), delay);
      }
    });
    process_.stderr.setEncoding('utf8');
    process_.stderr.on('data', (text: string) => (stderr += text));
    process_.on('error', reject);
    process_.on('close', (_code, signal) => {
      clearTimeout(timer);
      resolve({ events, killedAfter, signal, walBytesAtKill, stderr });
    });
  });
}

/**
 * The checks after every kill: the app's own open (which recovers the write-ahead log and runs its
 * integrity check), the full check (integrity_check, foreign keys, the audit chain and the rows it
 * vouches for), and the chain verified directly.
 */
function reopenAndCheck(file: string) {
  const workspace = openWorkspace(file);
  try {
    expect(checkWorkspace(file, 'full').problems).toEqual([]);
    expect(verifyAuditChain(workspace.db).firstBroken).toBeUndefined();
    return facts(workspace.db);
  } finally {
    workspace.close();
  }
}

/** After a crash the workspace takes writes again, through the operations the app calls: a new claim, then a bulk edit of it. */
function writeAgain(file: string, before: ReturnType<typeof facts>) {
  const workspace = openWorkspace(file);
  try {
    const call = (name: string, input: unknown) => {
      const result = executeOperation({ workspace }, name, input);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as { id: string };
    };
    const source = call('createSource', { title: 'After the crash', publisherType: 'news' }).id;
    const { id } = call('createClaim', { statement: 'Written after the crash', citations: [{ sourceId: source }] });
    call('updateClaims', { ids: [id], changes: { credibility: 2 } });
    expect(facts(workspace.db)).toMatchObject({ claims: before.claims + 1, auditRecords: before.auditRecords + 3 });
    expect(verifyAuditChain(workspace.db).firstBroken).toBeUndefined();
  } finally {
    workspace.close();
  }
}

beforeAll(() => {
  const started = performance.now();
  folder = mkdtempSync(join(tmpdir(), 'chokepoint-crash-'));
  bundleChild();
  bulkTemplate = join(folder, 'bulk.sqlite');
  // Made by a child on the other core while the import rounds run; the bulk-edit rounds wait for it.
  bulkPrepared = runAndKill(['prepare', String(BULK_CLAIMS)], bulkTemplate, () => undefined).then((round) => {
    if (!round.events.some((e) => e.event === 'prepared'))
      throw new Error(`preparing the bulk workspace failed: ${round.stderr}`);
  });
  // Awaited by the bulk-edit rounds; handled here so a failure is reported there, not as a stray rejection.
  bulkPrepared.catch(() => undefined);
  importCsv = csvFile('claims.csv', IMPORT_ROWS);
  loopCsv = csvFile('loop.csv', LOOP_ROWS, 5);
  starterTemplate = join(folder, 'starter.sqlite');
  const starter = createWorkspace(starterTemplate, { starter: true, name: 'Crash test' });
  starterFacts = facts(starter.db);
  starter.close();
  console.log(`crash-safety setup: ${Math.round(performance.now() - started)} ms`);
}, 180_000);

afterAll(async () => {
  await bulkPrepared.catch(() => undefined);
  rmSync(folder, { recursive: true, force: true });
  rmSync(dirname(childBundle), { recursive: true, force: true });
});

/** All of the import or none of it, never part: every table it writes, the indexes it drops and rebuilds, its one audit record. */
function expectAllOrNothing(
  after: ReturnType<typeof facts>,
  before: ReturnType<typeof facts>,
  committed: boolean,
  rows = IMPORT_ROWS,
) {
  if (committed) {
    expect(after).toMatchObject({
      claims: before.claims + rows,
      citations: before.citations + rows,
      evidence: before.evidence + rows,
      searchIndex: before.searchIndex + rows,
      sources: before.sources + 1,
      auditRecords: before.auditRecords + 1,
    });
    expect(after.indexes).toEqual(before.indexes);
  } else {
    expect(after).toEqual(before);
  }
}

describe('a large import killed part-way', { timeout: 90_000 }, () => {
  it('leaves none of it when killed after its second chunk was written inside the open transaction', async () => {
    const file = copyOf(starterTemplate);

    const round = await runAndKill(['import', importCsv], file, (e) =>
      e.event === 'chunk' && e.rowsWritten! >= 10_000 ? 0 : undefined,
    );

    // The kill was real: after rows were written into the open transaction, before any commit.
    expect(round.signal, round.stderr).toBe('SIGKILL');
    expect(round.killedAfter).toMatchObject({ event: 'chunk', inTransaction: true });
    expect(round.killedAfter!.rowsWritten).toBeLessThan(IMPORT_ROWS);
    expect(round.events.map((e) => e.event)).not.toContain('committed');
    const after = reopenAndCheck(file);
    expectAllOrNothing(after, starterFacts, false);
    writeAgain(file, after);
  });

  it('holds all of it when killed the moment it reported the commit (synchronous=FULL: a commit is on disk)', async () => {
    const file = copyOf(starterTemplate);

    const round = await runAndKill(['import', loopCsv], file, (e) => (e.event === 'committed' ? 0 : undefined));

    expect(round.killedAfter).toMatchObject({ event: 'committed' });
    const after = reopenAndCheck(file);
    expectAllOrNothing(after, starterFacts, true, LOOP_ROWS);
    writeAgain(file, after);
  });

  it('leaves none of it when killed after its last row, while it rebuilds indexes and groups before the commit', async () => {
    const file = copyOf(starterTemplate);

    const round = await runAndKill(['import', importCsv], file, (e) => (e.event === 'finishing' ? 0 : undefined));

    expect(round.signal, round.stderr).toBe('SIGKILL');
    expect(round.killedAfter).toMatchObject({ event: 'finishing', rowsWritten: IMPORT_ROWS, inTransaction: true });
    const committed = round.events.some((e) => e.event === 'committed');
    expect(committed).toBe(false);
    const after = reopenAndCheck(file);
    expectAllOrNothing(after, starterFacts, committed);
    writeAgain(file, after);
  });

  it('holds all of it or none of it, wherever the kill lands', async () => {
    const outcomes: string[] = [];
    // A random moment after the third chunk (of four) and after the last row: the kill lands late in
    // the transaction or in its closing part (the audit record, the commit itself) or just after the
    // commit, whatever the machine's speed. (Early in the transaction: the second-chunk test above.)
    const moments = [
      { event: 'chunk', rows: 15_000 },
      { event: 'finishing', rows: LOOP_ROWS },
    ].map((at) => ({ ...at, delay: Math.floor(Math.random() * 300) }));
    for (const at of moments) {
      const file = copyOf(starterTemplate);
      const round = await runAndKill(['import', loopCsv], file, (e) =>
        e.event === at.event && e.rowsWritten === at.rows ? at.delay : undefined,
      );
      const committed = round.events.some((e) => e.event === 'committed');
      const after = reopenAndCheck(file);
      expectAllOrNothing(after, starterFacts, committed, LOOP_ROWS);
      outcomes.push(
        `${at.delay} ms after ${at.event} ${at.rows}: ${round.signal === 'SIGKILL' ? `killed after ${JSON.stringify(round.killedAfter)}` : 'it finished first'} → ${committed ? 'all' : 'none'}`,
      );
    }
    console.log(`import kill loop:\n  ${outcomes.join('\n  ')}`);
  });
});

describe('a bulk edit of 50,000 claims killed part-way', { timeout: 90_000 }, () => {
  it('changes none of them when killed after 10,000 were updated inside its transaction', async () => {
    await bulkPrepared;
    const template = openWorkspace(bulkTemplate);
    const bulkFacts = facts(template.db);
    template.close();
    const file = copyOf(bulkTemplate);
    expect(bulkFacts.claims).toBe(BULK_CLAIMS);

    const round = await runAndKill(['bulk', '1'], file, (e) => (e.event === 'updated' && e.claims! >= 10_000 ? 0 : undefined));

    expect(round.signal, round.stderr).toBe('SIGKILL');
    expect(round.killedAfter).toMatchObject({ event: 'updated', claims: 10_000, inTransaction: true });
    expect(round.events.map((e) => e.event)).not.toContain('committed');
    // The edit's pages had spilled into the write-ahead log before the kill (see the child's page cache).
    expect(round.walBytesAtKill).toBeGreaterThan(0);
    const after = reopenAndCheck(file);
    // Every claim's credibility, reason and updated time as before; no audit record added.
    expect(after).toEqual(bulkFacts);
    writeAgain(file, after);
  });
});
