/**
 * Where a selection sits in an archived copy, in words a reader can find again in the same copy:
 * "line 14, chars 1203–1310". Offsets are 1-based and inclusive, as a person counts.
 */
export function locatorFor(text: string, start: number, end: number): string {
  const from = Math.max(0, Math.min(start, end));
  const to = Math.min(text.length, Math.max(start, end));
  const firstLine = lineAt(text, from);
  const lastLine = lineAt(text, Math.max(from, to - 1));
  const lines = firstLine === lastLine ? `line ${firstLine}` : `lines ${firstLine}–${lastLine}`;
  return `${lines}, chars ${from + 1}–${to}`;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** A claim statement starts as the selection, whitespace folded, cut at a word near 300 characters. */
export function statementFrom(selection: string, limit = 300): string {
  const folded = selection.replace(/\s+/g, ' ').trim();
  if (folded.length <= limit) return folded;
  const cut = folded.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
