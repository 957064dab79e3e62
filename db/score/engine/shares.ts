import type { CountryFigure } from '../../model/types';

/**
 * Country shares at the value and at the two ends of the capacity model's band. The band ends are
 * the same pairing the model uses for China's share: China at the low end of its figures and every
 * ex-China country at its high end, and the other way round. A concentration measure is read at
 * all three and its band is the lowest and highest of them.
 */
export type BandEnd = 'value' | 'chinaLow' | 'chinaHigh';
export const bandEnds: readonly BandEnd[] = ['value', 'chinaLow', 'chinaHigh'];

export interface CountryShare {
  country: string;
  side: CountryFigure['side'];
  /** 0–1. */
  share: number;
}

function figureAt(country: CountryFigure, end: BandEnd): number {
  if (end === 'value') return country.value;
  const chinaLow = end === 'chinaLow';
  if (country.side === 'china') return chinaLow ? country.low : country.high;
  return chinaLow ? country.high : country.low;
}

export function sharesAt(countries: readonly CountryFigure[], end: BandEnd): CountryShare[] {
  const figures = countries.map((c) => ({ country: c.country, side: c.side, figure: figureAt(c, end) }));
  const total = figures.reduce((t, f) => t + f.figure, 0);
  return figures.map((f) => ({ country: f.country, side: f.side, share: total > 0 ? f.figure / total : 0 }));
}

/** Herfindahl–Hirschman index on the 0–10,000 scale. */
export const hhiOf = (shares: readonly CountryShare[]): number => shares.reduce((t, s) => t + (s.share * 100) ** 2, 0);

/** The value of a measure and its band: the lowest and highest of the value and the two band ends. */
export function acrossBand(countries: readonly CountryFigure[], measure: (shares: CountryShare[]) => number) {
  const [value, ...ends] = bandEnds.map((end) => measure(sharesAt(countries, end)));
  return { value: value!, low: Math.min(value!, ...ends), high: Math.max(value!, ...ends) };
}
