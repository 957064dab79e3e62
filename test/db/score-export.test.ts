import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportWorkspace } from '../../db/export/export-workspace';
import { importClaims } from '../../db/import/run-import';
import { listAssessments, loadAssessment, saveAssessment, setJudgedScore } from '../../db/score/assessment-store';
import { presetWeights } from '../../db/score/presets';
import { listScenarios, saveScenario } from '../../db/score/scenario-store';
import { insertSnapshot, listSnapshots } from '../../db/score/snapshot-store';
import { createWorkspace } from '../../db/workspace/create';
import type { Workspace } from '../../db/workspace/open';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();
const open: Workspace[] = [];
afterEach(() => {
  for (const workspace of open.splice(0)) workspace.close();
});

function workspaceAt(name: string, starter: boolean): Workspace {
  const workspace = createWorkspace(join(tempFolder(), name), { starter });
  open.push(workspace);
  return workspace;
}

const withoutExportedAt = (json: string) => json.replace(/"exportedAt": "[^"]+"/, '"exportedAt": ""');
const scoringRows = (workspace: Workspace) =>
  [
    'assessments',
    'judged_scores',
    'judged_score_claims',
    'country_governance',
    'stage_supply_inputs',
    'scenarios',
    'snapshots',
  ].map((table) => workspace.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number);

/** The starter workspace with a second assessment, a scenario on each and a snapshot. */
function scoredWorkspace(): Workspace {
  const workspace = workspaceAt('scored.sqlite', true);
  const second = saveAssessment(workspace.db, { name: 'Client brief', presetName: 'Policy exposure', method: 'eu-sr' });
  setJudgedScore(workspace.db, {
    assessmentId: second.id,
    stage: 'magnets',
    factor: 'export_controls',
    score: 90,
    rationale: 'Magnet exports fell after the April controls.',
    claimIds: ['mag-cn-exports-may2025'],
  });
  saveScenario(workspace.db, {
    name: 'Controls lifted',
    overrides: {
      judged: [{ stage: 'magnets', factor: 'export_controls', score: 30 }],
      governance: [{ country: 'China', tradeFactor: 1 }],
    },
  });
  saveScenario(workspace.db, {
    assessmentId: second.id,
    name: '10X online',
    overrides: {
      facilities: [
        { stage: 'magnets', country: 'United States', name: '10X', capacity: 7000, status: 'planned', startYear: 2028 },
      ],
    },
  });
  insertSnapshot(workspace.db, {
    assessmentId: 'asm-base',
    author: 'A. Analyst',
    note: 'baseline',
    method: 'weighted',
    weights: presetWeights('Balanced'),
    inputs: { claims: ['mag-cn-exports-may2025'] },
    results: [{ stage: 'magnets', score: 80 }],
  });
  return workspace;
}

