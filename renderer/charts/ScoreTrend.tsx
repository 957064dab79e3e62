import { area, line, scaleLinear, scalePoint } from 'd3';
import { useId } from 'react';
import type { ScoreMethod, ScoreStage } from '../../db/score/types';
import { ChartFrame, frame, safeId, type ChartMeta, type LegendItem } from './ChartFrame';
import { stageName } from './format';
import { bandPhrase, formatValue, isWideBand, srThreshold } from './score-format';
import { useChartMarks, type MarkInfo } from './useChartMarks';

/** A saved assessment on the time axis, oldest first. */
export interface TrendSnapshot {
  id: string;
  /** The whole label, for the tooltip: its date, with the time when two share a day. */
  label: string;
  /** The short label under the axis ("27 Nov", "02:15"). */
  axisLabel: string;
  author: string | null;
  note: string | null;
}

export interface TrendPoint {
  snapshotId: string;
  stage: ScoreStage;
  score: number | null;
  low: number | null;
  high: number | null;
  claimIds: string[];
}

interface ScoreTrendProps {
  stages: ScoreStage[];
  snapshots: TrendSnapshot[];
  points: TrendPoint[];
  method: ScoreMethod;
  /** Words under the axis, e.g. "Snapshots of 27 Nov 2026" when the labels are times. */
  axisTitle: string;
  meta: ChartMeta;
  onOpenClaims: (claimIds: string[]) => void;
  width?: number;
}

const layout = { label: 210, right: 36, strip: 70, gap: 14, axis: 44, inset: 18 };

type Drawn = TrendPoint & { score: number; low: number; high: number };

/** The change from the first to the last snapshot, in words: "+6 since 3 Mar", "no change since 14:05". */
function change(points: Drawn[], snapshots: TrendSnapshot[], method: ScoreMethod): string {
  if (points.length < 2) return points.length === 1 ? 'one snapshot with a score' : 'no score';
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const delta = last.score - first.score;
  const since = snapshots.find((s) => s.id === first.snapshotId)?.axisLabel ?? '';
  const size = formatValue(Math.abs(delta), method);
  if (size === formatValue(0, method)) return `no change since ${since}`;
  return `${delta > 0 ? '+' : '−'}${size} since ${since}`;
}

/** At most this many labels fit under the axis; between them, ticks alone. */
function labelled(count: number, room: number): (index: number) => boolean {
  const fits = Math.max(2, Math.floor(room / 96));
  if (count <= fits) return () => true;
  const step = Math.ceil((count - 1) / (fits - 1));
  return (index) => index === count - 1 || (index % step === 0 && count - 1 - index >= step / 2);
}

/**
 * One strip per stage, on one shared scale (zoomed to the scores drawn, so a change of a few points
 * shows): the score at each snapshot joined by a line, its band shaded, hollow where the band is
 * wide; the stage's latest score and its change since the first snapshot are written at its left.
 */
