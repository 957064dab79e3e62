import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { executeOperation } from '../../db/api';
import { verifyAuditChain } from '../../db/audit/log';
import { chainStages } from '../../db/model/inputs';
import { presetWeights } from '../../db/score/presets';
import { judgedFactors, type Assessment } from '../../db/score/types';
import { starterAssessment } from '../../db/starter/load-assessment';
import { starterWorkspace } from '../../db/starter/load';
import { createWorkspace } from '../../db/workspace/create';
import type { Workspace } from '../../db/workspace/open';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();
const open: Workspace[] = [];
afterEach(() => {
  for (const workspace of open.splice(0)) workspace.close();
});

function starter(): Assessment {
  const workspace = createWorkspace(join(tempFolder(), 'starter.sqlite'), { starter: true });
  open.push(workspace);
  const result = executeOperation({ workspace }, 'getAssessment', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Assessment;
}

const sentences = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z])/).length;

describe('the starter assessment', () => {
  it('fills the default assessment of a new starter workspace with the Balanced preset', () => {
    expect(starter()).toMatchObject({
      id: 'asm-base',
      name: 'Starter assessment',
      method: 'weighted',
      presetName: 'Balanced',
      weights: presetWeights('Balanced'),
      horizonYear: 2030,
    });
    expect(verifyAuditChain(open[0]!.db).firstBroken).toBeUndefined();
  });

  it('judges all four judged factors of all five stages, each with a short rationale citing starter claims', () => {
    const assessment = starter();
    const claimIds = new Set(open[0]!.db.prepare('SELECT id FROM claims').pluck().all() as string[]);
    expect(assessment.judged).toHaveLength(20);
    for (const stage of chainStages)
      for (const factor of judgedFactors) {
        const score = assessment.judged.find((row) => row.stage === stage && row.factor === factor);
        expect(score, `${stage} ${factor}`).toBeDefined();
        expect(score!.score).toBeGreaterThanOrEqual(0);
        expect(score!.score).toBeLessThanOrEqual(100);
        expect(sentences(score!.rationale), `${stage} ${factor}: ${score!.rationale}`).toBeLessThanOrEqual(3);
        expect(score!.claimIds.length).toBeGreaterThan(0);
        for (const id of score!.claimIds) expect(claimIds.has(id), `${stage} ${factor} cites ${id}`).toBe(true);
      }
  });

  it('rests its export-control scores on the 2025 controls, the suspension and the technology ban', () => {
    const assessment = starter();
    const cited = (factor: string) =>
      new Set(assessment.judged.filter((row) => row.factor === factor).flatMap((row) => row.claimIds));
    for (const id of [
      'pol-export-controls-apr2025',
      'pol-export-controls-oct2025',
      'pol-nov2025-suspension',
      'pol-april-controls-remain',
    ])
      expect(cited('export_controls').has(id), id).toBe(true);
    expect(cited('know_how').has('pol-tech-export-ban-dec2023')).toBe(true);
    for (const id of [
      'mine-cn-quota-2024',
      'sep-cn-quota-2024',
      'pol-quota-2025-unannounced',
      'pol-re-regulations-oct2024',
      'pol-interim-measures-aug2025',
      'pol-creg-founded-2021',
    ])
      expect(cited('state_coordination').has(id), id).toBe(true);
  });

  it('has a governance row for every country in the starter claims, marked as estimates; China alone has a trade factor', () => {
    const assessment = starter();
    const countries = open[0]!.db
      .prepare(
        `SELECT DISTINCT country FROM claims c JOIN claim_evidence e ON e.claim_seq = c.seq
          WHERE e.side IN ('china', 'ex-china') ORDER BY country`,
      )
      .pluck()
      .all();
    expect(assessment.governance.map((row) => row.country).sort()).toEqual(countries);
    for (const row of assessment.governance) {
      expect(row.governance).toBeGreaterThanOrEqual(0);
      expect(row.governance).toBeLessThanOrEqual(10);
      expect(row.note).toMatch(/starter estimate.*not an official figure/);
    }
    const china = assessment.governance.find((row) => row.country === 'China')!;
    expect(china.tradeFactor).toBeGreaterThan(1);
    expect(china.note).toMatch(/pol-export-controls-apr2025/);
    expect(assessment.governance.filter((row) => row.tradeFactor !== 1).map((row) => row.country)).toEqual(['China']);
  });

  it('sets recycling and substitution for every stage, with notes', () => {
    const assessment = starter();
    expect(assessment.stageInputs.map((row) => row.stage)).toEqual([...chainStages]);
    for (const row of assessment.stageInputs) {
      expect(row.recyclingRate).toBeGreaterThanOrEqual(0);
      expect(row.recyclingRate).toBeLessThanOrEqual(0.05);
      expect(row.substitutionIndex).toBeGreaterThanOrEqual(0.9);
      expect(row.substitutionIndex).toBeLessThanOrEqual(1);
      expect(row.note).toMatch(/estimate/);
    }
  });

  it('cites only claims the embedded starter dataset holds (the asset is checked, not just the loaded workspace)', () => {
    const ids = new Set(starterWorkspace().claims.map((claim) => claim.id));
    const missing = starterAssessment().judged.flatMap((row) => row.claimIds.filter((id) => !ids.has(id)));
    expect(missing).toEqual([]);
  });

  it('leaves an empty workspace on the base assessment with no judged scores', () => {
    const workspace = createWorkspace(join(tempFolder(), 'empty.sqlite'), { starter: false });
    open.push(workspace);
    const result = executeOperation({ workspace }, 'getAssessment', undefined);
    expect(result).toMatchObject({ ok: true, value: { name: 'Base assessment', judged: [], governance: [], stageInputs: [] } });
  });
});
