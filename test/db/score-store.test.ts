import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit/log';
import { createClaim } from '../../db/evidence/claim-writes';
import { claimInput } from '../../db/evidence/inputs';
import type { AuditRecord } from '../../db/evidence/views';
import { CURRENT_SCHEMA_VERSION, migrations } from '../../db/migrations';
import { loadAssessment, saveAssessment, setJudgedScore, type AssessmentSummary } from '../../db/score/assessment-store';
import { weightsInput } from '../../db/score/inputs';
import { presetWeights, weightPresets } from '../../db/score/presets';
import { loadScenario, type StoredScenario } from '../../db/score/scenario-store';
import { insertSnapshot, listSnapshots, loadSnapshot } from '../../db/score/snapshot-store';
import { factorNames, type Assessment, type JudgedScore, type Weights } from '../../db/score/types';
import { openWorkspace, type Workspace } from '../../db/workspace/open';
import { claimContent, counts } from './fixtures/workspace-state';
import { call, failure, useWorkspaces } from './fixtures/operations';

const workspaces = useWorkspaces();
const workspaceAt = workspaces.create;
const tempFolder = workspaces.folder;

const scoringTables = [
  'assessments',
  'judged_scores',
  'judged_score_claims',
  'country_governance',
  'stage_supply_inputs',
  'scenarios',
  'snapshots',
  'audit_log',
] as const;
/** Every row risk scoring stores, and the audit log: what a refused write must leave exactly as it was. */
const scoringState = (workspace: Workspace) =>
  Object.fromEntries(scoringTables.map((table) => [table, workspace.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all()]));

/** A workspace with two claims to cite, and a judged score for mining export controls citing both. */
function withClaims(): Workspace {
  const workspace = workspaceAt();
  const sourceId = call<{ id: string }>(workspace, 'createSource', {
    title: 'MOFCOM announcement',
    publisherType: 'government',
    reliability: 'B',
  }).id;
  createClaim(
    workspace.db,
    claimInput.parse({
      statement: 'China added export-licence controls in April 2025.',
      stage: 'policy',
      citations: [{ sourceId }],
    }),
    'c-controls',
  );
  createClaim(
    workspace.db,
    claimInput.parse({
      statement: 'China set a mining quota of 270,000 t for 2024.',
      stage: 'policy',
      citations: [{ sourceId }],
    }),
    'c-quota',
  );
  return workspace;
}

const balanced = (): Weights => presetWeights('Balanced');

describe('migration 4: risk assessments', () => {
  it('upgrades a schema-3 workspace, keeping its data and adding the base assessment', () => {
    const file = join(tempFolder(), 'v3.sqlite');
    const v3 = openWorkspace(file, { create: true, migrations: migrations.slice(0, 3) });
    v3.db.exec(`
      INSERT INTO sources (id, title, publisher_type, reliability) VALUES ('s1', 'USGS', 'government', 'B');
      INSERT INTO claims (id, statement, stage, country, metric, value, year) VALUES
        ('c1', 'China mine output', 'mining', 'China', 'production_t', 270000, 2024);
      INSERT INTO claim_citations (claim_id, source_id) VALUES ('c1', 's1');`);
    const before = { counts: counts(v3.db), claims: claimContent(v3.db) };
    v3.close();

    const upgraded = openWorkspace(file);
    workspaces.adopt(upgraded);
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(CURRENT_SCHEMA_VERSION);
    expect(upgraded.backupFile).toMatch(new RegExp(`v3\\.backup-before-schema-${CURRENT_SCHEMA_VERSION}-`));
    expect(existsSync(upgraded.backupFile!)).toBe(true);
    expect({ counts: counts(upgraded.db), claims: claimContent(upgraded.db) }).toEqual(before);

    const base = call<Assessment>(upgraded, 'getAssessment');
    expect(base).toMatchObject({
      id: 'asm-base',
      name: 'Base assessment',
      method: 'weighted',
      presetName: 'Balanced',
      weights: balanced(),
      metric: 'capacity_t_per_yr',
      horizonYear: 2030,
      judged: [],
      governance: [],
      stageInputs: [],
    });
    expect(call<AssessmentSummary[]>(upgraded, 'listAssessments')).toEqual([
      expect.objectContaining({ id: 'asm-base', isDefault: true, judgedScores: 0, scenarios: 0, snapshots: 0 }),
    ]);
  });

  it('gives an empty workspace its default assessment too', () => {
    const workspace = workspaceAt();
    expect(loadAssessment(workspace.db).name).toBe('Base assessment');
    expect(workspace.db.prepare('SELECT count(*) FROM assessments WHERE is_default = 1').pluck().get()).toBe(1);
  });
});