export function ScoreTrend({ stages, snapshots, points, method, axisTitle, meta, onOpenClaims, width = 960 }: ScoreTrendProps) {
  const hatchId = safeId(`hatch-${useId()}`);
  const { containerRef, markProps, tooltip } = useChartMarks(onOpenClaims);
  const plotLeft = layout.label + 40;
  const plotRight = width - layout.right;
  const plotTop = frame.top + 10;
  const stripsBottom = plotTop + stages.length * (layout.strip + layout.gap) - layout.gap;
  const height = stripsBottom + layout.axis + frame.footer;
  const drawnAll = points.filter((p): p is Drawn => p.score !== null && p.low !== null && p.high !== null);
  const lowest = Math.min(...drawnAll.map((p) => p.low));
  const highest = Math.max(...drawnAll.map((p) => p.high));
  const pad = method === 'eu-sr' ? 0.25 : 5;
  const floor = drawnAll.length > 0 ? Math.max(0, lowest - pad) : 0;
  const ceiling = drawnAll.length > 0 ? (method === 'eu-sr' ? highest + pad : Math.min(100, highest + pad)) : 100;
  const value = scaleLinear().domain([floor, ceiling]).nice(4);
  const x = scalePoint<string>()
    .domain(snapshots.map((s) => s.id))
    .range(
      snapshots.length > 1
        ? [plotLeft + layout.inset, plotRight - layout.inset]
        : [(plotLeft + plotRight) / 2, (plotLeft + plotRight) / 2],
    );
  const order = new Map(snapshots.map((s, index) => [s.id, index]));
  const say = (v: number | null) => formatValue(v, method);
  const showLabel = labelled(snapshots.length, plotRight - plotLeft);
  // The threshold is drawn only where the scale reaches it; zoomed past it, the axis says which side the scores are on.
  const [domainLow, domainHigh] = value.domain() as [number, number];
  const thresholdShown = method === 'eu-sr' && srThreshold > domainLow && srThreshold < domainHigh;
  const legend: LegendItem[] = [
    { kind: 'china', label: method === 'eu-sr' ? 'Supply risk at each snapshot' : 'Composite score at each snapshot' },
    { kind: 'band', label: 'Low–high band' },
    { kind: 'weak', label: 'Hollow: wide band (weak or split evidence)' },
    ...(thresholdShown ? [{ kind: 'reference' as const, label: 'EU threshold SR ≥ 1' }] : []),
  ];

  return (
    <div className="chart" ref={containerRef}>
      <ChartFrame
        meta={meta}
        width={width}
        height={height}
        legend={legend}
        hatchId={hatchId}
        className="score-trend"
        description={`Each stage's ${method === 'eu-sr' ? 'supply risk' : 'composite score'} across ${snapshots.length} snapshots, with bands.`}
      >
        {stages.map((stage, index) => {
          const top = plotTop + index * (layout.strip + layout.gap);
          const bottom = top + layout.strip;
          const y = value.copy().range([bottom - 6, top + 6]);
          const ticks = y.ticks(2);
          const drawn = drawnAll
            .filter((p) => p.stage === stage)
            .sort((a, b) => (order.get(a.snapshotId) ?? 0) - (order.get(b.snapshotId) ?? 0));
          const band = area<Drawn>()
            .x((p) => x(p.snapshotId) ?? 0)
            .y0((p) => y(p.low))
            .y1((p) => y(p.high))(drawn);
          const path = line<Drawn>()
            .x((p) => x(p.snapshotId) ?? 0)
            .y((p) => y(p.score))(drawn);
          const last = drawn[drawn.length - 1];
          return (
            <g key={stage} className="trend-panel" data-stage={stage}>
              {index > 0 && (
                <line
                  className="row-rule"
                  x1={frame.side}
                  x2={width - frame.side}
                  y1={top - layout.gap / 2}
                  y2={top - layout.gap / 2}
                />
              )}
              <text className="trend-panel-title" x={frame.side} y={top + 20}>
                {stageName(stage)}
              </text>
              {last && (
                <text className="trend-panel-latest" x={frame.side} y={top + 46}>
                  {say(last.score)}
                </text>
              )}
              <text className="trend-panel-change" x={frame.side + (last ? (method === 'eu-sr' ? 48 : 34) : 0)} y={top + 45}>
                {change(drawn, snapshots, method)}
              </text>
              <g className="chart-grid">
                {ticks.map((tick) => (
                  <line key={tick} x1={plotLeft} x2={plotRight} y1={y(tick)} y2={y(tick)} />
                ))}
              </g>
              <g className="chart-axis">
                {ticks.map((tick) => (
                  <text key={tick} x={plotLeft - 8} y={y(tick)} textAnchor="end" dominantBaseline="central">
                    {say(tick)}
                  </text>
                ))}
              </g>
              {thresholdShown && (
                <line className="reference-line" x1={plotLeft} x2={plotRight} y1={y(srThreshold)} y2={y(srThreshold)} />
              )}
              {band && drawn.length > 1 && <path className="trend-band score-trend-band" d={band} />}
              {path && drawn.length > 1 && <path className="trend-line score-trend-line" d={path} />}
              {drawn.map((p) => {
                const snapshot = snapshots.find((s) => s.id === p.snapshotId);
                const weak = isWideBand(p.low, p.high, method);
                const info: MarkInfo = {
                  heading: `${stageName(stage)} · ${snapshot?.label ?? ''}`,
                  lines: [
                    `${method === 'eu-sr' ? 'SR' : 'Composite'} ${say(p.score)} (${bandPhrase(p.low, p.high, method)})`,
                    ...(snapshot?.author ? [`By ${snapshot.author}`] : []),
                    ...(snapshot?.note ? [snapshot.note] : []),
                  ],
                  evidence: `${p.claimIds.length} ${p.claimIds.length === 1 ? 'claim' : 'claims'} behind it${weak ? ' · wide band' : ''}`,
                  claimIds: p.claimIds,
                };
                const label = `${stageName(stage)} at ${snapshot?.label ?? ''}: ${say(p.score)}, ${bandPhrase(p.low, p.high, method)}`;
                const cx = x(p.snapshotId) ?? 0;
                return (
                  <g
                    key={p.snapshotId}
                    className={`chart-mark trend-mark score-trend-mark${weak ? ' gap-mark-weak' : ''}`}
                    data-snapshot={p.snapshotId}
                    data-score={p.score}
                    {...markProps(info, label)}
                  >
                    {drawn.length === 1 && (
                      <g className="whisker whisker-china">
                        <line x1={cx} x2={cx} y1={y(p.low)} y2={y(p.high)} />
                        <line x1={cx - 5} x2={cx + 5} y1={y(p.low)} y2={y(p.low)} />
                        <line x1={cx - 5} x2={cx + 5} y1={y(p.high)} y2={y(p.high)} />
                      </g>
                    )}
                    <circle className="mark-hit" cx={cx} cy={y(p.score)} r={12} />
                    <circle
                      className={`mark-dot mark-china${weak ? ' mark-weak' : ''}`}
                      cx={cx}
                      cy={y(p.score)}
                      r={weak ? 5 : 5.5}
                    />
                  </g>
                );
              })}
              {drawn.length === 0 && (
                <text
                  className="pipeline-empty"
                  x={(plotLeft + plotRight) / 2}
                  y={(top + bottom) / 2}
                  textAnchor="middle"
                  dominantBaseline="central"
                >
                  no score at any snapshot
                </text>
              )}
            </g>
          );
        })}
        <g className="chart-axis" transform={`translate(0, ${stripsBottom})`}>
          <line className="axis-domain" x1={plotLeft} x2={plotRight} y1={4} y2={4} />
          {snapshots.map((s, index) => (
            <g key={s.id}>
              <line className="axis-domain" x1={x(s.id)} x2={x(s.id)} y1={4} y2={9} />
              {showLabel(index) && (
                <text x={x(s.id)} y={22} textAnchor="middle">
                  {s.axisLabel}
                </text>
              )}
            </g>
          ))}
          <text className="axis-title" x={plotRight} y={40} textAnchor="end">
            {method === 'eu-sr' && !thresholdShown && drawnAll.length > 0
              ? `${axisTitle} · every score ${domainLow >= srThreshold ? 'above' : 'below'} the EU threshold (SR ≥ 1)`
              : axisTitle}
          </text>
        </g>
      </ChartFrame>
      {tooltip}
    </div>
  );
}
