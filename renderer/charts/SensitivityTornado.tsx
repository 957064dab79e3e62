import { scaleLinear } from 'd3';
import { useId } from 'react';
import type { ScoreMethod } from '../../db/score/types';
import { ChartFrame, frame, safeId, type ChartMeta } from './ChartFrame';
import { formatValue, legendOffsets, srThreshold } from './score-format';
import { useChartMarks, type MarkInfo } from './useChartMarks';

/** One input moved across its plausible range, and where the composite lands at each end. */
export interface TornadoBar {
  key: string;
  /** The factor's name, e.g. "Export-control exposure". */
  label: string;
  /** A factor's score moved across its band, or a factor's weight moved (the others rescaled). */
  kind: 'factor' | 'weight';
  /** The composite with the input at the bottom and at the top of its range. */
  atLow: number;
  atHigh: number;
  /** The input's range, figures only: "60–95" for a score, "5%–25%" for a weight. */
  range: string;
  claimIds: string[];
}

interface SensitivityTornadoProps {
  stageName: string;
  /** The stage's composite as assessed: the axis is centred on it. */
  base: number;
  bars: TornadoBar[];
  method: ScoreMethod;
  meta: ChartMeta;
  onOpenClaims: (claimIds: string[]) => void;
  width?: number;
}

const layout = { left: 268, right: 64, rowHeight: 40, bar: 18, axis: 44 };

const swing = (bar: TornadoBar) => Math.abs(bar.atHigh - bar.atLow);

/**
 * A tornado: each input's swing of the composite, largest first, drawn from the base composite out
 * to where the composite lands with the input at the bottom (light) and the top (dark) of its range.
 * Factor scores are solid bars, weights hatched outlines, so the two read apart without colour.
 */
