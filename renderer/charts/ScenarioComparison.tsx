import { scaleLinear } from 'd3';
import { useId } from 'react';
import type { ScoreMethod, ScoreStage } from '../../db/score/types';
import { ChartFrame, frame, safeId, type ChartMeta } from './ChartFrame';
import { stageName } from './format';
import { formatValue, isWideBand, legendOffsets, srThreshold, wideBand, bandPhrase } from './score-format';
import { useChartMarks, type MarkInfo } from './useChartMarks';

/** The base assessment or one scenario: a row in every stage. */
export interface ComparisonSeries {
  key: string;
  label: string;
  isBase: boolean;
}

export interface ComparisonPoint {
  stage: ScoreStage;
  seriesKey: string;
  score: number | null;
  low: number | null;
  high: number | null;
  claimIds: string[];
}

interface ScenarioComparisonProps {
  stages: ScoreStage[];
  /** The base first, then the scenarios in the order the analyst chose them. */
  series: ComparisonSeries[];
  points: ComparisonPoint[];
  method: ScoreMethod;
  meta: ChartMeta;
  onOpenClaims: (claimIds: string[]) => void;
  width?: number;
}

const layout = { left: 132, seriesLabel: 196, right: 188, subRow: 28, stageGap: 16, axis: 48 };
/** Okabe–Ito hues other than China's vermilion and ex-China's blue, each with its own shape. */
const glyphs = ['circle', 'square', 'diamond', 'triangle', 'hexagon'] as const;
type Glyph = (typeof glyphs)[number];

export const seriesGlyph = (index: number): Glyph => glyphs[index % glyphs.length]!;

export function GlyphShape({
  glyph,
  x,
  y,
  size,
  className,
}: {
  glyph: Glyph;
  x: number;
  y: number;
  size: number;
  className: string;
}) {
  switch (glyph) {
    case 'circle':
      return <circle className={className} cx={x} cy={y} r={size} />;
    case 'square':
      return <rect className={className} x={x - size * 0.88} y={y - size * 0.88} width={size * 1.76} height={size * 1.76} />;
    case 'diamond':
      return (
        <path
          className={className}
          d={`M${x},${y - size * 1.2}L${x + size * 1.2},${y}L${x},${y + size * 1.2}L${x - size * 1.2},${y}Z`}
        />
      );
    case 'triangle':
      return (
        <path
          className={className}
          d={`M${x},${y - size * 1.15}L${x + size * 1.1},${y + size * 0.85}L${x - size * 1.1},${y + size * 0.85}Z`}
        />
      );
    case 'hexagon': {
      const points = Array.from({ length: 6 }, (_, i) => {
        const angle = (Math.PI / 3) * i;
        return `${x + size * 1.05 * Math.cos(angle)},${y + size * 1.05 * Math.sin(angle)}`;
      });
      return <polygon className={className} points={points.join(' ')} />;
    }
  }
}

/**
 * Each stage's score under the base assessment and under every chosen scenario: one line per
 * scenario inside the stage, a dot (its own shape and hue) with the band as whiskers, a dashed guide
 * at the base score, and the change against the base written at the row's end. A band wider than
 * the weak-evidence limit is drawn hollow.
 */
