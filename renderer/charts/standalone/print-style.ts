/**
 * An exported chart must look the same in a browser, in PowerPoint, in Inkscape and in the command
 * line's PNG renderer, none of which share the app's stylesheet. So the chart's own CSS rules are
 * turned into presentation attributes, with the theme's variables resolved to the light palette:
 * the stylesheet stays the one place where a chart's look is defined.
 *
 * Only what charts.css uses is understood: class and element selectors, descendant and compound
 * ones, grouped with commas. Rules with pseudo-classes (:hover, :focus-visible) and @media blocks
 * describe interaction and the dark theme, which a printed chart has neither of.
 */
export interface PrintRule {
  selector: string;
  declarations: [property: string, value: string][];
}

/** The CSS properties that SVG also accepts as attributes, plus text-transform, applied to the text itself. */
const carried = new Set([
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-size',
  'font-weight',
  'font-style',
  'letter-spacing',
  'text-transform',
]);

const withoutComments = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, '');

/** The top-level rules of a stylesheet, skipping at-rule blocks such as @media with everything inside. */
function topLevelRules(css: string): { selectors: string; body: string }[] {
  const rules: { selectors: string; body: string }[] = [];
  let depth = 0;
  let start = 0;
  let selectors = '';
  for (let index = 0; index < css.length; index++) {
    const char = css[index];
    if (char === '{') {
      if (depth === 0) {
        selectors = css.slice(start, index).trim();
        start = index + 1;
      }
      depth++;
    } else if (char === '}') {
      depth--;
      if (depth === 0) {
        if (!selectors.startsWith('@')) rules.push({ selectors, body: css.slice(start, index) });
        start = index + 1;
      }
    }
  }
  return rules;
}

function declarationsOf(body: string): [string, string][] {
  return body
    .split(';')
    .map((part) => part.split(':'))
    .filter((pair) => pair.length >= 2)
    .map(([property, ...value]) => [property!.trim(), value.join(':').trim()]);
}

/** The light palette's custom properties: the first `:root` block of the theme (the dark one sits in @media). */
function lightVariables(themeCss: string): Map<string, string> {
  const root = topLevelRules(withoutComments(themeCss)).find((rule) => rule.selectors === ':root');
  return new Map(declarationsOf(root?.body ?? '').filter(([property]) => property.startsWith('--')));
}

/** CSS specificity for the selectors charts.css uses: classes weigh more than element names. */
function specificity(selector: string): number {
  const classes = selector.match(/\.[\w-]+/g)?.length ?? 0;
  const elements = selector.split(/\s+/).filter((part) => /^[a-z]/i.test(part)).length;
  return classes * 100 + elements;
}

export function printRules(chartsCss: string, themeCss: string): PrintRule[] {
  const variables = lightVariables(themeCss);
  const resolve = (value: string) =>
    value.replace(/var\((--[\w-]+)\)/g, (_, name: string) => {
      const resolved = variables.get(name);
      if (resolved === undefined) throw new Error(`charts.css uses ${name}, which the light theme does not define`);
      return resolved;
    });
  const rules: (PrintRule & { order: number; weight: number })[] = [];
  for (const rule of topLevelRules(withoutComments(chartsCss))) {
    const declarations = declarationsOf(rule.body)
      .filter(([property]) => carried.has(property))
      .map(([property, value]): [string, string] => [property, resolve(value)]);
    if (declarations.length === 0) continue;
    for (const selector of rule.selectors.split(',').map((s) => s.trim())) {
      if (selector.includes(':')) continue;
      rules.push({ selector, declarations, order: rules.length, weight: specificity(selector) });
    }
  }
  // The cascade: more specific selectors win, and among equals the later rule.
  return rules
    .sort((a, b) => a.weight - b.weight || a.order - b.order)
    .map(({ selector, declarations }) => ({ selector, declarations }));
}
