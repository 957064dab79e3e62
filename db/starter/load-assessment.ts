import type { Database } from 'better-sqlite3';
import starterAssessmentAsset from '../../assets/starter/starter-assessment.json';
import { writeAssessmentContent } from '../score/assessment-content';
import { resolveAssessmentId } from '../score/assessment-store';
import { presetWeights } from '../score/presets';
import { parseInput } from '../validation';
import { starterAssessmentSchema, type StarterAssessment } from './assessment-schema';

/**
 * The starter workspace's default assessment, bundled into the app like the starter dataset. It
 * fills the workspace's default assessment (the one migration 4 creates) rather than adding a second,
 * so a new analyst opens on scores that already cite the starter claims.
 */
export function starterAssessment(): StarterAssessment {
  return parseInput(starterAssessmentSchema, starterAssessmentAsset, 'starter assessment');
}

/**
 * Fills the default assessment and says what it wrote, for the starter's audit record; the caller owns
 * the transaction and has loaded the starter claims.
 */
export function loadStarterAssessment(db: Database, data: StarterAssessment = starterAssessment()) {
  const assessmentId = resolveAssessmentId(db);
  const claimExists = db.prepare('SELECT 1 FROM claims WHERE id = ?');
  for (const { stage, factor, claimIds } of data.judged)
    for (const claimId of claimIds)
      if (!claimExists.get(claimId))
        throw new Error(
          `starter assessment: ${stage} ${factor} cites claim "${claimId}", which the starter workspace does not hold`,
        );
  db.prepare(
    `UPDATE assessments SET name = @name, author = @author, method = @method, weights = @weights, preset_name = @presetName,
            metric = @metric, horizon_year = @horizonYear, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
      WHERE id = @assessmentId`,
  ).run({
    assessmentId,
    name: data.name,
    author: data.author,
    method: data.method,
    weights: JSON.stringify(presetWeights(data.presetName)),
    presetName: data.presetName,
    metric: data.metric,
    horizonYear: data.horizonYear,
  });
  writeAssessmentContent(db, assessmentId, data);
  // Recorded in the starter dataset's own import record: loading the starter is one event.
  return {
    id: assessmentId,
    name: data.name,
    presetName: data.presetName,
    judged: data.judged.length,
    governance: data.governance.map((row) => row.country),
    stageInputs: data.stageInputs.length,
  };
}
