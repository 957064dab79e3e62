import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { withFamilyName } from '../../db/cli/chart/font-names';
import { woffToSfnt } from '../../db/cli/chart/woff';
import { chartFontFile } from '../../renderer/charts/standalone/chart-fonts';
import { printRules } from '../../renderer/charts/standalone/print-style';
import { standaloneSvg } from '../../renderer/charts/standalone/standalone-svg';
import { createWorkspace } from '../../db/workspace/create';
import { cli } from './run-cli';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();
const require = createRequire(import.meta.url);

const theme = ':root { --china: #d55e00; --text: #1f2328; }\n@media (prefers-color-scheme: dark) { :root { --china: #ff0000; } }';
const css = `
/* a comment { with braces } */
.mark-china { fill: var(--china); cursor: pointer; }
.chart-mark:hover .mark-china { stroke: var(--text); }
.legend text, .column-head { font-size: 11px; text-transform: uppercase; }
.mark-china.mark-weak { fill: #ffffff; }
.mark-china { stroke-width: 2; }
@media (prefers-color-scheme: dark) { .mark-china { fill: #000000; } }
`;
const dom = {
  parse: (markup: string) => new DOMParser().parseFromString(markup, 'image/svg+xml') as unknown as Document,
  serialize: (element: Element) => (element as unknown as { toString(): string }).toString(),
};