describe('presets', () => {
  it('names four weightings over the seven factors, each summing to exactly 1, each described', () => {
    expect(weightPresets.map((preset) => preset.name)).toEqual([
      'Balanced',
      'Security of supply',
      'Market concentration',
      'Policy exposure',
    ]);
    for (const preset of weightPresets) {
      expect(Object.keys(preset.weights).sort()).toEqual([...factorNames].sort());
      expect(factorNames.reduce((sum, factor) => sum + preset.weights[factor], 0)).toBe(1);
      expect(weightsInput.safeParse(preset.weights).success).toBe(true);
      expect(preset.description.length).toBeGreaterThan(20);
    }
  });
});

describe('the assessment store', () => {
  it('creates and edits an assessment; a preset name follows the weights', () => {
    const workspace = workspaceAt();
    const created = call<Assessment>(workspace, 'saveAssessment', {
      name: 'Client brief',
      author: 'A. Analyst',
      presetName: 'Security of supply',
      rules: { minReliability: 'C', excludeStateMediaOnly: true },
      horizonYear: 2028,
    });
    expect(created).toMatchObject({
      name: 'Client brief',
      author: 'A. Analyst',
      presetName: 'Security of supply',
      weights: presetWeights('Security of supply'),
      rules: { minReliability: 'C', minCredibility: 6, excludeStateMediaOnly: true, statuses: ['operating'] },
      horizonYear: 2028,
    });
    expect(created.id).toMatch(/^asm-[0-9a-f]{12}$/);

    const edited = { ...presetWeights('Security of supply'), china_share: 0.1, concentration: 0.15 };
    const changed = call<Assessment>(workspace, 'saveAssessment', { id: created.id, weights: edited, method: 'eu-sr' });
    expect(changed).toMatchObject({
      name: 'Client brief',
      author: 'A. Analyst',
      method: 'eu-sr',
      weights: edited,
      presetName: null,
    });
    expect(call<Assessment>(workspace, 'getAssessment', { id: created.id })).toEqual(changed);
    // The default assessment is untouched by work on another.
    expect(loadAssessment(workspace.db).name).toBe('Base assessment');

    const history = call<AuditRecord[]>(workspace, 'getHistory', { entityType: 'assessment', entityId: created.id });
    expect(history.map((record) => record.action)).toEqual(['update', 'create']);
    expect(history[0]!.before).toMatchObject({ method: 'weighted' });
    expect(history[0]!.after).toMatchObject({ method: 'eu-sr', presetName: null });
  });

  it('keeps judged scores with their rationale and claims, in the order the analyst linked them', () => {
    const workspace = withClaims();
    const score = call<JudgedScore>(workspace, 'setJudgedScore', {
      stage: 'mining',
      factor: 'export_controls',
      score: 62.5,
      rationale: '  The April 2025 controls name oxides, not ores.  ',
      claimIds: ['c-quota', 'c-controls', 'c-quota'],
    });
    expect(score).toEqual({
      stage: 'mining',
      factor: 'export_controls',
      score: 62.5,
      rationale: 'The April 2025 controls name oxides, not ores.',
      claimIds: ['c-quota', 'c-controls'],
    });
    call(workspace, 'setJudgedScore', {
      stage: 'mining',
      factor: 'export_controls',
      score: 70,
      rationale: 'Revised.',
      claimIds: ['c-controls'],
    });
    call(workspace, 'setJudgedScore', { stage: 'magnets', factor: 'know_how', score: 0, rationale: 'None.' });
    expect(loadAssessment(workspace.db).judged).toEqual([
      { stage: 'mining', factor: 'export_controls', score: 70, rationale: 'Revised.', claimIds: ['c-controls'] },
      { stage: 'magnets', factor: 'know_how', score: 0, rationale: 'None.', claimIds: [] },
    ]);
    call(workspace, 'clearJudgedScore', { stage: 'magnets', factor: 'know_how' });
    expect(loadAssessment(workspace.db).judged.map((row) => row.stage)).toEqual(['mining']);
    expect(failure(workspace, 'clearJudgedScore', { stage: 'magnets', factor: 'know_how' })).toMatchObject({ field: 'factor' });

    const history = call<AuditRecord[]>(workspace, 'getHistory', { entityType: 'assessment', entityId: 'asm-base' });
    expect(history).toHaveLength(4);
    expect(history.at(-1)!.before).toEqual({ judged: null });
    expect(verifyAuditChain(workspace.db).firstBroken).toBeUndefined();
  });

  it('keeps the country table and the stage inputs; a country is one row whatever its case', () => {
    const workspace = workspaceAt();
    call(workspace, 'setCountryGovernance', { country: 'China', governance: 6, tradeFactor: 1.2, note: 'export controls' });
    call(workspace, 'setCountryGovernance', { country: 'australia', governance: 1.6 });
    call(workspace, 'setCountryGovernance', { country: 'Australia', governance: 1.5, note: '' });
    call(workspace, 'setStageSupplyInputs', { stage: 'magnets', recyclingRate: 0.03, substitutionIndex: 0.9, note: 'estimate' });
    call(workspace, 'setStageSupplyInputs', { stage: 'magnets', recyclingRate: 0.02, substitutionIndex: 0.95 });
    const assessment = loadAssessment(workspace.db);
    expect(assessment.governance).toEqual([
      { country: 'Australia', governance: 1.5, tradeFactor: 1, note: null },
      { country: 'China', governance: 6, tradeFactor: 1.2, note: 'export controls' },
    ]);
    expect(assessment.stageInputs).toEqual([{ stage: 'magnets', recyclingRate: 0.02, substitutionIndex: 0.95, note: null }]);
    call(workspace, 'removeCountryGovernance', { country: 'CHINA' });
    expect(loadAssessment(workspace.db).governance.map((row) => row.country)).toEqual(['Australia']);
    expect(failure(workspace, 'removeCountryGovernance', { country: 'China' })).toMatchObject({ field: 'country' });
  });
});

