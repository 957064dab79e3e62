/**
 * An analyst's text made safe to carry into a file other programs read, without changing what it says.
 *
 * XML 1.0 forbids the C0 control characters other than tab, line feed and carriage return, and
 * UTF-16 halves that pair with nothing cannot be written as UTF-8: one NUL pasted into a facility
 * name makes an SVG that no viewer opens, a chart PNG that cannot be drawn and a PowerPoint deck
 * that PowerPoint refuses. Each such character becomes U+FFFD (�), so the reader sees that
 * something was there. DEL (U+007F) is legal XML and is kept.
 */
// With the u flag a well-formed surrogate pair is one code point, so the range catches only lone halves.
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's job
const notXmlText = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\ud800-\udfff]/gu;

export function xmlSafe(text: string): string {
  return text.replace(notXmlText, '\ufffd');
}

/**
 * Right-to-left letters and bidirectional controls (an unclosed U+202E RIGHT-TO-LEFT OVERRIDE, say)
 * reorder the text around them when a string is set inside a longer line: a facility named
 * "invoice" + U+202E + "gpj.exe" followed by ", 2024" shows the year reversed as well. Wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE,
 * the name keeps its own direction and cannot touch its neighbours. Text with neither is returned
 * as it is, so Latin names stay byte-for-byte what was typed.
 */
const needsIsolation =
  /[\u0590-\u08ff\u200e\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

export function isolateBidi(text: string): string {
  return needsIsolation.test(text) ? `\u2068${text}\u2069` : text;
}
