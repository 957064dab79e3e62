import { scaleLinear, stack, stackOffsetExpand } from 'd3';
import { useId } from 'react';
import type { CountryFigure, GapResult } from '../../db/model/types';
import { ChartFrame, frame, safeId, type ChartMeta, type LegendItem } from './ChartFrame';
import { carriedForwardLines, describeEvidence, formatAmount, formatShare, stageName, summarise } from './format';
import { isolateBidi } from './standalone/plain-text';
import { useChartMarks } from './useChartMarks';

interface CompositionChartProps {
  results: GapResult[];
  meta: ChartMeta;
  onOpenClaims: (claimIds: string[]) => void;
  width?: number;
  /** How many ex-China countries get their own segment; the rest are grouped as "Other". */
  named?: number;
}

const layout = { left: 132, right: 40, rowHeight: 46, bar: 28, axis: 40 };
const china = 'China';
const other = 'Other';

/** 100% stacked bars by country for each stage: China in vermilion, the largest ex-China countries in greys. */
export function CompositionChart({ results, meta, onOpenClaims, width = 960, named = 4 }: CompositionChartProps) {
  const hatchId = safeId(`hatch-${useId()}`);
  const { containerRef, markProps, tooltip } = useChartMarks(onOpenClaims);
  const unit = results[0]?.unit ?? 't';

  // The same country keeps the same grey in every bar: rank ex-China countries by their largest share anywhere.
  const largest = new Map<string, number>();
  for (const result of results) {
    const total = result.china.value + result.exChina.value;
    for (const figure of result.countries.filter((f) => f.side === 'ex-china'))
      if (total > 0) largest.set(figure.country, Math.max(largest.get(figure.country) ?? 0, figure.value / total));
  }
  const namedCountries = [...largest.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, named)
    .map(([country]) => country);
  const keys = [china, ...namedCountries, other];
  const groupOf = (figure: CountryFigure) =>
    figure.side === 'china' ? china : namedCountries.includes(figure.country) ? figure.country : other;

  const rows = results.map((result) => {
    const row: Record<string, number> = Object.fromEntries(keys.map((key) => [key, 0]));
    for (const figure of result.countries) row[groupOf(figure)] = (row[groupOf(figure)] ?? 0) + figure.value;
    return row;
  });
  const series = stack<Record<string, number>>().keys(keys).offset(stackOffsetExpand)(rows);

  const plotTop = frame.top + 20;
  const plotBottom = plotTop + results.length * layout.rowHeight;
  const height = plotBottom + layout.axis + frame.footer;
  const x = scaleLinear()
    .domain([0, 1])
    .range([layout.left, width - layout.right]);
  const classOf = (key: string) =>
    key === china
      ? 'segment-china'
      : key === other
        ? 'segment-other'
        : `segment-grey-${Math.min(3, namedCountries.indexOf(key))}`;
  const labelClass = (key: string) =>
    key === china || namedCountries.indexOf(key) === 0 ? 'segment-label' : 'segment-label segment-label-dark';

  const legend: LegendItem[] = [
    { kind: 'china', label: 'China' },
    { kind: 'grey', label: 'Ex-China countries (largest named)' },
    { kind: 'hatch', label: 'Hatched: weak evidence' },
  ];

  return (
    <div className="chart" ref={containerRef}>
      <ChartFrame
        meta={meta}
        width={width}
        height={height}
        legend={legend}
        hatchId={hatchId}
        className="composition-chart"
        description="Each stage's total split by country, as 100% stacked bars."
      >
        <g className="chart-grid">
          {x.ticks(4).map((tick) => (
            <line key={tick} x1={x(tick)} x2={x(tick)} y1={plotTop - 4} y2={plotBottom} />
          ))}
        </g>
        <g className="chart-axis">
          {x.ticks(4).map((tick) => (
            <text key={tick} x={x(tick)} y={plotBottom + 18} textAnchor="middle">
              {formatShare(tick)}
            </text>
          ))}
          <text className="axis-title" x={x.range()[1]} y={plotBottom + 36} textAnchor="end">
            Share of the stage total (%)
          </text>
        </g>
        {results.map((result, index) => {
          const top = plotTop + index * layout.rowHeight + (layout.rowHeight - layout.bar) / 2;
          const total = result.china.value + result.exChina.value;
          return (
            <g key={result.stage} className="composition-row" data-stage={result.stage}>
              <text
                className="row-label"
                x={layout.left - 16}
                y={top + layout.bar / 2 - 2}
                textAnchor="end"
                dominantBaseline="central"
              >
                {stageName(result.stage)}
              </text>
              <text
                className="row-year"
                x={layout.left - 16}
                y={top + layout.bar / 2 + 13}
                textAnchor="end"
                dominantBaseline="central"
              >
                {result.year}
              </text>
              {series.map((layer) => {
                const span = layer[index];
                if (!span || !(span[1] > span[0])) return null;
                const figures = result.countries.filter((figure) => groupOf(figure) === layer.key);
                const evidence = summarise(figures);
                const share = span[1] - span[0];
                const value = share * total;
                const names =
                  layer.key === other ? `Other (${figures.map((f) => isolateBidi(f.country)).join(', ')})` : layer.key;
                const x0 = x(span[0]);
                const barWidth = x(span[1]) - x0;
                const label = `${stageName(result.stage)} ${result.year}, ${names}: ${formatShare(share)}, ${formatAmount(value, unit)}, ${describeEvidence(evidence)}`;
                const text = `${isolateBidi(layer.key)} ${formatShare(share)}`;
                const fits = text.length * 6.4 + 10 < barWidth;
                const short = formatShare(share);
                return (
                  <g
                    key={layer.key}
                    className={`chart-mark composition-mark${evidence.weak ? ' gap-mark-weak' : ''}`}
                    data-country={layer.key}
                    {...markProps(
                      {
                        heading: `${stageName(result.stage)} · ${names} · ${result.year}`,
                        lines: [
                          `${formatAmount(value, unit)} · ${formatShare(share)} of the stage`,
                          ...carriedForwardLines(figures, unit),
                        ],
                        evidence: describeEvidence(evidence),
                        claimIds: evidence.claimIds,
                      },
                      label,
                    )}
                  >
                    <rect className={`segment ${classOf(layer.key)}`} x={x0} y={top} width={barWidth} height={layout.bar} />
                    {evidence.weak && (
                      <rect
                        className="segment-hatch"
                        fill={`url(#${hatchId})`}
                        x={x0}
                        y={top}
                        width={barWidth}
                        height={layout.bar}
                      />
                    )}
                    {(fits || short.length * 6.4 + 8 < barWidth) && (
                      <text className={labelClass(layer.key)} x={x0 + 6} y={top + layout.bar / 2} dominantBaseline="central">
                        {fits ? text : short}
                      </text>
                    )}
                  </g>
                );
              })}
            </g>
          );
        })}
      </ChartFrame>
      {tooltip}
    </div>
  );
}
