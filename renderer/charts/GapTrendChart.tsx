import { area, line, scaleLinear } from 'd3';
import { useId } from 'react';
import type { GapResult } from '../../db/model/types';
import { ChartFrame, frame, safeId, type ChartMeta, type LegendItem } from './ChartFrame';
import {
  carriedForwardLines,
  describeEvidence,
  formatAmount,
  formatShare,
  formatTick,
  sideEvidence,
  stageName,
  summarise,
} from './format';
import { crmaBenchmark, crmaLabel } from './StageGapChart';
import { describeTrend, trendValue, type TrendMode } from './trend-words';
import { useChartMarks } from './useChartMarks';

interface GapTrendChartProps {
  /** One stage's results, one per year, ascending. */
  results: GapResult[];
  mode: TrendMode;
  meta: ChartMeta;
  onOpenClaims: (claimIds: string[]) => void;
  width?: number;
}

const layout = { left: 96, right: 48, plot: 230, axis: 44 };

/** One stage over time: China's share (or its lead in tonnes) by year with the band shaded and the trend in words. */
export function GapTrendChart({ results, mode, meta, onOpenClaims, width = 960 }: GapTrendChartProps) {
  const hatchId = safeId(`hatch-${useId()}`);
  const { containerRef, markProps, tooltip } = useChartMarks(onOpenClaims);
  const points = results.flatMap((result) => {
    const point = trendValue(result, mode);
    return point ? [{ result, ...point }] : [];
  });
  const unit = results[0]?.unit ?? 't';
  const statement = describeTrend(results, mode);
  // Room between the statement and the plot for the unit and the top value label, so neither meets a tick.
  const plotTop = frame.top + 60;
  const plotBottom = plotTop + layout.plot;
  const height = plotBottom + layout.axis + frame.footer;
  const years = points.map((p) => p.result.year);
  const minYear = Math.min(...years);
  const maxYear = Math.max(...years);
  const x = scaleLinear()
    .domain(minYear === maxYear ? [minYear - 1, maxYear + 1] : [minYear, maxYear])
    .range([layout.left + 24, width - layout.right - 24]);
  const lows = points.map((p) => p.low);
  const highs = points.map((p) => p.high);
  const y = scaleLinear()
    .domain(mode === 'share' ? [0, 1] : [Math.min(0, ...lows), Math.max(1, ...highs)])
    .range([plotBottom, plotTop]);
  if (mode === 'absolute') y.nice();
  const yearTicks = [...new Set(years)].sort((a, b) => a - b);
  const yTicks = y.ticks(5);
  const bandPath = area<(typeof points)[number]>()
    .x((p) => x(p.result.year))
    .y0((p) => y(p.low))
    .y1((p) => y(p.high))(points);
  const linePath = line<(typeof points)[number]>()
    .x((p) => x(p.result.year))
    .y((p) => y(p.value))(points);
  const say = (value: number) => (mode === 'share' ? formatShare(value) : formatAmount(value, unit));
  const stage = stageName(results[0]?.stage ?? '');
  const legend: LegendItem[] = [
    { kind: 'china', label: mode === 'share' ? 'China share' : 'China minus ex-China' },
    { kind: 'band', label: 'Low–high band' },
    { kind: 'weak', label: 'Hollow: weak evidence' },
    ...(mode === 'share' ? [{ kind: 'reference' as const, label: crmaLabel }] : []),
  ];

  return (
    <div className="chart" ref={containerRef}>
      <ChartFrame
        meta={meta}
        width={width}
        height={height}
        legend={legend}
        hatchId={hatchId}
        className="gap-trend-chart"
        description={statement}
      >
        <text className="trend-statement" x={frame.side} y={frame.top + 24}>
          {statement}
        </text>
        <g className="chart-grid">
          {yTicks.map((tick) => (
            <line key={tick} x1={layout.left} x2={width - layout.right} y1={y(tick)} y2={y(tick)} />
          ))}
        </g>
        <g className="chart-axis">
          {yTicks.map((tick) => (
            <text key={tick} x={layout.left - 10} y={y(tick)} textAnchor="end" dominantBaseline="central">
              {mode === 'share' ? formatShare(tick) : formatTick(tick)}
            </text>
          ))}
          <text className="axis-title" x={layout.left - 10} y={plotTop - 16} textAnchor="end" dominantBaseline="auto">
            {mode === 'share' ? '' : unit}
          </text>
          <line className="axis-domain" x1={layout.left} x2={width - layout.right} y1={plotBottom} y2={plotBottom} />
          {yearTicks.map((year) => (
            <text key={year} x={x(year)} y={plotBottom + 20} textAnchor="middle">
              {year}
            </text>
          ))}
        </g>
        {mode === 'share' && (
          <g className="reference">
            <line
              className="reference-line"
              x1={layout.left}
              x2={width - layout.right}
              y1={y(crmaBenchmark)}
              y2={y(crmaBenchmark)}
            />
          </g>
        )}
        {bandPath && <path className="trend-band" d={bandPath} />}
        {linePath && points.length > 1 && <path className="trend-line" d={linePath} />}
        {points.map((p) => {
          const china = sideEvidence(p.result, 'china');
          const all = summarise(p.result.countries);
          const weak = p.result.weak.china || (mode === 'absolute' && p.result.weak.exChina);
          const evidence = { ...all, weak };
          const label = `${stage} ${p.result.year}, ${mode === 'share' ? 'China share' : 'China minus ex-China'}: ${say(p.value)} (range ${say(p.low)}–${say(p.high)}), ${describeEvidence(evidence)}`;
          return (
            <g
              key={p.result.year}
              className={`chart-mark trend-mark${weak ? ' gap-mark-weak' : ''}`}
              data-year={p.result.year}
              {...markProps(
                {
                  heading: `${stage} · ${p.result.year}`,
                  lines: [
                    `${mode === 'share' ? 'China share' : 'China minus ex-China'}: ${say(p.value)}`,
                    `Range: ${say(p.low)}–${say(p.high)}`,
                    `China ${formatAmount(p.result.china.value, unit)} · ex-China ${formatAmount(p.result.exChina.value, unit)}`,
                    ...carriedForwardLines(p.result.countries, unit),
                  ],
                  evidence: describeEvidence(mode === 'share' ? { ...china, weak } : evidence),
                  claimIds: all.claimIds,
                },
                label,
              )}
            >
              <circle className="mark-hit" cx={x(p.result.year)} cy={y(p.value)} r={12} />
              <circle className={`mark-dot mark-china${weak ? ' mark-weak' : ''}`} cx={x(p.result.year)} cy={y(p.value)} r={6} />
              <text className="trend-value" x={x(p.result.year)} y={y(p.high) - 10} textAnchor="middle">
                {mode === 'share' ? formatShare(p.value) : formatTick(p.value)}
              </text>
            </g>
          );
        })}
      </ChartFrame>
      {tooltip}
    </div>
  );
}
