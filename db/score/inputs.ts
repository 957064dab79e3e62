import { z } from 'zod';
import { chainStages, rulesInput } from '../model/inputs';
import { presetNames } from './presets';
import { factorNames, judgedFactors, type Weights } from './types';

/**
 * What an analyst may write into an assessment, a scenario or a snapshot: the zod schemas shared by
 * the operation table, the stores themselves (so a direct caller is checked the same way) and the
 * workspace import. Messages name the field and say what would be right.
 */
const listOf = (values: readonly string[]) => values.join(', ');

export const stageInput = z.enum(chainStages, `must be one of ${listOf(chainStages)}`);
export const judgedFactorInput = z.enum(judgedFactors, `must be one of ${listOf(judgedFactors)}`);
export const methodInput = z.enum(['weighted', 'eu-sr'], 'must be weighted or eu-sr');
export const assessmentMetricInput = z.enum(['capacity_t_per_yr', 'production_t'], 'must be capacity_t_per_yr or production_t');

const assessmentId = z.string('must be an assessment id').min(1, 'must be an assessment id').max(200);
const optionalNote = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .nullable()
    .optional()
    .transform((s) => s?.trim() || null);

/** For an edit: left out keeps what is stored, null or blank clears it. */
const keptOrCleared = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .nullable()
    .optional()
    .transform((s) => (s === undefined ? undefined : s?.trim() || null));

/** A judged score or its override: higher means more supply risk. */
export const scoreInput = z
  .number('must be a number from 0 to 100')
  .min(0, 'must be from 0 to 100')
  .max(100, 'must be from 0 to 100');

const weight = z.number('give a weight from 0 to 1').min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1');

/** Tolerance on the sum: weights typed as percentages with one decimal still add up. */
export const WEIGHT_SUM_TOLERANCE = 0.001;

export const weightsInput = z
  .strictObject(Object.fromEntries(factorNames.map((factor) => [factor, weight])) as Record<keyof Weights, typeof weight>)
  .superRefine((weights, context) => {
    const sum = Object.values(weights).reduce((total, value) => total + value, 0);
    if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
      // Two decimals unless they would read "1.00" for a sum that is still off.
      const shown = sum.toFixed(2) === '1.00' ? sum.toFixed(4) : sum.toFixed(2);
      context.addIssue({ code: 'custom', message: `must sum to 1 (they sum to ${shown})` });
    }
  }) as unknown as z.ZodType<Weights>;

export const presetNameInput = z.enum(presetNames, `must be one of ${listOf(presetNames)}`);

/**
 * Creates an assessment without an id, changes one with it; a field left out keeps its value (or,
 * for a new assessment, its default). `presetName` alone applies that preset's weights.
 */
export const saveAssessmentInput = z.strictObject({
  id: assessmentId.optional(),
  name: z
    .string('name the assessment')
    .trim()
    .min(1, 'name the assessment')
    .max(200, 'must be at most 200 characters')
    .optional(),
  author: keptOrCleared(200),
  method: methodInput.optional(),
  weights: weightsInput.optional(),
  presetName: presetNameInput.nullable().optional(),
  rules: rulesInput,
  metric: assessmentMetricInput.optional(),
  horizonYear: z
    .number('must be a year')
    .int('must be a whole year')
    .min(2000, 'must be from 2000 to 2100')
    .max(2100, 'must be from 2000 to 2100')
    .optional(),
});
export type SaveAssessmentInput = z.input<typeof saveAssessmentInput>;

const claimIds = z
  .array(z.string('must be a claim id').trim().min(1, 'must be a claim id').max(200))
  .max(50, 'link at most 50 claims')
  .default([])
  .transform((ids) => [...new Set(ids)]);

export const judgedScoreInput = z.strictObject({
  assessmentId: assessmentId.optional(),
  stage: stageInput,
  factor: judgedFactorInput,
  score: scoreInput,
  rationale: z
    .string('write why the stage scores this')
    .trim()
    .min(1, 'write why the stage scores this')
    .max(4000, 'must be at most 4000 characters'),
  claimIds,
});
export type JudgedScoreInput = z.input<typeof judgedScoreInput>;

