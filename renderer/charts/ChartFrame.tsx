import type { ReactNode } from 'react';

/** The words every exported chart carries, so an image pasted into a deck stands on its own. */
export interface ChartMeta {
  title: string;
  /** The filters (inclusion rules) in words. */
  subtitle: string;
  /** "as of" date, e.g. "as of 12 May 2025". */
  asOf: string;
  source: string;
}

export type LegendKind = 'china' | 'ex-china' | 'weak' | 'whisker' | 'band' | 'reference' | 'grey' | 'hatch';

export interface LegendItem {
  kind: LegendKind;
  label: string;
}

export const frame = { top: 96, titleY: 26, subtitleY: 47, legendY: 72, footer: 46, side: 24 };

const approxWidth = (text: string, size: number) => text.length * size * 0.56;

/** Splits a long line at its joints (" · " between filters, "; " between sources) so it never runs off the image. */
export function wrapLine(text: string, width: number, size: number, joint = ' · '): string[] {
  if (approxWidth(text, size) <= width) return [text];
  const parts = text.split(joint);
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    const next = line ? `${line}${joint}${part}` : part;
    if (line && approxWidth(next, size) > width) {
      lines.push(line);
      line = part;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function LegendSymbol({ kind, hatchId }: { kind: LegendKind; hatchId: string }) {
  switch (kind) {
    case 'china':
      return <circle className="mark-dot mark-china" cx={6} cy={0} r={5} />;
    case 'ex-china':
      return <circle className="mark-dot mark-ex-china" cx={6} cy={0} r={5} />;
    case 'weak':
      return <circle className="mark-dot mark-neutral mark-weak" cx={6} cy={0} r={4.5} />;
    case 'whisker':
      return (
        <g className="legend-whisker">
          <line x1={0} x2={14} y1={0} y2={0} />
          <line x1={0} x2={0} y1={-4} y2={4} />
          <line x1={14} x2={14} y1={-4} y2={4} />
        </g>
      );
    case 'band':
      return <rect className="trend-band" x={0} y={-5} width={14} height={10} />;
    case 'reference':
      return <line className="reference-line" x1={0} x2={14} y1={0} y2={0} />;
    case 'grey':
      return <rect className="segment-grey-1" x={0} y={-5} width={14} height={10} />;
    case 'hatch':
      return (
        <g>
          <rect className="segment-weak-base" x={0} y={-5} width={14} height={10} />
          <rect fill={`url(#${hatchId})`} x={0} y={-5} width={14} height={10} />
        </g>
      );
  }
}

interface ChartFrameProps {
  meta: ChartMeta;
  width: number;
  height: number;
  legend: LegendItem[];
  /** Used for the hatch pattern id, unique per chart on the page. */
  hatchId: string;
  /** A short description of the whole chart for assistive technology. */
  description: string;
  className: string;
  children: ReactNode;
}

/** The SVG itself with its background, title, filters, legend, source and "as of" line. */
export function ChartFrame({ meta, width, height, legend, hatchId, description, className, children }: ChartFrameProps) {
  const subtitle = wrapLine(meta.subtitle, width - 2 * frame.side, 12);
  // The source line shares the footer with the "as of" line, so it wraps short of it.
  const source = wrapLine(meta.source, width - 2 * frame.side - approxWidth(meta.asOf, 11.5) - 24, 11.5, '; ');
  const extra = (subtitle.length - 1) * 16;
  const footerExtra = (source.length - 1) * 15;
  const total = height + extra + footerExtra;
  const legendX = legend.reduce<number[]>(
    (xs, item, index) => [...xs, index === 0 ? frame.side : xs[index - 1]! + 40 + approxWidth(legend[index - 1]!.label, 11.5)],
    [],
  );
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      className={`chart-svg ${className}`}
      width={width}
      height={total}
      viewBox={`0 0 ${width} ${total}`}
      role="group"
      aria-label={`${meta.title}. ${description}`}
    >
      <defs>
        <pattern id={hatchId} patternUnits="userSpaceOnUse" width={5} height={5} patternTransform="rotate(45)">
          <line className="hatch-line" x1={0} y1={0} x2={0} y2={5} />
        </pattern>
      </defs>
      <rect className="chart-background" x={0} y={0} width={width} height={total} />
      <text className="chart-title" x={frame.side} y={frame.titleY}>
        {meta.title}
      </text>
      {subtitle.map((line, index) => (
        <text key={line} className="chart-subtitle" x={frame.side} y={frame.subtitleY + index * 16}>
          {line}
        </text>
      ))}
      <g className="chart-legend" transform={`translate(0, ${frame.legendY + extra})`}>
        {legend.map((item, index) => {
          return (
            <g key={item.label} transform={`translate(${legendX[index]}, 0)`}>
              <LegendSymbol kind={item.kind} hatchId={hatchId} />
              <text className="legend-label" x={20} y={0} dominantBaseline="central">
                {item.label}
              </text>
            </g>
          );
        })}
      </g>
      <g transform={`translate(0, ${extra})`}>{children}</g>
      <line
        className="chart-footer-rule"
        x1={frame.side}
        x2={width - frame.side}
        y1={height + extra - 34}
        y2={height + extra - 34}
      />
      {source.map((line, index) => (
        <text key={line} className="chart-source" x={frame.side} y={height + extra - 15 + index * 15}>
          {line}
        </text>
      ))}
      <text className="chart-as-of" x={width - frame.side} y={height + extra - 15} textAnchor="end">
        {meta.asOf}
      </text>
    </svg>
  );
}

/** An id usable inside url(#…): React's ids carry characters a fragment reference does not like. */
export const safeId = (id: string) => id.replace(/[^a-zA-Z0-9_-]/g, '');