export function ScenarioComparison({ stages, series, points, method, meta, onOpenClaims, width = 960 }: ScenarioComparisonProps) {
  const hatchId = safeId(`hatch-${useId()}`);
  const { containerRef, markProps, tooltip } = useChartMarks(onOpenClaims);
  const plotTop = frame.top + 30;
  const stageHeight = series.length * layout.subRow + layout.stageGap;
  const plotBottom = plotTop + stages.length * stageHeight - layout.stageGap;
  const height = plotBottom + layout.axis + frame.footer;
  const byKey = new Map(points.map((p) => [`${p.stage}|${p.seriesKey}`, p]));
  const maxHigh = Math.max(...points.map((p) => p.high ?? p.score ?? 0));
  const x = scaleLinear()
    .domain(method === 'eu-sr' ? [0, Math.max(srThreshold * 1.25, maxHigh * 1.08)] : [0, 100])
    .range([layout.left + layout.seriesLabel, width - layout.right]);
  if (method === 'eu-sr') x.nice();
  const ticks = x.ticks(method === 'eu-sr' ? 6 : 5);
  const say = (value: number | null) => formatValue(value, method);
  // The base is a dark grey circle; each scenario takes the next shape and hue.
  const scenarioIndex = new Map(series.filter((item) => !item.isBase).map((item, index) => [item.key, index]));
  const glyphOf = (item: ComparisonSeries): Glyph =>
    item.isBase ? 'circle' : seriesGlyph((scenarioIndex.get(item.key) ?? 0) + 1);
  const hueOf = (item: ComparisonSeries) => (item.isBase ? 'base' : String((scenarioIndex.get(item.key) ?? 0) % 4));
  const bandWords = method === 'eu-sr' ? 'band wider than 0.3' : `band wider than ${wideBand} points`;
  const legendAt = legendOffsets([...series.map((s) => s.label), `Hollow: ${bandWords}`], frame.side);

  return (
    <div className="chart" ref={containerRef}>
      <ChartFrame
        meta={meta}
        width={width}
        height={height}
        legend={[]}
        hatchId={hatchId}
        className="scenario-comparison"
        description={`Each stage's ${method === 'eu-sr' ? 'supply risk' : 'score'} under the base assessment and ${series.length - 1} scenarios, with bands.`}
      >
        <g className="chart-legend" transform={`translate(0, ${frame.legendY})`}>
          {series.map((s, index) => {
            return (
              <g key={s.key} transform={`translate(${legendAt[index]}, 0)`}>
                <GlyphShape glyph={glyphOf(s)} x={6} y={0} size={5} className={`scenario-dot scenario-hue-${hueOf(s)}`} />
                <text className="legend-label" x={20} y={0} dominantBaseline="central">
                  {s.label}
                </text>
              </g>
            );
          })}
          {(() => {
            const at = legendAt[series.length];
            return (
              <g transform={`translate(${at}, 0)`}>
                <circle className="scenario-dot scenario-hue-base scenario-dot-weak" cx={6} cy={0} r={4.5} />
                <text className="legend-label" x={20} y={0} dominantBaseline="central">
                  {`Hollow: ${bandWords}`}
                </text>
              </g>
            );
          })()}
        </g>
        <g className="chart-grid">
          {ticks.map((tick) => (
            <line key={tick} x1={x(tick)} x2={x(tick)} y1={plotTop - 6} y2={plotBottom} />
          ))}
        </g>
        <g className="chart-axis" transform={`translate(0, ${plotBottom})`}>
          <line className="axis-domain" x1={x.range()[0]} x2={x.range()[1]} y1={0} y2={0} />
          {ticks.map((tick) => (
            <text key={tick} x={x(tick)} y={18} textAnchor="middle">
              {say(tick)}
            </text>
          ))}
          <text className="axis-title" x={x.range()[1]} y={38} textAnchor="end">
            {method === 'eu-sr' ? 'Supply risk (SR)' : 'Risk score (0–100, higher = more supply risk)'}
          </text>
        </g>
        {method === 'eu-sr' && (
          <g className="reference">
            <line className="reference-line" x1={x(srThreshold)} x2={x(srThreshold)} y1={plotTop - 14} y2={plotBottom} />
            <text className="reference-label" x={x(srThreshold) + 6} y={plotTop - 8}>
              EU threshold: SR ≥ 1
            </text>
          </g>
        )}
        <text className="column-head" x={width - layout.right + 24} y={plotTop - 8}>
          Score · change
        </text>
        {stages.map((stage, stageIndex) => {
          const top = plotTop + stageIndex * stageHeight;
          const base = series.find((s) => s.isBase);
          const basePoint = base ? byKey.get(`${stage}|${base.key}`) : undefined;
          return (
            <g key={stage} className="comparison-stage" data-stage={stage}>
              {stageIndex > 0 && (
                <line
                  className="row-rule"
                  x1={frame.side}
                  x2={width - frame.side}
                  y1={top - layout.stageGap / 2}
                  y2={top - layout.stageGap / 2}
                />
              )}
              <text className="row-label" x={frame.side} y={top + layout.subRow / 2} dominantBaseline="central">
                {stageName(stage)}
              </text>
              {basePoint?.score != null && (
                <line
                  className="comparison-base-guide"
                  x1={x(basePoint.score)}
                  x2={x(basePoint.score)}
                  y1={top + 4}
                  y2={top + series.length * layout.subRow - 4}
                />
              )}
              {series.map((s, index) => {
                const y = top + index * layout.subRow + layout.subRow / 2;
                const point = byKey.get(`${stage}|${s.key}`);
                const weak = point ? isWideBand(point.low, point.high, method) : false;
                const delta =
                  point?.score != null && basePoint?.score != null && !s.isBase ? point.score - basePoint.score : null;
                const deltaText =
                  delta === null
                    ? ''
                    : say(Math.abs(delta)) === say(0)
                      ? 'no change'
                      : `${delta > 0 ? '+' : '−'}${say(Math.abs(delta))} vs base`;
                const info: MarkInfo = {
                  heading: `${stageName(stage)} · ${s.label}`,
                  lines: [
                    point?.score == null
                      ? 'No score: a factor is missing'
                      : `${method === 'eu-sr' ? 'SR' : 'Score'} ${say(point.score)} (${bandPhrase(point.low, point.high, method)})`,
                    ...(deltaText ? [deltaText[0]!.toUpperCase() + deltaText.slice(1)] : []),
                  ],
                  evidence: `${point?.claimIds.length ?? 0} claims behind it${weak ? ' · wide band: weak or split evidence' : ''}`,
                  claimIds: point?.claimIds ?? [],
                };
                const label = `${stageName(stage)}, ${s.label}: ${point?.score == null ? 'no score' : `${say(point.score)}, ${bandPhrase(point.low, point.high, method)}`}${deltaText ? `, ${deltaText}` : ''}`;
                return (
                  <g key={s.key} className={`comparison-series${s.isBase ? ' comparison-base' : ''}`} data-series={s.key}>
                    <text
                      className={`comparison-series-label${s.isBase ? ' comparison-series-label-base' : ''}`}
                      x={layout.left + layout.seriesLabel - 14}
                      y={y}
                      textAnchor="end"
                      dominantBaseline="central"
                    >
                      {s.label.length > 30 ? `${s.label.slice(0, 29)}…` : s.label}
                    </text>
                    {point?.score != null ? (
                      <g
                        className={`chart-mark comparison-mark${weak ? ' comparison-mark-weak' : ''}`}
                        data-stage={stage}
                        data-series={s.key}
                        data-score={point.score}
                        {...markProps(info, label)}
                      >
                        {point.low !== null && point.high !== null && (
                          <g className={`whisker scenario-whisker-${hueOf(s)}${weak ? ' whisker-weak' : ''}`}>
                            <line x1={x(point.low)} x2={x(point.high)} y1={y} y2={y} />
                            <line x1={x(point.low)} x2={x(point.low)} y1={y - 5} y2={y + 5} />
                            <line x1={x(point.high)} x2={x(point.high)} y1={y - 5} y2={y + 5} />
                          </g>
                        )}
                        <circle className="mark-hit" cx={x(point.score)} cy={y} r={12} />
                        <GlyphShape
                          glyph={glyphOf(s)}
                          x={x(point.score)}
                          y={y}
                          size={weak ? 6 : 6.5}
                          className={`mark-dot scenario-dot scenario-hue-${hueOf(s)}${weak ? ' scenario-dot-weak' : ''}`}
                        />
                      </g>
                    ) : (
                      <text className="comparison-missing" x={x.range()[0]} y={y} dominantBaseline="central">
                        no score
                      </text>
                    )}
                    <text
                      className={`comparison-value${s.isBase ? ' comparison-value-base' : ''}`}
                      x={width - layout.right + 24}
                      y={y}
                      dominantBaseline="central"
                    >
                      {point?.score == null ? '—' : say(point.score)}
                    </text>
                    {deltaText && (
                      <text
                        className={`comparison-delta${delta !== null && say(Math.abs(delta)) !== say(0) ? (delta > 0 ? ' comparison-delta-up' : ' comparison-delta-down') : ''}`}
                        x={width - layout.right + 64}
                        y={y}
                        dominantBaseline="central"
                      >
                        {deltaText}
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