describe('refusing bad input: the message names the field and nothing changes', () => {
  const cases: [operation: string, input: unknown, field: string, message: RegExp][] = [
    [
      'saveAssessment',
      { name: 'x', weights: { ...presetWeights('Balanced'), china_share: 0.1 } },
      'weights',
      /^saveAssessment: weights: must sum to 1 \(they sum to 0\.90\)$/,
    ],
    [
      'saveAssessment',
      { name: 'x', weights: { ...presetWeights('Balanced'), china_share: 1.2 } },
      'weights.china_share',
      /from 0 to 1/,
    ],
    [
      'saveAssessment',
      { name: 'x', weights: { china_share: 0.5, concentration: 0.5 } },
      'weights.pipeline_coverage',
      /give a weight/,
    ],
    ['saveAssessment', { name: 'x', weights: { ...presetWeights('Balanced'), gap: 0 } }, 'weights.gap', /unknown field/],
    ['saveAssessment', { name: 'x', presetName: 'Cautious' }, 'presetName', /must be one of Balanced, Security of supply/],
    ['saveAssessment', { name: 'Base assessment' }, 'name', /already exists/],
    ['saveAssessment', { id: 'asm-nope', name: 'x' }, 'assessmentId', /No assessment with id "asm-nope"/],
    [
      'saveAssessment',
      { name: 'x', presetName: 'Balanced', weights: presetWeights('Policy exposure') },
      'presetName',
      /one or the other/,
    ],
    [
      'setJudgedScore',
      { stage: 'mining', factor: 'know_how', score: 120, rationale: 'r' },
      'score',
      /^setJudgedScore: score: must be from 0 to 100$/,
    ],
    ['setJudgedScore', { stage: 'mining', factor: 'know_how', score: -1, rationale: 'r' }, 'score', /from 0 to 100/],
    [
      'setJudgedScore',
      { stage: 'policy', factor: 'know_how', score: 50, rationale: 'r' },
      'stage',
      /^setJudgedScore: stage: must be one of mining/,
    ],
    ['setJudgedScore', { stage: 'mining', factor: 'china_share', score: 50, rationale: 'r' }, 'factor', /export_controls/],
    ['setJudgedScore', { stage: 'mining', factor: 'know_how', score: 50, rationale: '   ' }, 'rationale', /write why/],
    [
      'setJudgedScore',
      { stage: 'mining', factor: 'know_how', score: 50, rationale: 'r', claimIds: ['c-quota', 'c-gone'] },
      'claimIds.1',
      /no claim with id "c-gone"/,
    ],
    [
      'setJudgedScore',
      { assessmentId: 'asm-x', stage: 'mining', factor: 'know_how', score: 5, rationale: 'r' },
      'assessmentId',
      /asm-x/,
    ],
    ['setCountryGovernance', { country: 'China', governance: 11 }, 'governance', /from 0 to 10/],
    ['setCountryGovernance', { country: 'China', governance: 6, tradeFactor: 0.9 }, 'tradeFactor', /at least 1/],
    ['setCountryGovernance', { country: ' ', governance: 6 }, 'country', /name a country/],
    ['setStageSupplyInputs', { stage: 'mining', recyclingRate: 1.5, substitutionIndex: 1 }, 'recyclingRate', /from 0 to 1/],
    ['setStageSupplyInputs', { stage: 'oxides', recyclingRate: 0, substitutionIndex: 1 }, 'stage', /must be one of/],
    [
      'saveScenario',
      {
        name: 'Plant online',
        overrides: { facilities: [{ stage: 'metals', country: 'France', name: 'P', capacity: 500, status: 'planned' }] },
      },
      'overrides.facilities.0.startYear',
      /must be a year/,
    ],
    [
      'saveScenario',
      { name: 'Lifted', overrides: { judged: [{ stage: 'magnets', factor: 'export_controls', score: 150 }] } },
      'overrides.judged.0.score',
      /from 0 to 100/,
    ],
    [
      'saveScenario',
      { name: 'Reweighted', overrides: { weights: { ...presetWeights('Balanced'), know_how: 0.5 } } },
      'overrides.weights',
      /must sum to 1 \(they sum to 1\.38\)/,
    ],
    ['saveScenario', { name: 'Strict', overrides: { rules: { minReliability: 'Z' } } }, 'overrides.rules.minReliability', /./],
    ['saveScenario', { name: 'Odd', overrides: { plants: [] } }, 'overrides.plants', /unknown field/],
    ['saveScenario', { name: ' ' }, 'name', /name the scenario/],
    ['deleteScenario', { id: 'scn-none' }, 'id', /^deleteScenario: id: no scenario "scn-none"$/],
    ['getSnapshot', { id: 'snp-none' }, 'id', /No snapshot/],
  ];

  it.each(cases)('%s %j', (operation, input, field, message) => {
    const workspace = withClaims();
    setJudgedScore(workspace.db, { stage: 'mining', factor: 'know_how', score: 40, rationale: 'base', claimIds: ['c-quota'] });
    const before = scoringState(workspace);
    const error = failure(workspace, operation, input);
    expect(error.message).toMatch(message);
    expect(error.field).toBe(field);
    expect(scoringState(workspace)).toEqual(before);
  });

  it('refuses the same bad input from a direct caller of the store', () => {
    const workspace = workspaceAt();
    const before = scoringState(workspace);
    expect(() => saveAssessment(workspace.db, { name: 'x', weights: { ...balanced(), know_how: 0 } })).toThrow(
      'saveAssessment: weights: must sum to 1 (they sum to 0.88)',
    );
    expect(() =>
      insertSnapshot(workspace.db, {
        assessmentId: 'asm-base',
        method: 'weighted',
        weights: { ...balanced(), know_how: 0 },
        inputs: {},
        results: [],
      }),
    ).toThrow(/insertSnapshot: weights: must sum to 1/);
    expect(() =>
      insertSnapshot(workspace.db, { assessmentId: 'asm-base', method: 'weighted', weights: balanced(), inputs: {} } as never),
    ).toThrow(/results: is required/);
    expect(scoringState(workspace)).toEqual(before);
  });
});

