import { scaleLinear } from 'd3';
import { useId } from 'react';
import type { Band, GapResult } from '../../db/model/types';
import { ChartFrame, frame, safeId, type ChartMeta, type LegendItem } from './ChartFrame';
import {
  carriedForwardLines,
  describeEvidence,
  formatAmount,
  formatShare,
  formatTick,
  sideEvidence,
  stageName,
  type EvidenceSummary,
} from './format';
import { useChartMarks, type MarkInfo } from './useChartMarks';

export type GapMode = 'absolute' | 'share';

/** The EU Critical Raw Materials Act's benchmark: no more than 65% of a material from one third country. */
export const crmaBenchmark = 0.65;
export const crmaLabel = 'EU CRMA benchmark: 65% from one country';

interface StageGapChartProps {
  results: GapResult[];
  mode: GapMode;
  meta: ChartMeta;
  onOpenClaims: (claimIds: string[]) => void;
  /** What the figures measure, for the axis title: "Capacity" or "Production". */
  quantity?: string;
  width?: number;
}

const layout = { left: 132, right: 176, rowHeight: 54, axis: 48 };

interface SidePoint {
  side: 'china' | 'ex-china';
  value: number;
  low: number;
  high: number;
  evidence: EvidenceSummary;
}

function sidePoints(result: GapResult, mode: GapMode): SidePoint[] | null {
  const china = sideEvidence(result, 'china');
  const exChina = sideEvidence(result, 'ex-china');
  if (mode === 'absolute') {
    const point = (side: SidePoint['side'], band: Band, evidence: EvidenceSummary): SidePoint => ({ side, ...band, evidence });
    return [point('china', result.china, china), point('ex-china', result.exChina, exChina)];
  }
  if (result.chinaShare === null) return null;
  const band = result.chinaShareBand ?? { low: result.chinaShare, high: result.chinaShare };
  return [
    { side: 'china', value: result.chinaShare, low: band.low, high: band.high, evidence: china },
    { side: 'ex-china', value: 1 - result.chinaShare, low: 1 - band.high, high: 1 - band.low, evidence: exChina },
  ];
}

const sideName = (side: SidePoint['side']) => (side === 'china' ? 'China' : 'Ex-China');

/**
 * China against ex-China for each stage as a dumbbell: two dots joined by a line, whiskers from the
 * low/high band, weak evidence drawn hollow, and China's share written at the row's end.
 */
