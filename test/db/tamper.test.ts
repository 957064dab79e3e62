import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { executeOperation } from '../../db/api';
import { recordHash } from '../../db/audit/log';
import { CURRENT_SCHEMA_VERSION } from '../../db/migrations';
import { createWorkspace } from '../../db/workspace/create';
import { checkWorkspace, openWorkspace } from '../../db/workspace/open';
import { AUDIT_LISTS_IDS_UP_TO } from '../../db/import/csv-import-job';
import { importableClaims, importHeader, importLine, importRecipe } from '../bench/synthetic-workspace';
import { cli } from './run-cli';
import { useTempFolder } from './temp-folder';

/**
 * Someone with the file and an SQL tool changes the evidence behind Chokepoint's back. `verify`
 * (checkWorkspace 'full') must say so and name the first audit record, claim or source that no longer
 * matches. The workspace is the current schema's fixture (fixtures/schema-versions): the starter
 * data, a source and a claim created and edited in the app, an archived copy, a CSV import.
 */
const tempFolder = useTempFolder();

interface Fixture {
  file: string;
  /** The analyst's claim: created as audit record 3, edited as record 4. */
  claim: string;
  /** Their source: created as record 2, its archived copy attached as record 5. */
  source: string;
  /** One claim of the CSV import (record 6), which lists its claims by id. */
  imported: string;
  /** A starter claim: the trail recorded the starter data as a count, not claim by claim. */
  starter: string;
}

function workspace(): Fixture {
  const file = join(tempFolder(), 'evidence.sqlite');
  writeFileSync(
    file,
    gunzipSync(readFileSync(join(import.meta.dirname, `fixtures/schema-versions/v${CURRENT_SCHEMA_VERSION}.sqlite.gz`))),
  );
  return sql(file, (db) => ({
    file,
    claim: db.prepare("SELECT id FROM claims WHERE statement LIKE 'Kuantan%'").pluck().get() as string,
    source: db.prepare("SELECT id FROM sources WHERE title LIKE 'Schema%fixture%'").pluck().get() as string,
    imported: db.prepare("SELECT json_extract(after, '$.claimIds[0]') FROM audit_log WHERE seq = 6").pluck().get() as string,
    starter: db.prepare('SELECT id FROM claims ORDER BY seq LIMIT 1').pluck().get() as string,
  }));
}

/** The attacker's session: a plain SQLite connection, no Chokepoint code. */
function sql<T>(file: string, edit: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return edit(db);
  } finally {
    db.close();
  }
}

const problems = (file: string) => checkWorkspace(file, 'full').problems;
const at = '\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z';

