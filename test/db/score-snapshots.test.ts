import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SnapshotDiff, SnapshotInputs } from '../../db/score/engine/snapshots';
import type { Snapshot, SnapshotSummary } from '../../db/score/snapshot-store';
import type { ScoreReport } from '../../db/score/types';
import { baseTables, scoreFixture, type ScoreFixture } from './fixtures/score-workspace';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();
let fixture: ScoreFixture;

beforeEach(() => {
  fixture = scoreFixture(tempFolder());
});
afterEach(() => fixture.workspace.close());

describe('snapshots', () => {
  it('keeps the date, author, method, weights, inputs with the claims each factor used, and the results', () => {
    const before = baseTables(fixture.workspace.db);
    const snapshot = fixture.call<Snapshot>('takeSnapshot', { author: 'A. Analyst', note: 'Q3 review' });
    const after = baseTables(fixture.workspace.db);
    // Claims and evidence are untouched; the audit log gains exactly the snapshot's record.
    expect({ ...after, auditLog: undefined }).toEqual({ ...before, auditLog: undefined });
    expect(after.auditLog.rows).toBe(before.auditLog.rows + 1);

    expect(snapshot).toMatchObject({
      author: 'A. Analyst',
      note: 'Q3 review',
      method: 'weighted',
      weights: { china_share: 0.2 },
    });
    expect(snapshot.takenAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const inputs = snapshot.inputs as SnapshotInputs;
    expect(inputs.assessment.judged).toHaveLength(4);
    expect(inputs.scenario).toBeNull();
    const separation = inputs.factors.find((s) => s.stage === 'separation')!;
    expect(separation.factors.find((f) => f.name === 'export_controls')).toEqual({
      name: 'export_controls',
      score: 80,
      claimIds: [fixture.ids.controls],
    });
    const results = snapshot.results as ScoreReport;
    expect(results.stages.find((s) => s.stage === 'separation')!.score).toBeCloseTo(57.65, 9);
    expect(fixture.call<SnapshotSummary[]>('listSnapshots').map((s) => s.id)).toEqual([snapshot.id]);
  });

  it('names what changed between two snapshots and the claims that moved each factor', () => {
    const first = fixture.call<Snapshot>('takeSnapshot', {});
    // A new ex-China figure, a new claim behind export controls with a rewritten rationale, the
    // know-how claim deleted, and other weights.
    const malaysia = fixture.call<{ id: string }>('createClaim', {
      statement: 'Malaysia 100',
      stage: 'separation',
      metric: 'capacity_t_per_yr',
      unit: 't/yr',
      year: 2024,
      country: 'Malaysia',
      value: 100,
      citations: [{ sourceId: fixture.sources.official }],
    }).id;
    const october = fixture.call<{ id: string }>('createClaim', {
      statement: 'Controls extended in October.',
      stage: 'policy',
      citations: [{ sourceId: fixture.sources.official }],
    }).id;
    fixture.call('setJudgedScore', {
      stage: 'separation',
      factor: 'export_controls',
      score: 90,
      rationale: 'Licensing in force and extended.',
      claimIds: [fixture.ids.controls, october],
    });
    fixture.call('deleteClaim', { id: fixture.ids.knowHow });
    fixture.call('saveAssessment', { id: 'asm-base', presetName: 'Security of supply' });
    const second = fixture.call<Snapshot>('takeSnapshot', {});

    const diff = fixture.call<SnapshotDiff>('diffSnapshots', { from: first.id, to: second.id });
    expect(diff.from.id).toBe(first.id);
    expect(diff.weights).toContainEqual({ name: 'pipeline_coverage', before: 0.15, after: 0.25 });
    const stage = diff.stages.find((s) => s.stage === 'separation')!;
    expect(stage.before).toBeCloseTo(57.65, 9);
    expect(stage.change).toBeCloseTo(stage.after! - stage.before!, 12);

    const changed = (name: string) => stage.factors.find((f) => f.name === name)!;
    // China's share fell from 60% to 600/1100 because of the Malaysia claim.
    expect(changed('china_share')).toMatchObject({ before: 60, claimsAdded: [malaysia], claimsRemoved: [] });
    expect(changed('china_share').after).toBeCloseTo((600 / 1100) * 100, 9);
    expect(changed('export_controls')).toMatchObject({
      before: 80,
      after: 90,
      claimsAdded: [october],
      claimsRemoved: [],
      judged: { scoreBefore: 80, scoreAfter: 90, rationaleChanged: true, rationaleAfter: 'Licensing in force and extended.' },
    });
    expect(changed('know_how')).toMatchObject({ before: 70, after: 70, claimsAdded: [], claimsRemoved: [fixture.ids.knowHow] });
    expect(changed('export_controls').summary).toBe(
      `Export-control exposure 80.0 → 90.0; weight 0.125 → 0.200; the analyst changed the judged score; the rationale was rewritten; claims added: ${october}`,
    );
    expect(stage.summary).toMatch(/^Separation: 57\.[67] → \d+\.\d \([+−]\d+\.\d\)\. /);
    expect(diff.summary.some((line) => line.includes(`claims added: ${malaysia}`))).toBe(true);
    // A stage with nothing scored either time has nothing to report, even though the weights moved.
    expect(diff.stages.find((s) => s.stage === 'mining')).toMatchObject({ before: null, after: null, factors: [] });
    expect(diff.summary.some((line) => line.startsWith('Mining'))).toBe(false);
  });

  it('says nothing changed between two snapshots of the same state', () => {
    const a = fixture.call<Snapshot>('takeSnapshot', {});
    const b = fixture.call<Snapshot>('takeSnapshot', {});
    const diff = fixture.call<SnapshotDiff>('diffSnapshots', { from: a.id, to: b.id });
    expect(diff.summary).toEqual([]);
    expect(diff.stages.every((s) => s.factors.length === 0)).toBe(true);
  });
});
