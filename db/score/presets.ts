import type { Weights } from './types';

/**
 * The named weightings an analyst starts from. Each sums to exactly 1 (the figures are chosen so
 * the floating-point sum is 1, not 0.9999…), and each says in one line what it emphasises, so a
 * client can be told why a stage scores as it does under it.
 */
export interface WeightPreset {
  name: string;
  description: string;
  weights: Weights;
}

export const weightPresets = [
  {
    name: 'Balanced',
    description:
      "Half on the capacity figures, half on the analyst's judgement: China's share leads the computed half, the four judged factors weigh the same.",
    weights: {
      china_share: 0.2,
      concentration: 0.15,
      pipeline_coverage: 0.15,
      export_controls: 0.125,
      know_how: 0.125,
      state_coordination: 0.125,
      substitutability: 0.125,
    },
  },
  {
    name: 'Security of supply',
    description:
      'Can a buyer outside China get the material: the ex-China pipeline shortfall, export controls and the lack of substitutes lead.',
    weights: {
      china_share: 0.15,
      concentration: 0.1,
      pipeline_coverage: 0.25,
      export_controls: 0.2,
      know_how: 0.05,
      state_coordination: 0.05,
      substitutability: 0.2,
    },
  },
  {
    name: 'Market concentration',
    description: "How concentrated the stage is, by the numbers: China's share and the HHI carry 70% of the score.",
    weights: {
      china_share: 0.35,
      concentration: 0.35,
      pipeline_coverage: 0.1,
      export_controls: 0.05,
      know_how: 0.05,
      state_coordination: 0.05,
      substitutability: 0.05,
    },
  },
  {
    name: 'Policy exposure',
    description:
      "How far Beijing's policy can move the stage: export controls and state coordination of industry lead, then process know-how.",
    weights: {
      china_share: 0.1,
      concentration: 0.05,
      pipeline_coverage: 0.05,
      export_controls: 0.3,
      know_how: 0.15,
      state_coordination: 0.25,
      substitutability: 0.1,
    },
  },
] as const satisfies readonly WeightPreset[];

export type PresetName = (typeof weightPresets)[number]['name'];
export const presetNames = weightPresets.map((preset) => preset.name) as [PresetName, ...PresetName[]];

export const DEFAULT_PRESET: PresetName = 'Balanced';

export function presetWeights(name: PresetName): Weights {
  const preset = weightPresets.find((candidate) => candidate.name === name)!;
  return { ...preset.weights };
}

/** The preset these weights are exactly, if any: an edited weighting no longer carries a preset's name. */
export function presetMatching(weights: Weights): PresetName | null {
  const match = weightPresets.find((preset) =>
    (Object.keys(preset.weights) as (keyof Weights)[]).every(
      (factor) => Math.abs(preset.weights[factor] - weights[factor]) < 1e-9,
    ),
  );
  return match?.name ?? null;
}