describe('an audit record changed, removed or forged', () => {
  it('names a record whose content was edited', () => {
    const { file, claim } = workspace();
    sql(file, (db) => {
      db.exec('DROP TRIGGER audit_log_is_append_only_update');
      db.prepare("UPDATE audit_log SET after = replace(after, '12,500', '1,250') WHERE seq = 4").run();
    });
    expect(problems(file)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^the audit trail is broken: audit record 4 \\(update claim ${claim} at ${at}\\) does not match its hash: it was changed$`,
        ),
      ),
    ]);
  });

  it('names the next record when the edited one was re-hashed to hide the change', () => {
    const { file, claim } = workspace();
    sql(file, (db) => {
      db.exec('DROP TRIGGER audit_log_is_append_only_update');
      const record = db.prepare('SELECT * FROM audit_log WHERE seq = 4').get() as Parameters<typeof recordHash>[0];
      const forged = { ...record, actor: 'someone-else' };
      db.prepare('UPDATE audit_log SET actor = ?, hash = ? WHERE seq = 4').run(forged.actor, recordHash(forged));
    });
    expect(problems(file)).toEqual([
      expect.stringMatching(
        /^the audit trail is broken: audit record 5 \(attach source src-\w+ at .*\) does not link to record 4 before it: a record was inserted, changed or removed there$/,
      ),
    ]);
    expect(claim).toBeTruthy();
  });

  it('names a record that was removed from the middle of the trail', () => {
    const { file } = workspace();
    sql(file, (db) => {
      db.exec('DROP TRIGGER audit_log_is_append_only_delete');
      db.prepare('DELETE FROM audit_log WHERE seq = 4').run();
    });
    expect(problems(file)).toEqual(['the audit trail is broken: audit record 4 is missing (the next is 5): it was removed']);
  });

  it('notices the last record removed: the claim it recorded no longer matches the one before', () => {
    const { file, claim, source } = workspace();
    const opened = openWorkspace(file);
    const edited = executeOperation({ workspace: opened }, 'updateClaim', {
      id: claim,
      claim: {
        statement: 'Kuantan separation plant capacity stands at 14,000 t a year of REO',
        metric: 'capacity_t_per_yr',
        value: 14000,
        unit: 't REO',
        citations: [{ sourceId: source }],
      },
    });
    expect(edited.ok).toBe(true);
    opened.close();
    expect(problems(file)).toEqual([]);
    // Removing the newest record leaves a whole chain: only the rows can tell.
    sql(file, (db) => {
      db.exec('DROP TRIGGER audit_log_is_append_only_delete');
      db.prepare('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)').run();
    });
    expect(problems(file)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^claim ${claim} no longer matches audit record 4 \\(update claim ${claim} at ${at}\\), its latest: statement is "Kuantan separation plant capacity stands at 14,000 t a year of REO" in the workspace but "Kuantan separation plant capacity stands at 12,500 t a year of REO" in the record; .*value is 14000 in the workspace but 12500 in the record`,
        ),
      ),
    ]);
  });

  it('names a forged record appended with a made-up hash', () => {
    const { file, claim } = workspace();
    sql(file, (db) => {
      const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
      db.prepare(
        `INSERT INTO audit_log (seq, at, actor, action, entity_type, entity_id, before, after, prev_hash, hash)
         VALUES (?, '2026-01-01T00:00:00.000Z', 'analyst', 'delete', 'claim', ?, NULL, NULL, ?, ?)`,
      ).run(last.seq + 1, claim, last.hash, 'f'.repeat(64));
    });
    expect(problems(file)).toEqual([
      `the audit trail is broken: audit record 12 (delete claim ${claim} at 2026-01-01T00:00:00.000Z) does not match its hash: it was changed`,
    ]);
  });

  it('names a forged record inserted into the trail, even one hashed as Chokepoint would', () => {
    const { file } = workspace();
    sql(file, (db) => {
      db.exec('DROP TRIGGER audit_log_is_append_only_update');
      // Make room at 6 by moving every later record up one, then slip a record in, hashed properly.
      db.prepare('UPDATE audit_log SET seq = -seq WHERE seq >= 6').run();
      db.prepare('UPDATE audit_log SET seq = 1 - seq WHERE seq < 0').run();
      const previous = db.prepare('SELECT hash FROM audit_log WHERE seq = 5').pluck().get() as string;
      const forged = {
        seq: 6,
        at: '2026-11-27T08:00:00.000Z',
        actor: 'analyst',
        action: 'update',
        entity_type: 'country',
        entity_id: 'taiwan',
        before: null,
        after: JSON.stringify({ country: 'Taiwan', side: 'china' }),
        prev_hash: previous,
      };
      db.prepare(
        `INSERT INTO audit_log (seq, at, actor, action, entity_type, entity_id, before, after, prev_hash, hash)
         VALUES (@seq, @at, @actor, @action, @entity_type, @entity_id, @before, @after, @prev_hash, @hash)`,
      ).run({ ...forged, hash: recordHash(forged) });
    });
    expect(problems(file)).toEqual([
      expect.stringMatching(
        /^the audit trail is broken: audit record 7 \(import import imp-\w+ at .*\) does not link to record 6 before it: a record was inserted, changed or removed there$/,
      ),
    ]);
  });

  it('notices a forged, correctly hashed record that says a claim was deleted while it is still there', () => {
    const { file, claim } = workspace();
    sql(file, (db) => {
      const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
      const forged = {
        seq: last.seq + 1,
        at: '2026-11-27T09:00:00.000Z',
        actor: 'analyst',
        action: 'delete',
        entity_type: 'claim',
        entity_id: claim,
        before: null,
        after: null,
        prev_hash: last.hash,
      };
      db.prepare(
        `INSERT INTO audit_log (seq, at, actor, action, entity_type, entity_id, before, after, prev_hash, hash)
         VALUES (@seq, @at, @actor, @action, @entity_type, @entity_id, @before, @after, @prev_hash, @hash)`,
      ).run({ ...forged, hash: recordHash(forged) });
    });
    expect(problems(file)).toEqual([
      `claim ${claim} exists, but audit record 12 (delete claim ${claim} at 2026-11-27T09:00:00.000Z) deleted it`,
    ]);
  });
});