describe('deleting a claim a judged score cites', () => {
  it('drops the link and keeps the score and its rationale', () => {
    const workspace = withClaims();
    call(workspace, 'setJudgedScore', {
      stage: 'separation',
      factor: 'state_coordination',
      score: 90,
      rationale: 'Quota and export controls.',
      claimIds: ['c-controls', 'c-quota'],
    });
    call(workspace, 'deleteClaim', { id: 'c-controls' });
    expect(loadAssessment(workspace.db).judged).toEqual([
      {
        stage: 'separation',
        factor: 'state_coordination',
        score: 90,
        rationale: 'Quota and export controls.',
        claimIds: ['c-quota'],
      },
    ]);
    expect(workspace.db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('scenarios', () => {
  it('saves, finds by id or name, replaces and deletes a scenario without touching claims or the assessment', () => {
    const workspace = withClaims();
    const claimsBefore = claimContent(workspace.db);
    const assessmentBefore = loadAssessment(workspace.db);
    const overrides = {
      facilities: [
        { stage: 'magnets', country: 'United States', name: '10X', capacity: 7000, status: 'planned', startYear: 2028 },
      ],
      judged: [{ stage: 'magnets', factor: 'export_controls', score: 30 }],
      weights: presetWeights('Policy exposure'),
      rules: { statuses: ['operating', 'under_construction'] },
      governance: [{ country: 'China', tradeFactor: 1 }],
    };
    const saved = call<StoredScenario>(workspace, 'saveScenario', {
      name: 'Controls lifted',
      description: 'Beijing lifts the April controls.',
      overrides,
    });
    expect(saved).toMatchObject({ assessmentId: 'asm-base', name: 'Controls lifted', overrides });
    expect(loadScenario(workspace.db, 'controls LIFTED').id).toBe(saved.id);
    expect(loadScenario(workspace.db, saved.id).name).toBe('Controls lifted');
    expect(failure(workspace, 'saveScenario', { name: 'controls lifted' })).toMatchObject({ field: 'name' });

    const renamed = call<StoredScenario>(workspace, 'saveScenario', { id: saved.id, name: 'Controls eased', overrides: {} });
    expect(renamed).toMatchObject({ id: saved.id, name: 'Controls eased', description: null, overrides: {} });
    expect(call<StoredScenario[]>(workspace, 'listScenarios').map((s) => s.name)).toEqual(['Controls eased']);
    call(workspace, 'deleteScenario', { id: 'Controls eased' });
    expect(call<StoredScenario[]>(workspace, 'listScenarios')).toEqual([]);
    expect(
      call<AuditRecord[]>(workspace, 'getHistory', { entityType: 'scenario', entityId: saved.id }).map((r) => r.action),
    ).toEqual(['delete', 'update', 'create']);
    expect(claimContent(workspace.db)).toEqual(claimsBefore);
    expect({ ...loadAssessment(workspace.db), updatedAt: '' }).toEqual({ ...assessmentBefore, updatedAt: '' });
  });
});

describe('snapshots', () => {
  it('are written once, listed oldest first with their results, and refuse any later change', () => {
    const workspace = workspaceAt();
    const first = insertSnapshot(workspace.db, {
      assessmentId: 'asm-base',
      author: 'A. Analyst',
      note: 'Q3 brief',
      method: 'weighted',
      weights: balanced(),
      inputs: { claims: ['c1'] },
      results: [{ stage: 'magnets', score: 81 }],
    });
    const second = insertSnapshot(workspace.db, {
      assessmentId: 'asm-base',
      method: 'eu-sr',
      weights: balanced(),
      inputs: {},
      results: [],
    });
    expect(first).toMatchObject({
      author: 'A. Analyst',
      note: 'Q3 brief',
      inputs: { claims: ['c1'] },
      results: [{ stage: 'magnets', score: 81 }],
    });
    expect(listSnapshots(workspace.db).map((s) => s.id)).toEqual([first.id, second.id]);
    expect(listSnapshots(workspace.db)[0]).not.toHaveProperty('inputs');
    expect(call(workspace, 'getSnapshot', { id: first.id })).toEqual(first);

    expect(() => workspace.db.prepare("UPDATE snapshots SET note = 'rewritten' WHERE id = ?").run(first.id)).toThrow(
      /a snapshot is written once and never changed/,
    );
    expect(() => workspace.db.prepare("UPDATE snapshots SET results = '[]'").run()).toThrow(/written once/);
    expect(loadSnapshot(workspace.db, first.id)).toEqual(first);
    // An assessment with snapshots cannot be deleted behind their back.
    expect(() => workspace.db.prepare("DELETE FROM assessments WHERE id = 'asm-base'").run()).toThrow(/FOREIGN KEY/);
    expect(call<AuditRecord[]>(workspace, 'getHistory', { entityType: 'snapshot', entityId: first.id })).toHaveLength(1);
  });
});
