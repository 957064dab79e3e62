import { formatNumber } from '../common/numbers';
import type { ClaimListRow } from '../types';

export interface Figure {
  /** The number or range as read aloud, e.g. "60,000", "69%" or "1,000–1,400". */
  amount: string;
  /** A range given alongside a point value, shown quieter under it. */
  range: string | null;
  /** What the number counts, e.g. "t NdPr oxide per year (planned)". */
  unit: string | null;
}

/** How a claim's number reads in a table: the value, its range (low–high) and its unit beside it. */
export function claimFigure(claim: ClaimListRow): Figure | null {
  const isYear = claim.metric === 'scheduled_commissioning_year';
  // A commissioning year is a date, not a quantity: "2027", never "2,027" or "2027 year".
  const format = isYear ? String : formatNumber;
  let unit = claim.unit?.trim() || null;
  if (isYear && unit === 'year') unit = null;
  // Units such as "% of global separation" keep their "%" on the number: "69%", then the words.
  const suffix = unit?.startsWith('%') ? '%' : '';
  if (suffix) unit = unit!.slice(1).trim() || null;

  const range = formatRange(claim.valueLow, claim.valueHigh, (value) => format(value) + suffix);
  if (claim.value !== null) return { amount: format(claim.value) + suffix, range, unit };
  if (range !== null) return { amount: range, range: null, unit };
  return null;
}

function formatRange(low: number | null, high: number | null, format: (value: number) => string): string | null {
  if (low !== null && high !== null) return `${format(low)}–${format(high)}`;
  if (low !== null) return `≥ ${format(low)}`;
  if (high !== null) return `≤ ${format(high)}`;
  return null;
}