describe('a claim or source changed with SQL, no audit record written', () => {
  it('names the claim and the audit record its content no longer matches, through the real CLI', { timeout: 60_000 }, () => {
    const { file, claim } = workspace();
    expect(problems(file)).toEqual([]);
    sql(file, (db) => db.prepare('UPDATE claims SET value = 125000 WHERE id = ?').run(claim));
    const run = cli('verify', '--workspace', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `is damaged: claim ${claim} no longer matches audit record 4 \\(update claim ${claim} at ${at}\\), its latest: value is 125000 in the workspace but 12500 in the record \\(changed outside Chokepoint, without an audit record\\)\\.`,
      ),
    );
  });

  it('names a claim whose citation or tag was removed', () => {
    const { file, claim } = workspace();
    sql(file, (db) => db.prepare('DELETE FROM claim_tags WHERE claim_id = ? AND tag = ?').run(claim, 'edited'));
    expect(problems(file)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^claim ${claim} no longer matches audit record 4 .*: tags is \\["fixture"\\] in the workspace but \\["edited","fixture"\\] in the record`,
        ),
      ),
    ]);
  });

  it('names a claim deleted with SQL, whether the app or an import created it', () => {
    const { file, claim, imported } = workspace();
    sql(file, (db) => db.prepare('DELETE FROM claims WHERE id IN (?, ?)').run(claim, imported));
    expect(problems(file)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^claim ${claim} is missing: audit record 4 \\(update claim ${claim} at ${at}\\) recorded it and no later record deletes it$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^claim ${imported} is missing: audit record 6 \\(import import imp-\\w+ at ${at}\\) imported it and no record deletes it$`,
        ),
      ),
    ]);
  });

  it('names a claim added with SQL', () => {
    const { file, source } = workspace();
    sql(file, (db) => {
      db.prepare(
        "INSERT INTO claims (id, statement, stage, country, metric, value, year) VALUES ('clm-planted', 'Planted', 'mining', 'Chile', 'production_t', 5000, 2024)",
      ).run();
      db.prepare("INSERT INTO claim_citations (claim_id, source_id) VALUES ('clm-planted', ?)").run(source);
    });
    expect(problems(file)).toEqual([
      expect.stringMatching(/^claim clm-planted \(seq \d+\) is in no audit record: it was added outside Chokepoint$/),
    ]);
  });

  it('names a source whose grade was raised, and one whose archived copy was swapped', () => {
    const { file, source } = workspace();
    sql(file, (db) => {
      db.prepare("UPDATE sources SET reliability = 'A' WHERE id = ?").run(source);
      db.prepare('UPDATE source_archives SET content = ? WHERE source_id = ?').run(
        Buffer.from('Nameplate capacity of 25,000 tonnes REO a year.'),
        source,
      );
    });
    expect(problems(file)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^source ${source} no longer matches audit record 2 \\(create source ${source} at ${at}\\), its latest: reliability is "A" in the workspace but "B" in the record`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^the archived copy of source ${source} is not the one audit record 5 \\(attach source ${source} at ${at}\\) recorded`,
        ),
      ),
    ]);
  });

  it('names the source a CSV import created, from the import record', () => {
    const { file } = workspace();
    const usgs = sql(file, (db) => {
      const id = db
        .prepare(
          "SELECT id FROM sources WHERE publisher = 'U.S. Geological Survey' AND title LIKE 'Mineral Commodity Summaries: Rare Earths, 2021-2025'",
        )
        .pluck()
        .get() as string;
      db.prepare("UPDATE sources SET published = '2019' WHERE id = ?").run(id);
      return id;
    });
    expect(problems(file)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^source ${usgs} no longer matches audit record 6 \\(import import imp-\\w+ at ${at}\\), which created it: published is "2019" in the workspace but "2025" in the record`,
        ),
      ),
    ]);
  });

  it(
    'checks the ids of a large import, recorded as a seq range and their SHA-256, though not their content',
    { timeout: 60_000 },
    () => {
      const { file } = workspace();
      const rows = AUDIT_LISTS_IDS_UP_TO + 1;
      const lines = [importHeader.join(',')];
      for (const claim of importableClaims(rows)) lines.push(importLine(claim));
      const opened = openWorkspace(file);
      const imported = executeOperation({ workspace: opened }, 'runImport', {
        format: 'csv',
        content: lines.join('\n'),
        recipe: importRecipe,
        fileName: 'large.csv',
      });
      opened.close();
      expect(imported).toMatchObject({ ok: true, value: { imported: rows } });
      const range = sql(
        file,
        (db) =>
          JSON.parse(
            db.prepare("SELECT json_extract(after, '$.claimSeq') FROM audit_log WHERE seq = 12").pluck().get() as string,
          ) as {
            first: number;
            last: number;
          },
      );
      expect(range.last - range.first + 1).toBe(rows);
      expect(problems(file)).toEqual([]);

      // One of them swapped for a claim of the attacker's under the same seq: same count, other ids.
      sql(file, (db) => {
        const victim = db.prepare('SELECT seq, id FROM claims WHERE seq = ?').get(range.first + 7) as { seq: number; id: string };
        db.prepare('DELETE FROM claims WHERE id = ?').run(victim.id);
        db.prepare(
          "INSERT INTO claims (seq, id, statement, metric, value) VALUES (?, 'clm-swapped', 'Swapped in', 'capacity_t_per_yr', 1)",
        ).run(victim.seq);
      });
      expect(problems(file)).toEqual([
        `the claims in seq ${range.first}–${range.last} are not the ones audit record 12 (import import ${(imported as { value: { importId: string } }).value.importId} at ${sql(file, (db) => db.prepare('SELECT at FROM audit_log WHERE seq = 12').pluck().get() as string)}) imported: their ids differ from the recorded SHA-256`,
      ]);

      // And one simply removed.
      sql(file, (db) => db.prepare("DELETE FROM claims WHERE id = 'clm-swapped'").run());
      expect(problems(file)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^1 of the ${rows} claims audit record 12 \\(import import imp-\\w+ at ${at}\\) imported \\(seq ${range.first}–${range.last}\\) are missing and no record deletes them$`,
          ),
        ),
      ]);
    },
  );

  it("names a starter claim and source never edited in the app but changed with SQL, by the starter record's digests", () => {
    const file = join(tempFolder(), 'fresh-starter.sqlite');
    createWorkspace(file, { starter: true }).close();
    expect(problems(file)).toEqual([]);
    const { claim, source } = sql(file, (db) => ({
      claim: db.prepare('SELECT id FROM claims ORDER BY seq LIMIT 1 OFFSET 7').pluck().get() as string,
      source: db.prepare('SELECT id FROM sources ORDER BY seq LIMIT 1 OFFSET 3').pluck().get() as string,
    }));
    sql(file, (db) => {
      db.prepare('UPDATE claims SET value = value * 10 WHERE id = ?').run(claim);
      db.prepare("UPDATE sources SET reliability = 'A' WHERE id = ?").run(source);
    });
    const found = problems(file);
    const named = (entity: string, id: string): unknown =>
      expect.stringMatching(
        new RegExp(
          `^${entity} ${id} no longer matches audit record \\d+ \\(import import starter-dataset at [^)]+\\), which recorded its content's SHA-256`,
        ),
      );
    expect(found).toHaveLength(2);
    expect(found).toEqual(expect.arrayContaining([named('claim', claim), named('source', source)]));
  });

  it('leaves unedited starter claims to the analyst in a workspace made before the starter record held digests', () => {
    const { file, starter } = workspace();
    sql(file, (db) => db.prepare('UPDATE claims SET value = 1 WHERE id = ?').run(starter));
    // A documented limit (README, "What verify checks"), asserted so a change to it is deliberate.
    expect(problems(file)).toEqual([]);
  });
});
