/**
 * One number format for every figure. Fixed to English grouping for now so a figure reads the same on
 * an analyst's screen, in a client deck and in a test; a locale setting can come with preferences.
 */
const grouped = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

export function formatNumber(value: number): string {
  return grouped.format(value);
}

export function formatCount(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(count)} ${count === 1 ? singular : plural}`;
}