export const judgedScoreKeyInput = z.strictObject({
  assessmentId: assessmentId.optional(),
  stage: stageInput,
  factor: judgedFactorInput,
});

export const countryNameInput = z
  .string('name a country')
  .trim()
  .min(1, 'name a country')
  .max(120, 'must be at most 120 characters');
export const governanceInput = z
  .number('must be a number from 0 to 10')
  .min(0, 'must be from 0 to 10')
  .max(10, 'must be from 0 to 10');
export const tradeFactorInput = z
  .number('must be a number of at least 1')
  .min(1, 'must be at least 1 (1 = no export restriction)')
  .max(10, 'must be at most 10');

export const countryGovernanceInput = z.strictObject({
  assessmentId: assessmentId.optional(),
  country: countryNameInput,
  governance: governanceInput,
  tradeFactor: tradeFactorInput.default(1),
  note: optionalNote(2000),
});
export type CountryGovernanceInput = z.input<typeof countryGovernanceInput>;

export const countryKeyInput = z.strictObject({ assessmentId: assessmentId.optional(), country: countryNameInput });

export const unitShareInput = z
  .number('must be a number from 0 to 1')
  .min(0, 'must be from 0 to 1')
  .max(1, 'must be from 0 to 1');

export const stageSupplyInput = z.strictObject({
  assessmentId: assessmentId.optional(),
  stage: stageInput,
  recyclingRate: unitShareInput,
  substitutionIndex: unitShareInput,
  note: optionalNote(2000),
});
export type StageSupplyInput = z.input<typeof stageSupplyInput>;

export const hypotheticalFacilityInput = z.strictObject({
  stage: stageInput,
  country: countryNameInput,
  name: z.string('name the facility').trim().min(1, 'name the facility').max(200, 'must be at most 200 characters'),
  // Negative for a closure or a cut; zero would change nothing and is most likely a slip.
  capacity: z
    .number('must be a capacity in t/yr')
    .refine((value) => value !== 0, 'must not be 0 (negative for a closure or a cut)')
    .refine((value) => Math.abs(value) <= 10_000_000, 'must be at most 10,000,000 t/yr either way'),
  status: z.enum(['operating', 'under_construction', 'planned'], 'must be operating, under_construction or planned'),
  startYear: z
    .number('must be a year')
    .int('must be a whole year')
    .min(1900, 'must be from 1900 to 2200')
    .max(2200, 'must be from 1900 to 2200'),
});

export const scenarioOverridesInput = z.strictObject({
  facilities: z.array(hypotheticalFacilityInput).max(200, 'at most 200 facilities').optional(),
  judged: z
    .array(z.strictObject({ stage: stageInput, factor: judgedFactorInput, score: scoreInput }))
    .max(20, 'at most one override per stage and judged factor')
    .superRefine((rows, context) => {
      const seen = new Set<string>();
      for (const [index, row] of rows.entries()) {
        const key = `${row.stage}/${row.factor}`;
        if (seen.has(key)) context.addIssue({ code: 'custom', path: [index], message: `overrides ${key} twice` });
        seen.add(key);
      }
    })
    .optional(),
  weights: weightsInput.optional(),
  rules: rulesInput,
  governance: z
    .array(
      z.strictObject({
        country: countryNameInput,
        governance: governanceInput.optional(),
        tradeFactor: tradeFactorInput.optional(),
      }),
    )
    .max(300)
    .optional(),
});

export const saveScenarioInput = z.strictObject({
  id: z.string().min(1).max(200).optional(),
  assessmentId: assessmentId.optional(),
  name: z.string('name the scenario').trim().min(1, 'name the scenario').max(200, 'must be at most 200 characters'),
  description: optionalNote(4000),
  overrides: scenarioOverridesInput.default({}),
});
export type SaveScenarioInput = z.input<typeof saveScenarioInput>;

/** Opaque to the store: the engine decides what a snapshot's inputs and results hold; they must be JSON. */
const json = z.unknown().refine((value) => value !== undefined, 'is required');

export const snapshotInput = z.strictObject({
  assessmentId,
  author: optionalNote(200),
  note: optionalNote(4000),
  method: methodInput,
  weights: weightsInput,
  inputs: json,
  results: json,
});
export type SnapshotInput = z.input<typeof snapshotInput>;
