import { useId, type KeyboardEvent } from 'react';
import type { FactorName, FactorResult, ScoreStage, StageScore, Weights } from '../../db/score/types';
import { ChartFrame, frame, safeId, type ChartMeta, type LegendItem } from './ChartFrame';
import { stageName } from './format';
import {
  computedFactors,
  factorHeads,
  factorLabels,
  judgedFactors,
  formatScore,
  formatWeight,
  isWideBand,
  inkFlipFrom,
  scoreBin,
  wideBand,
  bandPhrase,
} from './score-format';
import { useChartMarks, type MarkInfo } from './useChartMarks';

/** A heatmap cell: one factor of one stage, or the stage's composite. */
export type HeatmapCell = { stage: ScoreStage; factor: FactorName | 'composite' };

interface ScoreHeatmapProps {
  /** The weighted method's results, one per stage, in chain order. */
  stages: StageScore[];
  /** The assessment's weights, printed under the column heads (a stage missing a factor rescales its own). */
  weights?: Weights;
  meta: ChartMeta;
  /** The cell whose detail is open beside the chart, drawn outlined. */
  selected?: HeatmapCell | null;
  onSelectCell: (cell: HeatmapCell) => void;
  onOpenClaims: (claimIds: string[]) => void;
  width?: number;
}

const layout = { left: 132, right: 24, rowHeight: 54, rowGap: 4, colGap: 4, groupGap: 14, compositeGap: 22, compositeWidth: 112 };
const header = { group: 14, heads: 36, headLine: 14, weight: 84, cells: 98 };
const columns: FactorName[] = [...computedFactors, ...judgedFactors];

/** Where each factor column starts, with a wider gap between the computed and the judged group. */
function columnLayout(width: number) {
  const plotRight = width - layout.right;
  const factorSpace =
    plotRight -
    layout.left -
    layout.compositeWidth -
    layout.compositeGap -
    layout.groupGap -
    (columns.length - 2) * layout.colGap;
  const cell = factorSpace / columns.length;
  const xs = columns.map(
    (_, index) =>
      layout.left + index * (cell + layout.colGap) + (index >= computedFactors.length ? layout.groupGap - layout.colGap : 0),
  );
  const compositeX = plotRight - layout.compositeWidth;
  return { cell, xs, compositeX };
}

/** The number's ink in each theme: one class for the light theme's cell, one for the dark theme's. */
function inkClass(score: number) {
  const bin = scoreBin(score);
  return `score-ink-on-light-${bin >= inkFlipFrom.light ? 'white' : 'black'} score-ink-on-dark-${bin >= inkFlipFrom.dark ? 'black' : 'white'}`;
}

/**
 * Stages down, factors across, each cell coloured by its 0–100 score on one sequential scale (light
 * to vermilion) with the number printed in it; computed and judged factors stand in two labelled
 * groups, a band wider than 30 points is hatched, and the composite closes each row with its band.
 */
