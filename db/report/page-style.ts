/** A typeface weight as a data: URL (the shape the chart export embeds). */
interface EmbeddedFont {
  weight: number;
  dataUrl: string;
}

/**
 * The report's stylesheet. On screen the marking banner sits at the top and at the bottom of the
 * document; in print both are fixed, which Chromium repeats on every printed page (it does not
 * support @page margin boxes). The page margins leave room for them.
 */
export function pageStyle(pageSize: 'A4' | 'Letter', fonts: readonly EmbeddedFont[]): string {
  const faces = fonts
    .map(
      (font) =>
        `@font-face { font-family: 'IBM Plex Sans'; font-weight: ${font.weight}; src: url(${font.dataUrl}) format('woff2'); }`,
    )
    .join('\n');
  return `${faces}
@page { size: ${pageSize}; margin: 10mm 16mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'IBM Plex Sans', 'Helvetica Neue', Arial, sans-serif; font-size: 10.5pt; line-height: 1.45;
  color: #1f2328; background: #ffffff; font-variant-numeric: tabular-nums; }
main { max-width: 190mm; margin: 0 auto; padding: 8mm 6mm; }
.marking { text-align: center; font-weight: 600; font-size: 9pt; letter-spacing: 0.06em; text-transform: uppercase;
  padding: 2mm 0; background: #ffffff; color: #1f2328; border: 0 solid #1f2328; }
.marking-top { border-bottom-width: 1px; }
.marking-bottom { border-top-width: 1px; }
.marking:empty { display: none; }
h1 { font-size: 24pt; line-height: 1.15; margin: 0 0 6mm; font-weight: 600; }
h2 { font-size: 14pt; margin: 8mm 0 3mm; font-weight: 600; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 4mm 0 2mm; font-weight: 600; break-after: avoid; }
h4, h5 { font-size: 10.5pt; margin: 3mm 0 1mm; font-weight: 600; break-after: avoid; }
.title-page { min-height: 200mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }
.title-page dl { display: grid; grid-template-columns: max-content 1fr; gap: 1.5mm 6mm; margin: 0; }
.title-page dt { color: #57606a; }
.title-page dd { margin: 0; }
.item { margin: 0 0 6mm; }
figure.chart { margin: 0 0 4mm; break-inside: avoid; page-break-inside: avoid; }
.takeaway { font-size: 12pt; font-weight: 500; margin: 2mm 0 3mm; break-after: avoid; }
.item-chart .takeaway { margin-top: 8mm; }
figure.chart svg { display: block; width: 100%; height: auto; max-height: 220mm; }
figcaption { margin-top: 2mm; }
.evidence-note, .note, .method, .missing { color: #57606a; font-size: 9pt; margin: 1mm 0; }
.footnote { color: #57606a; font-size: 8.5pt; margin: 1mm 0 0; }
.footnote a { color: inherit; text-decoration: none; }
.flag { display: inline-block; border: 1px solid #57606a; border-radius: 2px; padding: 0 1.2mm; font-size: 8pt;
  line-height: 1.5; white-space: nowrap; }
.flag-state { border-style: dashed; }
.flag-contested { border-color: #d55e00; color: #a23b00; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0; font-size: 9pt; }
th, td { text-align: left; vertical-align: top; padding: 1.2mm 2mm; border-bottom: 1px solid #d0d7de; }
th { font-weight: 600; border-bottom-color: #1f2328; }
tr { break-inside: avoid; }
.num { text-align: right; white-space: nowrap; }
.grade { font-weight: 600; white-space: nowrap; }
/* A figure's unit can be long ("t (rare earth exports to China, per customs)"): let it wrap, keep the claim wide. */
table.claims td:first-child { width: 44%; }
table.claims td.num { white-space: normal; max-width: 40mm; }
.score-card { break-inside: avoid; border: 1px solid #d0d7de; border-radius: 3px; padding: 2mm 4mm; margin: 0 0 4mm; }
.score-card .score { font-size: 14pt; }
.score-card .band { color: #57606a; font-weight: 400; font-size: 9pt; }
.narrative p { margin: 0 0 2.5mm; }
.source-list { padding-left: 7mm; font-size: 9pt; }
.source-list li { margin: 0 0 1.5mm; break-inside: avoid; }
.source-title { font-style: italic; }
.url { overflow-wrap: anywhere; color: #57606a; }
table.page-frame { width: 100%; margin: 0; font-size: inherit; border: 0; }
table.page-frame > * > tr > td { padding: 0; border: 0; }
.banner-space { display: none; }
@media print {
  main { max-width: none; padding: 0; }
  .marking { position: fixed; left: 0; right: 0; padding: 0; }
  .marking-top { top: 0; border-bottom-width: 0; }
  .marking-bottom { bottom: 0; border-top-width: 0; }
  /* The frame's header and footer repeat on every page, keeping the body clear of the fixed banners. */
  .banner-space { display: block; height: 10mm; }
  .title-page { min-height: 230mm; }
}
`;
}
