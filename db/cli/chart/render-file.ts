import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { DOMParser } from 'linkedom';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { chartFontFile, chartFontWeights } from '../../../renderer/charts/standalone/chart-fonts';
import { printRules } from '../../../renderer/charts/standalone/print-style';
import { standaloneSvg, type EmbeddedFont } from '../../../renderer/charts/standalone/standalone-svg';
import { withFamilyName } from './font-names';
import { woffToSfnt } from './woff';

/**
 * The command line's half of chart export: the app's own chart component rendered to markup in Node,
 * made standalone by the same code the app uses (with linkedom as the DOM), and for PNG rasterized by
 * resvg (WebAssembly, so nothing native to build) with the same typeface the SVG carries.
 */
const require = createRequire(import.meta.url);

/** The folder holding renderer/: two levels up from the bundled CLI, three from this source file. */
function projectRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'renderer', 'charts', 'charts.css'))) {
    const parent = dirname(folder);
    if (parent === folder)
      throw new Error('The chart stylesheet (renderer/charts/charts.css) is missing from this installation.');
    folder = parent;
  }
  return folder;
}

let rules: ReturnType<typeof printRules> | undefined;
let fonts: EmbeddedFont[] | undefined;

/** The stylesheets' text when the caller carries them in its bundle (the desktop app's database process). */
let bundledStylesheets: { charts: string; theme: string } | undefined;

/**
 * A packaged app has no renderer/ folder on disk (its renderer is built and hashed), so the database
 * process hands over the two stylesheets it bundled; the command line reads them from the checkout.
 */
export function useChartStylesheets(stylesheets: { charts: string; theme: string }): void {
  bundledStylesheets = stylesheets;
  rules = undefined;
}

function chartRules(): ReturnType<typeof printRules> {
  if (!rules) {
    const fromDisk = (path: string) => readFileSync(join(projectRoot(), path), 'utf8');
    const sheets = bundledStylesheets ?? {
      charts: fromDisk('renderer/charts/charts.css'),
      theme: fromDisk('renderer/styles/theme.css'),
    };
    rules = printRules(sheets.charts, sheets.theme);
  }
  return rules;
}

/** The chart typeface as data: URLs (from the installed font package), for a document that carries charts to embed once. */
export function embeddedChartFonts(): EmbeddedFont[] {
  fonts ??= chartFontWeights.map((weight) => ({
    weight,
    dataUrl: `data:font/woff2;base64,${readFileSync(require.resolve(chartFontFile(weight, 'woff2'))).toString('base64')}`,
  }));
  return fonts;
}

/** linkedom's elements print themselves as markup (toString), where a browser needs XMLSerializer. */
const nodeDom = {
  parse: (markup: string) => new DOMParser().parseFromString(markup, 'image/svg+xml') as unknown as Document,
  serialize: (element: Element) => (element as unknown as { toString(): string }).toString(),
};

/** A chart component rendered to a standalone SVG file's text. */
export function chartSvg(chart: ReactElement): string {
  return standaloneSvg(renderToStaticMarkup(chart), { rules: chartRules(), fonts: embeddedChartFonts(), dom: nodeDom });
}

let rasterizer: Promise<Uint8Array[]> | undefined;

/** resvg reads plain TrueType, so the WOFF files are unpacked once; Latin Extended covers names like "Việt Nam". */
function rasterFonts(): Promise<Uint8Array[]> {
  rasterizer ??= initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm'))).then(() =>
    chartFontWeights.flatMap((weight) =>
      (['latin', 'latin-ext'] as const).map((subset) =>
        woffToSfnt(readFileSync(require.resolve(chartFontFile(weight, 'woff', subset))), (tag, table) =>
          tag === 'name' ? withFamilyName(table, 'IBM Plex Sans') : table,
        ),
      ),
    ),
  );
  return rasterizer;
}

/** An SVG file's text drawn at `scale` times its size (2 = the "2x" PNG), as PNG bytes. */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  const fontBuffers = await rasterFonts();
  const image = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { fontBuffers, loadSystemFonts: false, defaultFontFamily: 'IBM Plex Sans' },
  });
  return image.render().asPng();
}