describe('risk scoring in the workspace JSON', () => {
  it('round-trips assessments, judged scores with their claims, country tables, stage inputs, scenarios and snapshots', () => {
    const scored = scoredWorkspace();
    const first = exportWorkspace(scored.db, 'json');
    const file = JSON.parse(first) as {
      assessments: { id: string; isDefault: boolean }[];
      scenarios: unknown[];
      snapshots: unknown[];
    };
    expect(file.assessments.filter((a) => a.isDefault).map((a) => a.id)).toEqual(['asm-base']);
    expect(file.assessments).toHaveLength(2);
    expect([file.scenarios.length, file.snapshots.length]).toEqual([2, 1]);

    const empty = workspaceAt('empty.sqlite', false);
    const report = importClaims(empty.db, { format: 'json', content: first }, { dryRun: false });
    expect(report).toMatchObject({ committed: true, errors: [] });
    expect(withoutExportedAt(exportWorkspace(empty.db, 'json'))).toBe(withoutExportedAt(first));
    expect(scoringRows(empty)).toEqual(scoringRows(scored));
    // The file's default filled the new workspace's untouched base assessment; still one default.
    expect(loadAssessment(empty.db)).toEqual(loadAssessment(scored.db));
    expect(listAssessments(empty.db).filter((a) => a.isDefault)).toHaveLength(1);
  });

  it("brings the file's default in beside a workspace default that already has work in it", () => {
    const scored = scoredWorkspace();
    const json = exportWorkspace(scored.db, 'json');
    const target = workspaceAt('target.sqlite', false);
    saveAssessment(target.db, { id: 'asm-base', name: 'Starter assessment', horizonYear: 2035 });
    const before = loadAssessment(target.db);

    const report = importClaims(target.db, { format: 'json', content: json }, { dryRun: false });
    expect(report).toMatchObject({ committed: true, errors: [] });
    expect(loadAssessment(target.db)).toEqual(before);
    const copy = listAssessments(target.db).find((a) => a.name === 'Starter assessment (imported)')!;
    expect(copy).toMatchObject({ isDefault: false, judgedScores: 20, scenarios: 1, snapshots: 1 });
    expect(copy.id).not.toBe('asm-base');
    expect(loadAssessment(target.db, copy.id).judged).toEqual(loadAssessment(scored.db).judged);
    expect(listScenarios(target.db, copy.id).map((s) => s.name)).toEqual(['Controls lifted']);
    expect(listSnapshots(target.db, copy.id).map((s) => s.note)).toEqual(['baseline']);
  });

  it('still imports a file written before scoring was carried', () => {
    const scored = scoredWorkspace();
    const file = JSON.parse(exportWorkspace(scored.db, 'json')) as Record<string, unknown>;
    delete file.assessments;
    delete file.scenarios;
    delete file.snapshots;
    const empty = workspaceAt('old.sqlite', false);
    const report = importClaims(empty.db, { format: 'json', content: JSON.stringify(file) }, { dryRun: false });
    expect(report).toMatchObject({ committed: true, errors: [], imported: 80 });
    expect(loadAssessment(empty.db)).toMatchObject({ name: 'Base assessment', judged: [] });
  });

  it('names a bad judged score, a missing claim or an orphan scenario in the file, and imports nothing', () => {
    const scored = scoredWorkspace();
    const file = JSON.parse(exportWorkspace(scored.db, 'json')) as {
      assessments: { id: string; judged: { score: number; claimIds: string[] }[] }[];
      scenarios: { assessmentId: string }[];
      claims: unknown[];
      sources: unknown[];
    };
    const base = file.assessments.findIndex((a) => a.id === 'asm-base');
    file.assessments[base]!.judged[0]!.score = 120;
    // The other assessment: a malformed one is refused whole, before its claims are looked up.
    file.assessments[1 - base]!.judged[0]!.claimIds = ['clm-nowhere'];
    file.scenarios[0]!.assessmentId = 'asm-elsewhere';
    const empty = workspaceAt('bad.sqlite', false);
    const before = scoringRows(empty);
    const report = importClaims(empty.db, { format: 'json', content: JSON.stringify(file) }, { dryRun: false });
    expect(report.committed).toBe(false);
    const messages = Object.fromEntries(report.errors.map((e) => [e.column, e.message]));
    expect(Object.keys(messages).sort()).toEqual(
      [`assessments.${base}.judged.0.score`, `assessments.${1 - base}.judged.0.claimIds.0`, 'scenarios.0.assessmentId'].sort(),
    );
    expect(messages[`assessments.${base}.judged.0.score`]).toBe('assessment "asm-base": judged.0.score: must be from 0 to 100');
    expect(messages[`assessments.${1 - base}.judged.0.claimIds.0`]).toMatch(
      /cites claim "clm-nowhere", which is neither in the file nor in the workspace/,
    );
    expect(messages['scenarios.0.assessmentId']).toMatch(/belongs to assessment "asm-elsewhere"/);
    expect(scoringRows(empty)).toEqual(before);
    expect(empty.db.prepare('SELECT count(*) FROM claims').pluck().get()).toBe(0);
  });
});