export function SensitivityTornado({ stageName, base, bars, method, meta, onOpenClaims, width = 960 }: SensitivityTornadoProps) {
  const hatchId = safeId(`hatch-${useId()}`);
  const weightHatch = `${hatchId}-weight`;
  const { containerRef, markProps, tooltip } = useChartMarks(onOpenClaims);
  const sorted = [...bars].sort((a, b) => swing(b) - swing(a) || a.label.localeCompare(b.label));
  const plotTop = frame.top + 34;
  const plotBottom = plotTop + Math.max(1, sorted.length) * layout.rowHeight;
  const height = plotBottom + layout.axis + frame.footer;
  const reach = Math.max(
    method === 'eu-sr' ? 0.05 : 5,
    ...sorted.flatMap((bar) => [Math.abs(bar.atLow - base), Math.abs(bar.atHigh - base)]),
  );
  const pad = reach * 1.12;
  const x = scaleLinear()
    .domain([base - pad, base + pad])
    .range([layout.left, width - layout.right]);
  const ticks = x.ticks(7);
  // Swings of a point or two are the usual case: then a decimal keeps the two ends of a bar apart.
  const fine = method === 'weighted' && reach < 6;
  const say = (value: number) => (fine ? value.toFixed(1) : formatValue(value, method));
  const tickLabel = (value: number) => (method === 'weighted' ? String(Math.round(value * 10) / 10) : formatValue(value, method));
  const unit = method === 'eu-sr' ? 'supply risk (SR)' : 'composite score (0–100)';
  const legendItems = [
    { key: 'high', label: 'Input at the top of its range' },
    { key: 'low', label: 'Input at the bottom' },
    { key: 'weight', label: 'Hatched outline: a weight (the others rescaled)' },
    { key: 'base', label: `Base composite ${say(base)}` },
  ];
  const legendAt = legendOffsets(
    legendItems.map((item) => item.label),
    frame.side,
  );

  return (
    <div className="chart" ref={containerRef}>
      <ChartFrame
        meta={meta}
        width={width}
        height={height}
        legend={[]}
        hatchId={hatchId}
        className="sensitivity-tornado"
        description={`How far each factor's score and each weight moves ${stageName}'s composite, largest swing first.`}
      >
        <defs>
          <pattern id={weightHatch} patternUnits="userSpaceOnUse" width={5} height={5} patternTransform="rotate(45)">
            <line className="tornado-hatch-line" x1={0} y1={0} x2={0} y2={5} />
          </pattern>
        </defs>
        <g className="chart-legend" transform={`translate(0, ${frame.legendY})`}>
          {legendItems.map((item, index) => {
            return (
              <g key={item.key} transform={`translate(${legendAt[index]}, 0)`}>
                {item.key === 'high' && <rect className="tornado-high" x={0} y={-6} width={14} height={12} />}
                {item.key === 'low' && <rect className="tornado-low" x={0} y={-6} width={14} height={12} />}
                {item.key === 'weight' && (
                  <g>
                    <rect className="tornado-weight-fill" x={0} y={-6} width={14} height={12} fill={`url(#${weightHatch})`} />
                    <rect className="tornado-weight-edge" x={0.75} y={-5.25} width={12.5} height={10.5} />
                  </g>
                )}
                {item.key === 'base' && <line className="tornado-base" x1={7} x2={7} y1={-8} y2={8} />}
                <text className="legend-label" x={20} y={0} dominantBaseline="central">
                  {item.label}
                </text>
              </g>
            );
          })}
        </g>
        <text className="column-head" x={frame.side} y={plotTop - 14}>
          Input and its range
        </text>
        <g className="chart-grid">
          {ticks.map((tick) => (
            <line key={tick} x1={x(tick)} x2={x(tick)} y1={plotTop - 4} y2={plotBottom} />
          ))}
        </g>
        <g className="chart-axis" transform={`translate(0, ${plotBottom})`}>
          <line className="axis-domain" x1={x.range()[0]} x2={x.range()[1]} y1={0} y2={0} />
          {ticks.map((tick) => (
            <text key={tick} x={x(tick)} y={18} textAnchor="middle">
              {tickLabel(tick)}
            </text>
          ))}
          <text className="axis-title" x={x.range()[1]} y={38} textAnchor="end">
            {`${stageName} ${unit}`}
          </text>
        </g>
        {method === 'eu-sr' && x.domain()[0]! < srThreshold && x.domain()[1]! > srThreshold && (
          <g className="reference">
            <line className="reference-line" x1={x(srThreshold)} x2={x(srThreshold)} y1={plotTop - 4} y2={plotBottom} />
            <text className="reference-label" x={x(srThreshold) + 6} y={plotBottom - 6}>
              EU threshold SR ≥ 1
            </text>
          </g>
        )}
        {sorted.length === 0 && (
          <text className="pipeline-empty" x={layout.left} y={plotTop + 24}>
            No input moves this stage&apos;s composite: its factors have no band.
          </text>
        )}
        {sorted.map((bar, index) => {
          const y = plotTop + index * layout.rowHeight;
          const mid = y + layout.rowHeight / 2;
          const kindWord = bar.kind === 'weight' ? 'Weight' : 'Factor score';
          const info: MarkInfo = {
            heading: `${stageName} · ${bar.label} (${bar.kind === 'weight' ? 'weight' : 'factor score'})`,
            lines: [
              `${kindWord} ${bar.range}`,
              `Composite ${say(bar.atLow)} at the bottom, ${say(bar.atHigh)} at the top (base ${say(base)})`,
              `Swing ${say(swing(bar))}`,
            ],
            evidence: `${bar.claimIds.length} ${bar.claimIds.length === 1 ? 'claim' : 'claims'} behind the factor`,
            claimIds: bar.claimIds,
          };
          const label = `${bar.label}, ${bar.kind === 'weight' ? 'weight' : 'factor score'} ${bar.range}: composite ${say(bar.atLow)} to ${say(bar.atHigh)}, swing ${say(swing(bar))}`;
          const segment = (end: number, side: 'low' | 'high') => {
            const x1 = Math.min(x(base), x(end));
            const w = Math.abs(x(end) - x(base));
            if (w < 0.5) return null;
            return bar.kind === 'weight' ? (
              <g key={side}>
                <rect
                  className={`tornado-${side} tornado-weight-base`}
                  x={x1}
                  y={mid - layout.bar / 2}
                  width={w}
                  height={layout.bar}
                />
                <rect
                  className="tornado-weight-fill"
                  x={x1}
                  y={mid - layout.bar / 2}
                  width={w}
                  height={layout.bar}
                  fill={`url(#${weightHatch})`}
                />
                <rect
                  className={`tornado-weight-edge tornado-weight-edge-${side}`}
                  x={x1 + 0.75}
                  y={mid - layout.bar / 2 + 0.75}
                  width={Math.max(0, w - 1.5)}
                  height={layout.bar - 1.5}
                />
              </g>
            ) : (
              <rect
                key={side}
                className={`tornado-bar tornado-${side}`}
                x={x1}
                y={mid - layout.bar / 2}
                width={w}
                height={layout.bar}
              />
            );
          };
          const endLabel = (value: number, key: string) => {
            if (say(value) === say(base)) return null;
            const right = value > base;
            return (
              <text
                key={key}
                className="tornado-value"
                x={x(value) + (right ? 6 : -6)}
                y={mid}
                textAnchor={right ? 'start' : 'end'}
                dominantBaseline="central"
              >
                {say(value)}
              </text>
            );
          };
          return (
            <g
              key={bar.key}
              className={`chart-mark tornado-row tornado-row-${bar.kind}`}
              data-kind={bar.kind}
              data-factor={bar.key}
              {...markProps(info, label)}
            >
              <rect
                className="tornado-row-hit"
                x={frame.side}
                y={y + 2}
                width={width - 2 * frame.side}
                height={layout.rowHeight - 4}
                rx={3}
              />
              {index > 0 && <line className="row-rule" x1={frame.side} x2={width - frame.side} y1={y} y2={y} />}
              <text className="tornado-label" x={frame.side} y={mid - 6} dominantBaseline="central">
                {bar.label}
              </text>
              <text className="tornado-range" x={frame.side} y={mid + 10} dominantBaseline="central">
                {`${kindWord} ${bar.range}`}
              </text>
              {segment(bar.atLow, 'low')}
              {segment(bar.atHigh, 'high')}
              {endLabel(bar.atLow, 'low')}
              {endLabel(bar.atHigh, 'high')}
            </g>
          );
        })}
        <line className="tornado-base" x1={x(base)} x2={x(base)} y1={plotTop - 8} y2={plotBottom} />
        <text className="tornado-base-label" x={x(base)} y={plotTop - 14} textAnchor="middle">
          {`Base ${say(base)}`}
        </text>
      </ChartFrame>
      {tooltip}
    </div>
  );
}