export function StageGapChart({ results, mode, meta, onOpenClaims, quantity = 'Capacity', width = 960 }: StageGapChartProps) {
  const hatchId = safeId(`hatch-${useId()}`);
  const { containerRef, markProps, tooltip } = useChartMarks(onOpenClaims);
  const unit = results[0]?.unit ?? 't';
  const plotTop = frame.top + 28;
  const plotBottom = plotTop + results.length * layout.rowHeight;
  const height = plotBottom + layout.axis + frame.footer;
  const maxHigh = Math.max(1, ...results.flatMap((r) => [r.china.high, r.china.value, r.exChina.high, r.exChina.value]));
  const x = scaleLinear()
    .domain(mode === 'share' ? [0, 1] : [0, maxHigh])
    .range([layout.left, width - layout.right]);
  if (mode === 'absolute') x.nice();
  const ticks = x.ticks(mode === 'share' ? 5 : 6);
  const tickLabel = (value: number) => (mode === 'share' ? formatShare(value) : formatTick(value, x.domain()[1] ?? 0));
  const figure = (value: number) => (mode === 'share' ? formatShare(value) : formatAmount(value, unit));
  const range = (p: SidePoint) =>
    mode === 'share'
      ? `${formatShare(p.low)}–${formatShare(p.high)}`
      : `${formatTick(p.low).replace(/\.0$/, '')}–${formatAmount(p.high, unit)}`;

  const legend: LegendItem[] = [
    { kind: 'china', label: 'China' },
    { kind: 'ex-china', label: 'Ex-China' },
    { kind: 'whisker', label: 'Low–high range' },
    { kind: 'weak', label: 'Hollow: weak evidence (state-media only or contested)' },
  ];
  const axisLabel = mode === 'share' ? 'Share of the stage total (%)' : `${quantity} (${unit})`;

  return (
    <div className="chart" ref={containerRef}>
      <ChartFrame
        meta={meta}
        width={width}
        height={height}
        legend={legend}
        hatchId={hatchId}
        className="stage-gap-chart"
        description={`One row per stage, China against ex-China, ${mode === 'share' ? 'as shares of the total' : `in ${unit}`}.`}
      >
        <g className="chart-grid">
          {ticks.map((tick) => (
            <line key={tick} x1={x(tick)} x2={x(tick)} y1={plotTop - 6} y2={plotBottom} />
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
            {axisLabel}
          </text>
        </g>
        {mode === 'share' && (
          <g className="reference">
            <line className="reference-line" x1={x(crmaBenchmark)} x2={x(crmaBenchmark)} y1={plotTop - 14} y2={plotBottom} />
            <text className="reference-label" x={x(crmaBenchmark) + 6} y={plotTop - 8}>
              {crmaLabel}
            </text>
          </g>
        )}
        <text className="column-head" x={width - layout.right + 28} y={plotTop - 8}>
          China share
        </text>
        {results.map((result, index) => {
          const y = plotTop + index * layout.rowHeight + layout.rowHeight / 2;
          const points = sidePoints(result, mode);
          const stage = stageName(result.stage);
          return (
            <g key={result.stage} className="gap-row" data-stage={result.stage}>
              {index > 0 && (
                <line
                  className="row-rule"
                  x1={frame.side}
                  x2={width - frame.side}
                  y1={y - layout.rowHeight / 2}
                  y2={y - layout.rowHeight / 2}
                />
              )}
              <text className="row-label" x={layout.left - 16} y={y - 2} textAnchor="end">
                {stage}
              </text>
              <text className="row-year" x={layout.left - 16} y={y + 13} textAnchor="end">
                {result.year}
              </text>
              {points && <line className="gap-connector" x1={x(points[0]!.value)} x2={x(points[1]!.value)} y1={y} y2={y} />}
              {points?.map((point) => {
                const weak = point.evidence.weak;
                const info: MarkInfo = {
                  heading: `${stage} · ${sideName(point.side)} · ${result.year}`,
                  lines: [
                    `${mode === 'share' ? 'Share' : 'Total'}: ${figure(point.value)}`,
                    `Range: ${range(point)}`,
                    mode === 'share'
                      ? `Total: ${formatAmount(point.side === 'china' ? result.china.value : result.exChina.value, unit)}`
                      : `Share: ${result.chinaShare === null ? 'n/a' : formatShare(point.side === 'china' ? result.chinaShare : 1 - result.chinaShare)}`,
                    ...carriedForwardLines(
                      result.countries.filter((figure) => figure.side === point.side),
                      unit,
                    ),
                  ],
                  evidence: describeEvidence(point.evidence),
                  claimIds: point.evidence.claimIds,
                };
                const total = formatAmount(point.side === 'china' ? result.china.value : result.exChina.value, unit);
                const amount = mode === 'share' ? `${figure(point.value)} share, ${total}` : figure(point.value);
                const label = `${stage} ${result.year}, ${sideName(point.side)}: ${amount} (range ${range(point)}), ${describeEvidence(point.evidence)}`;
                const offset = point.side === 'china' ? -2.5 : 2.5;
                return (
                  <g
                    key={point.side}
                    className={`chart-mark gap-mark gap-mark-${point.side}${weak ? ' gap-mark-weak' : ''}`}
                    data-side={point.side}
                    {...markProps(info, label)}
                  >
                    <g className={`whisker whisker-${point.side}${weak ? ' whisker-weak' : ''}`}>
                      <line x1={x(point.low)} x2={x(point.high)} y1={y + offset} y2={y + offset} />
                      <line x1={x(point.low)} x2={x(point.low)} y1={y + offset - 5} y2={y + offset + 5} />
                      <line x1={x(point.high)} x2={x(point.high)} y1={y + offset - 5} y2={y + offset + 5} />
                    </g>
                    <circle className="mark-hit" cx={x(point.value)} cy={y} r={12} />
                    <circle
                      className={`mark-dot mark-${point.side}${weak ? ' mark-weak' : ''}`}
                      cx={x(point.value)}
                      cy={y}
                      r={weak ? 6.5 : 7}
                    />
                  </g>
                );
              })}
              <text className="row-share" x={width - layout.right + 28} y={y - 1}>
                {result.chinaShare === null ? '—' : formatShare(result.chinaShare)}
              </text>
              {result.chinaShareBand && formatShare(result.chinaShareBand.low) !== formatShare(result.chinaShareBand.high) && (
                <text className="row-share-band" x={width - layout.right + 28} y={y + 14}>
                  {`range ${formatShare(result.chinaShareBand.low)}–${formatShare(result.chinaShareBand.high)}`}
                </text>
              )}
            </g>
          );
        })}
      </ChartFrame>
      {tooltip}
    </div>
  );
}