export function ScoreHeatmap({
  stages,
  weights: assessed,
  meta,
  selected,
  onSelectCell,
  onOpenClaims,
  width = 960,
}: ScoreHeatmapProps) {
  const hatchId = safeId(`hatch-${useId()}`);
  const cellHatch = `${hatchId}-cell`;
  const { containerRef, markProps, tooltip } = useChartMarks(onOpenClaims);
  const { cell, xs, compositeX } = columnLayout(width);
  const plotTop = frame.top + 6;
  const rowsTop = plotTop + header.cells;
  const rowsBottom = rowsTop + stages.length * (layout.rowHeight + layout.rowGap);
  const height = rowsBottom + 28 + frame.footer;
  const weights = new Map<FactorName, number>(
    assessed ? columns.map((name) => [name, assessed[name]]) : (stages[0]?.factors.map((f) => [f.name, f.weight]) ?? []),
  );
  const rampWidth = 16 * 10;
  const rampX = width - frame.side - rampWidth - 124;

  const legend: LegendItem[] = [{ kind: 'hatch', label: `Hatched: band wider than ${wideBand} points (weak or split evidence)` }];

  const select = (target: HeatmapCell, base: ReturnType<typeof markProps>) => ({
    ...base,
    onClick: () => onSelectCell(target),
    onKeyDown: (event: KeyboardEvent<SVGElement>) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onSelectCell(target);
      } else base.onKeyDown(event);
    },
  });
  const isSelected = (stage: ScoreStage, factor: HeatmapCell['factor']) =>
    selected?.stage === stage && selected.factor === factor;

  const groupHead = (from: number, to: number, label: string) => {
    const x1 = xs[from]!;
    const x2 = xs[to]! + cell;
    return (
      <g className="heatmap-group">
        <text className="column-head" x={x1} y={plotTop + header.group}>
          {label}
        </text>
        <line className="heatmap-group-rule" x1={x1} x2={x2} y1={plotTop + header.group + 7} y2={plotTop + header.group + 7} />
      </g>
    );
  };

  function factorCell(stage: StageScore, factor: FactorResult, x: number, y: number) {
    const name = stageName(stage.stage);
    const wide = isWideBand(factor.low, factor.high);
    const info: MarkInfo = {
      heading: `${name} · ${factor.label}`,
      lines: [
        factor.score === null
          ? 'No figure: the evidence gives none'
          : `Score ${formatScore(factor.score)} (${bandPhrase(factor.low, factor.high)})`,
        `Weight ${formatWeight(factor.weight)} · ${factor.kind === 'judged' ? 'judged by the analyst' : 'computed from the capacity model'}`,
        factor.basis,
      ],
      evidence: `${factor.claimIds.length} ${factor.claimIds.length === 1 ? 'claim' : 'claims'}${wide ? ' · wide band: weak or split evidence' : ''}`,
      claimIds: [],
    };
    const label = `${name}, ${factor.label}: ${
      factor.score === null ? 'no figure' : `score ${formatScore(factor.score)}, ${bandPhrase(factor.low, factor.high)}`
    }, ${factor.kind}${wide ? ', wide band' : ''}. Press Enter for the rationale and claims.`;
    const base = markProps({ ...info, lines: [...info.lines, 'Click or press Enter for the rationale and claims'] }, label);
    return (
      <g
        key={factor.name}
        className={`chart-mark heatmap-cell heatmap-cell-${factor.kind}${wide ? ' heatmap-cell-wide' : ''}`}
        data-stage={stage.stage}
        data-factor={factor.name}
        data-kind={factor.kind}
        {...select({ stage: stage.stage, factor: factor.name }, base)}
        data-claim-ids={factor.claimIds.join(' ')}
      >
        <rect
          className={factor.score === null ? 'score-cell score-missing' : `score-cell score-bin-${scoreBin(factor.score)}`}
          x={x}
          y={y}
          width={cell}
          height={layout.rowHeight}
          rx={2}
        />
        {wide && (
          <rect
            className="score-cell-hatch"
            x={x}
            y={y}
            width={cell}
            height={layout.rowHeight}
            rx={2}
            fill={`url(#${cellHatch})`}
          />
        )}
        {factor.score !== null && wide && (
          <text
            className={`score-halo score-halo-${scoreBin(factor.score)}`}
            x={x + cell / 2}
            y={y + layout.rowHeight / 2}
            textAnchor="middle"
            dominantBaseline="central"
            strokeLinejoin="round"
          >
            {formatScore(factor.score)}
          </text>
        )}
        <text
          className={factor.score === null ? 'score-value score-ink-muted' : `score-value ${inkClass(factor.score)}`}
          x={x + cell / 2}
          y={y + layout.rowHeight / 2}
          textAnchor="middle"
          dominantBaseline="central"
        >
          {factor.score === null ? 'n/a' : formatScore(factor.score)}
        </text>
        <rect
          className={`score-cell-outline${isSelected(stage.stage, factor.name) ? ' score-cell-selected' : ''}`}
          x={x + 1}
          y={y + 1}
          width={cell - 2}
          height={layout.rowHeight - 2}
          rx={2}
        />
      </g>
    );
  }

  function compositeCell(stage: StageScore, y: number) {
    const name = stageName(stage.stage);
    const wide = isWideBand(stage.low, stage.high);
    const claimIds = [...new Set(stage.factors.flatMap((f) => f.claimIds))];
    const info: MarkInfo = {
      heading: `${name} · composite`,
      lines: [
        stage.score === null
          ? 'No composite: see the missing factors'
          : `Composite ${formatScore(stage.score)} (${bandPhrase(stage.low, stage.high)})`,
        ...(stage.missing.length > 0 ? [`Missing: ${stage.missing.join(', ')}`] : []),
        'Click or press Enter for the method',
      ],
      evidence: `${claimIds.length} ${claimIds.length === 1 ? 'claim' : 'claims'} behind its factors${wide ? ' · wide band' : ''}`,
      claimIds: [],
    };
    const label = `${name}, composite: ${stage.score === null ? 'none' : `${formatScore(stage.score)}, ${bandPhrase(stage.low, stage.high)}`}. Press Enter for the method.`;
    const base = markProps(info, label);
    const w = layout.compositeWidth;
    return (
      <g
        className={`chart-mark heatmap-cell heatmap-composite${wide ? ' heatmap-cell-wide' : ''}`}
        data-stage={stage.stage}
        data-factor="composite"
        {...select({ stage: stage.stage, factor: 'composite' }, base)}
        data-claim-ids={claimIds.join(' ')}
      >
        <rect
          className={stage.score === null ? 'score-cell score-missing' : `score-cell score-bin-${scoreBin(stage.score)}`}
          x={compositeX}
          y={y}
          width={w}
          height={layout.rowHeight}
          rx={2}
        />
        {wide && (
          <rect
            className="score-cell-hatch"
            x={compositeX}
            y={y}
            width={w}
            height={layout.rowHeight}
            rx={2}
            fill={`url(#${cellHatch})`}
          />
        )}
        {stage.score !== null && wide && (
          <text
            className={`score-halo score-halo-${scoreBin(stage.score)} score-composite-value`}
            x={compositeX + w / 2}
            y={y + 23}
            textAnchor="middle"
            strokeLinejoin="round"
          >
            {formatScore(stage.score)}
          </text>
        )}
        <text
          className={`score-composite-value ${stage.score === null ? 'score-ink-muted' : inkClass(stage.score)}`}
          x={compositeX + w / 2}
          y={y + 23}
          textAnchor="middle"
        >
          {stage.score === null ? 'n/a' : formatScore(stage.score)}
        </text>
        {stage.score !== null && wide && (
          <text
            className={`score-halo score-halo-${scoreBin(stage.score)} score-composite-band`}
            x={compositeX + w / 2}
            y={y + 41}
            textAnchor="middle"
            strokeLinejoin="round"
          >
            {bandPhrase(stage.low, stage.high)}
          </text>
        )}
        <text
          className={`score-composite-band ${stage.score === null ? 'score-ink-muted' : inkClass(stage.score)}`}
          x={compositeX + w / 2}
          y={y + 41}
          textAnchor="middle"
        >
          {stage.score === null ? `${stage.missing.length} missing` : bandPhrase(stage.low, stage.high)}
        </text>
        <rect
          className={`score-cell-outline${isSelected(stage.stage, 'composite') ? ' score-cell-selected' : ''}`}
          x={compositeX + 1}
          y={y + 1}
          width={w - 2}
          height={layout.rowHeight - 2}
          rx={2}
        />
      </g>
    );
  }

  return (
    <div className="chart" ref={containerRef}>
      <ChartFrame
        meta={meta}
        width={width}
        height={height}
        legend={legend}
        hatchId={hatchId}
        className="score-heatmap"
        description={`${stages.length} stages by ${columns.length} factors and the composite, each cell a 0–100 score, higher meaning more supply risk.`}
      >
        <defs>
          <pattern id={cellHatch} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform="rotate(45)">
            <line className="score-hatch-line" x1={0} y1={0} x2={0} y2={6} />
          </pattern>
        </defs>
        <g className="score-ramp" transform={`translate(${rampX}, ${frame.legendY})`}>
          <text className="legend-label" x={-8} y={0} textAnchor="end" dominantBaseline="central">
            Score 0
          </text>
          {Array.from({ length: 10 }, (_, bin) => (
            <rect key={bin} className={`score-bin-${bin}`} x={bin * 16} y={-7} width={16} height={14} />
          ))}
          <text className="legend-label" x={rampWidth + 8} y={0} dominantBaseline="central">
            100 = highest risk
          </text>
        </g>
        {groupHead(0, computedFactors.length - 1, 'Computed from capacity data')}
        {groupHead(computedFactors.length, columns.length - 1, 'Judged by the analyst')}
        <text className="column-head" x={compositeX} y={plotTop + header.group}>
          Stage score
        </text>
        <line
          className="heatmap-group-rule"
          x1={compositeX}
          x2={compositeX + layout.compositeWidth}
          y1={plotTop + header.group + 7}
          y2={plotTop + header.group + 7}
        />
        {columns.map((factor, index) => (
          <g key={factor} className="heatmap-head" data-factor={factor}>
            <title>{factorLabels[factor]}</title>
            {factorHeads[factor].map((line, lineIndex) => (
              <text
                key={line}
                className="heatmap-head-label"
                x={xs[index]! + cell / 2}
                y={plotTop + header.heads + lineIndex * header.headLine}
                textAnchor="middle"
              >
                {line}
              </text>
            ))}
            {weights.has(factor) && (
              <text className="heatmap-weight" x={xs[index]! + cell / 2} y={plotTop + header.weight} textAnchor="middle">
                {`weight ${formatWeight(weights.get(factor)!)}`}
              </text>
            )}
          </g>
        ))}
        <text
          className="heatmap-head-label"
          x={compositeX + layout.compositeWidth / 2}
          y={plotTop + header.heads}
          textAnchor="middle"
        >
          Composite
        </text>
        <text
          className="heatmap-head-label"
          x={compositeX + layout.compositeWidth / 2}
          y={plotTop + header.heads + header.headLine}
          textAnchor="middle"
        >
          (weighted sum)
        </text>
        {stages.map((stage, rowIndex) => {
          const y = rowsTop + rowIndex * (layout.rowHeight + layout.rowGap);
          const byName = new Map(stage.factors.map((f) => [f.name, f]));
          return (
            <g key={stage.stage} className="heatmap-row" data-stage={stage.stage}>
              <text
                className="row-label"
                x={layout.left - 16}
                y={y + layout.rowHeight / 2}
                textAnchor="end"
                dominantBaseline="central"
              >
                {stageName(stage.stage)}
              </text>
              {columns.map((name, index) => {
                const factor = byName.get(name);
                return factor ? factorCell(stage, factor, xs[index]!, y) : null;
              })}
              {compositeCell(stage, y)}
            </g>
          );
        })}
        <text className="heatmap-note" x={layout.left} y={rowsBottom + 14}>
          Higher = more supply risk. n/a: the evidence gives no figure. Hover for the band and basis; click a cell for the
          rationale and claims.
        </text>
      </ChartFrame>
      {tooltip}
    </div>
  );
}
