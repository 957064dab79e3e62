/**
 * Numbers as analysts' files write them. Accepted: "18000", "18,000", "1 234" (also with a
 * no-break or thin space), "12.5", "-3", "−3" (the typographic minus), "+4", "1.2e3", and a
 * trailing percent sign: "45%" reads as 45, because share and yield claims store percent points.
 * Refused, with the reason "not a number": words ("about 5", "W", "n/a"), ranges ("5-7"), a comma
 * that is not a thousands separator ("12,5": a decimal comma is ambiguous, so it is never guessed),
 * and a percent sign anywhere but at the end.
 */
export type NumberParse = { ok: true; value: number } | { ok: false; reason: string };

// A space-like separator or an apostrophe between digits groups thousands just as a comma does.
const groupSeparators = /(?<=\d)[ \u00a0\u2009\u202f'](?=\d)/g;
const plain = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const grouped = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** The cell as a message quotes it: at most 40 characters, a line break or control character escaped. */
function shown(text: string): string {
  const cell = text.trim();
  return JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell);
}

export function parseNumber(text: string): NumberParse {
  let s = text.trim().replace(/^\u2212/, '-');
  if (s === '') return { ok: false, reason: 'is empty (list "" in the recipe\'s "missing" to skip such rows)' };
  if (s.endsWith('%')) s = s.slice(0, -1).trimEnd();
  s = s.replace(groupSeparators, ',');
  if (grouped.test(s)) s = s.replace(/,/g, '');
  if (!plain.test(s)) return { ok: false, reason: `not a number: ${shown(text)}` };
  const value = Number(s);
  if (!Number.isFinite(value)) return { ok: false, reason: `not a finite number: ${shown(text)}` };
  return { ok: true, value };
}
