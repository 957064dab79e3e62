import { z } from 'zod';
import {
  assessmentMetricInput,
  countryNameInput,
  governanceInput,
  judgedFactorInput,
  methodInput,
  presetNameInput,
  scoreInput,
  stageInput,
  tradeFactorInput,
  unitShareInput,
} from '../score/inputs';

/**
 * The shape of the starter assessment (assets/starter/starter-assessment.json): the analyst's
 * judgement over the starter claims, written by hand and kept apart from the starter workspace,
 * which `npm run starter:convert` regenerates from the compiled facts. Checked on load, so a hand
 * edit that breaks a rule (a score of 120, a rationale left empty, a judged score citing no claim)
 * fails loudly and names the entry.
 */
const text = z.string().trim().min(1);

export const starterAssessmentSchema = z.strictObject({
  format: z.literal('chokepoint-starter-assessment'),
  version: z.literal(1),
  about: text,
  name: text,
  author: text.nullable(),
  method: methodInput,
  presetName: presetNameInput,
  metric: assessmentMetricInput,
  horizonYear: z.number().int().min(2000).max(2100),
  judged: z.array(
    z.strictObject({
      stage: stageInput,
      factor: judgedFactorInput,
      score: scoreInput,
      rationale: text,
      // A starter score that cites nothing would teach the wrong habit.
      claimIds: z.array(text).min(1, 'a starter judged score cites at least one starter claim'),
    }),
  ),
  governance: z.array(
    z.strictObject({ country: countryNameInput, governance: governanceInput, tradeFactor: tradeFactorInput, note: text }),
  ),
  stageInputs: z.array(
    z.strictObject({ stage: stageInput, recyclingRate: unitShareInput, substitutionIndex: unitShareInput, note: text }),
  ),
});

export type StarterAssessment = z.infer<typeof starterAssessmentSchema>;