describe('print style: the chart CSS as attributes', () => {
  it('resolves the light palette, skips hover and dark rules, and keeps the cascade', () => {
    const rules = printRules(css, theme);
    expect(rules.map((rule) => rule.selector)).toEqual([
      '.mark-china',
      '.column-head',
      '.mark-china',
      '.legend text',
      '.mark-china.mark-weak',
    ]);
    expect(rules[0]!.declarations).toEqual([['fill', '#d55e00']]);
    const svg = standaloneSvg(
      '<div class="chart"><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle class="mark-china mark-weak" data-claim-ids="a" tabindex="0"/><circle class="mark-china"/><text class="column-head">China share</text></svg></div>',
      { rules, fonts: [{ weight: 400, dataUrl: 'data:font/woff2;base64,AAAA' }], dom },
    );
    // The weak mark: the compound rule wins over the single class; both keep the later stroke width.
    const circles = [...svg.matchAll(/<circle([^>]*)\/>/g)].map((match) => match[1]!);
    expect(circles[0]).toContain('fill="#ffffff"');
    expect(circles[1]).toContain('fill="#d55e00"');
    for (const circle of circles) expect(circle).toContain('stroke-width="2"');
    expect(svg).toContain('>CHINA SHARE</text>');
    expect(svg).not.toMatch(/class=|data-claim-ids|tabindex|#ff0000|#000000/);
    expect(svg).toContain("font-weight: 400; src: url(data:font/woff2;base64,AAAA) format('woff2')");
  });

  it('says which variable the theme lacks rather than exporting a colourless chart', () => {
    expect(() => printRules('.x { fill: var(--missing); }', theme)).toThrow(/--missing/);
  });
});

describe('the typeface for PNG rendering', () => {
  it('unpacks the shipped WOFF into TrueType and names every weight as one family', () => {
    const woff = readFileSync(require.resolve(chartFontFile(600, 'woff')));
    const sfnt = woffToSfnt(woff, (tag, table) => (tag === 'name' ? withFamilyName(table, 'IBM Plex Sans') : table));
    const view = new DataView(sfnt.buffer);
    expect(view.getUint16(4)).toBe(woff.readUInt16BE(12));
    const tags = Array.from({ length: view.getUint16(4) }, (_, i) =>
      String.fromCharCode(...sfnt.subarray(12 + i * 16, 16 + i * 16)),
    );
    expect(tags).toEqual(expect.arrayContaining(['glyf', 'cmap', 'name', 'OS/2']));
    const name = tags.indexOf('name');
    const nameTable = sfnt.subarray(
      view.getUint32(12 + name * 16 + 8),
      view.getUint32(12 + name * 16 + 8) + view.getUint32(12 + name * 16 + 12),
    );
    const families = familyNames(nameTable);
    expect(families.length).toBeGreaterThan(0);
    expect(new Set(families)).toEqual(new Set(['IBM Plex Sans']));
  });

  it('refuses a file that is not WOFF', () => {
    expect(() => woffToSfnt(new Uint8Array(64))).toThrow(/not a WOFF/);
  });
});

function familyNames(table: Uint8Array): string[] {
  const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
  const storage = view.getUint16(4);
  const names: string[] = [];
  for (let index = 0; index < view.getUint16(2); index++) {
    const at = 6 + index * 12;
    if (view.getUint16(at + 6) !== 1 || view.getUint16(at) !== 3) continue;
    const start = storage + view.getUint16(at + 10);
    let text = '';
    for (let offset = 0; offset < view.getUint16(at + 8); offset += 2)
      text += String.fromCharCode(view.getUint16(start + offset));
    names.push(text);
  }
  return names;
}

describe('chokepoint chart', { timeout: 60_000 }, () => {
  it('writes the stage gap chart as a standalone SVG naming its sources, and as a PNG at twice its size', () => {
    const folder = tempFolder();
    const file = join(folder, 'w.sqlite');
    createWorkspace(file, { starter: true, name: 'Rare earths' }).close();
    const svgFile = join(folder, 'gap.svg');
    const run = cli('chart', '--workspace', file, '--chart', 'stage-gap', '--mode', 'share', '--out', svgFile);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const svg = readFileSync(svgFile, 'utf8');
    expect(svg).toContain('Capacity gap by stage: China vs ex-China');
    expect(svg).toContain('EU CRMA benchmark: 65% from one country');
    expect(svg).toMatch(/Sources: [^<]*REEx 2025/);
    expect(svg).toContain('Chokepoint workspace “Rare earths”');
    expect(svg).toMatch(/Data as of \d{1,2} \w{3} 2025/);
    expect(svg).not.toContain('class=');
    expect(svg).toContain('font-weight: 600; src: url(data:font/woff2;base64,');

    const pngFile = join(folder, 'gap.png');
    expect(cli('chart', '--workspace', file, '--chart', 'composition', '--out', pngFile).code).toBe(0);
    const png = readFileSync(pngFile);
    const composition = join(folder, 'composition.svg');
    cli('chart', '--workspace', file, '--chart', 'composition', '--out', composition);
    const size = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(readFileSync(composition, 'utf8'))!;
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(Number(size[1]) * 2);
    expect(png.readUInt32BE(20)).toBe(Number(size[2]) * 2);
  });

  it('draws the ex-China pipeline of a stage, with facilities that have no start year set apart', () => {
    const folder = tempFolder();
    const file = join(folder, 'w.sqlite');
    createWorkspace(file, { starter: true }).close();
    const out = join(folder, 'pipeline.svg');
    expect(cli('chart', '--workspace', file, '--chart', 'pipeline', '--stage', 'magnets', '--out', out).code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toContain('Magnets: ex-China pipeline against China');
    expect(svg).toContain("MP Materials, '10X' facility");
    expect(svg).toContain('No date');
    expect(svg).toContain('facilities: operating + under construction + planned (pipeline)');
  });

  it('marks the metals stage weak while state-media-only claims count, and drops them on request', () => {
    const folder = tempFolder();
    const file = join(folder, 'w.sqlite');
    createWorkspace(file, { starter: true }).close();
    const all = join(folder, 'all.svg');
    const strict = join(folder, 'strict.svg');
    cli('chart', '--workspace', file, '--chart', 'stage-gap', '--year', '2025', '--out', all);
    cli('chart', '--workspace', file, '--chart', 'stage-gap', '--year', '2025', '--exclude-state-media', '--out', strict);
    expect(readFileSync(all, 'utf8')).toContain('state-media-only claims included');
    expect(readFileSync(strict, 'utf8')).toContain('state-media-only claims excluded');
    expect(readFileSync(all, 'utf8')).toContain('REEx 2025');
    expect(readFileSync(strict, 'utf8')).not.toContain('REEx 2025');
  });

  it('refuses an unknown chart, a missing stage and an unwritable file with one line each, writing nothing', () => {
    const folder = tempFolder();
    const file = join(folder, 'w.sqlite');
    createWorkspace(file, { starter: true }).close();
    const out = join(folder, 'x.svg');
    const cases: [string[], RegExp][] = [
      [['--chart', 'pie', '--out', out], /--chart "pie" must be one of stage-gap, gap-trend, composition, pipeline/],
      [['--chart', 'gap-trend', '--out', out], /--stage is required/],
      [['--chart', 'gap-trend', '--stage', 'moon', '--out', out], /--stage: /],
      [['--chart', 'stage-gap', '--out', join(folder, 'x.pdf')], /--out must name a \.svg or \.png file/],
      [['--chart', 'stage-gap', '--out', join(folder, 'missing', 'x.svg')], /Cannot write .*x\.svg/],
    ];
    for (const [args, message] of cases) {
      const run = cli('chart', '--workspace', file, ...args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(() => readFileSync(out)).toThrow();
  });
});
