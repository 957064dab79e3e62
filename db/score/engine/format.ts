/** How the scoring engine writes numbers in its basis and method sentences. */
export const percent = (fraction: number, digits = 1) => `${(fraction * 100).toFixed(digits)}%`;
export const tonnes = (value: number, unit = 't/yr') => `${Math.round(value).toLocaleString('en-US')} ${unit}`;
/** A score on the 0–100 scale, to one decimal. */
export const points = (value: number) => value.toFixed(1);
export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
