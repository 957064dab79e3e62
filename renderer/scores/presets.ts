import type { Vocabulary } from '../types';

/** The named weightings come with the workspace's vocabulary: the same list the engine applies. */
export type WeightPreset = Vocabulary['weightPresets'][number];
export type WeightPresetName = WeightPreset['name'];
