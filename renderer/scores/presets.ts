import type { weightPresets as dbPresets } from '../../db/score/presets';

/**
 * The named weightings, for the preset pickers. The renderer may not load db/ code, so the list is
 * repeated here, and typed as db/'s own list: its names, descriptions and every weight are literal
 * types there, so any drift between the two copies fails the type check rather than the analyst.
 */
export const weightPresets: typeof dbPresets = [
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
] as const;

export type WeightPresetName = (typeof weightPresets)[number]['name'];
