import { curveStepAfter, line, range, scaleLinear } from 'd3';
import { useId } from 'react';
import type { PipelineFacility, PipelineStage, PipelineStatus, PipelineStep } from '../../db/model/pipeline';
import { ChartFrame, frame, safeId, type ChartMeta, type LegendItem } from './ChartFrame';
import {
  carriedForwardLines,
  describeEvidence,
  formatAmount,
  formatShare,
  formatTick,
  stageName,
  type EvidenceSummary,
} from './format';
import { describePipeline } from './pipeline-words';
import { isolateBidi } from './standalone/plain-text';
import { useChartMarks, type MarkInfo } from './useChartMarks';

interface PipelineChartProps {
  /** One stage's pipeline. */
  data: PipelineStage;
  meta: ChartMeta;
  onOpenClaims: (claimIds: string[]) => void;
  width?: number;
}

const layout = { left: 312, right: 168, rowHeight: 36, undated: 84, panelGap: 58, lines: 190, axis: 40 };
const statusWords: Record<PipelineStatus, string> = {
  operating: 'Operating',
  under_construction: 'Under construction',
  planned: 'Planned',
};
const layerWords = { operating: 'Operating', underConstruction: '+ construction', planned: '+ planned' } as const;
type Layer = keyof typeof layerWords;

/**
 * Cuts a name to the width it has, at a word, so a long facility name never runs into the plot; the
 * full name is in the tooltip. Widths are estimated (IBM Plex Sans averages under 0.5 em a character)
 * because the same chart is drawn where no text can be measured.
 */
function fitText(text: string, width: number, size: number): string {
  const fits = Math.floor(width / (size * 0.5));
  if (text.length <= fits) return text;
  const cut = text.slice(0, fits - 1);
  const atWord = cut.lastIndexOf(' ') > fits / 2 ? cut.slice(0, cut.lastIndexOf(' ')) : cut;
  return `${atWord.replace(/[\s,(/·-]+$/, '')}…`;
}

/** Moves labels apart vertically, keeping their order, so no two overlap. */
function dodge(ys: number[], gap: number): number[] {
  const order = ys.map((y, index) => ({ y, index })).sort((a, b) => a.y - b.y);
  for (let i = 1; i < order.length; i++) order[i]!.y = Math.max(order[i]!.y, order[i - 1]!.y + gap);
  const placed: number[] = [];
  for (const item of order) placed[item.index] = item.y;
  return placed;
}

/** A status is a shape as well as a fill, so it reads in grey print and without colour. */
function StatusGlyph({
  status,
  weak,
  x,
  y,
  size = 7,
  hatchId,
}: {
  status: PipelineStatus;
  weak: boolean;
  x: number;
  y: number;
  size?: number;
  hatchId: string;
}) {
  const className = `pipeline-glyph pipeline-glyph-${status}${weak ? ' pipeline-glyph-weak' : ''}`;
  if (status === 'operating') return <circle className={className} cx={x} cy={y} r={size} />;
  const s = size * 1.3;
  const d =
    status === 'under_construction'
      ? `M${x},${y - s}L${x + s},${y}L${x},${y + s}L${x - s},${y}Z`
      : `M${x},${y - s}L${x + s},${y + s * 0.75}L${x - s},${y + s * 0.75}Z`;
  return (
    <g>
      <path className={className} d={d} />
      {status === 'under_construction' && !weak && <path className="pipeline-glyph-hatch" fill={`url(#${hatchId})`} d={d} />}
    </g>
  );
}

function facilityEvidence(facility: PipelineFacility): EvidenceSummary {
  return {
    grades: facility.grades,
    independentOrigins: facility.independentOrigins,
    claimIds: facility.claimIds,
    weak: facility.weak,
  };
}

function startWords(facility: PipelineFacility): string {
  if (facility.startYear === null)
    return facility.capacityYear === null
      ? 'Start year not stated (the claim has no year)'
      : `Start year not stated (${facility.capacityYear} is when it was reported)`;
  if (facility.status === 'operating') return `Operating in ${facility.startYear} (the year of its capacity claim)`;
  const range = facility.startYearRange ? `; claims give ${facility.startYearRange.low}–${facility.startYearRange.high}` : '';
  return facility.startYearBasis === 'commissioning claim'
    ? `Expected start ${facility.startYear} (scheduled commissioning${range})`
    : `Expected start ${facility.startYear} (the year its capacity claim is for)`;
}

/**
 * The ex-China pipeline for one stage: above, each facility as a row with its mark at the year it
 * started or is expected to start, its shape and fill saying its status; below, cumulative ex-China
 * capacity as a step line per status layer against China's latest total, held flat.
 */
export function PipelineChart({ data, meta, onOpenClaims, width = 960 }: PipelineChartProps) {
  const hatchId = safeId(`hatch-${useId()}`);
  const constructionHatch = `${hatchId}-construction`;
  const { containerRef, markProps, tooltip } = useChartMarks(onOpenClaims);
  const { china, unit } = data;
  const stage = stageName(data.stage);
  const statement = describePipeline(data);

  const dated = data.facilities.filter((f) => f.startYear !== null).map((f) => f.startYear!);
  const stepYears = data.cumulative.map((s) => s.year);
  const years = [...dated, ...stepYears];
  const firstYear = years.length > 0 ? Math.min(...years) : null;
  // One more year after the last start, so the last step shows as a level, not a point.
  const lastYear = years.length > 0 ? Math.max(...years) + 1 : null;
  const hasUndated = data.facilities.some((f) => f.startYear === null);
  const plotLeft = layout.left + 24;
  const plotRight = width - layout.right - (hasUndated ? layout.undated : 0);
  const undatedX = width - layout.right - layout.undated / 2 + 12;
  const x = scaleLinear()
    .domain(firstYear === null || lastYear === null ? [0, 1] : [firstYear, lastYear])
    .range([plotLeft, plotRight]);
  const yearTicks =
    firstYear === null || lastYear === null ? [] : range(firstYear, lastYear + 1, lastYear - firstYear > 10 ? 2 : 1);

  const keyY = frame.top + 58;
  const rowsTop = frame.top + 100;
  const rowsBottom = rowsTop + data.facilities.length * layout.rowHeight;
  const linesTop = rowsBottom + layout.panelGap;
  // With nothing to add up by year, the lower panel is one line of words, not an empty plot.
  const linesBottom = linesTop + (data.cumulative.length > 0 ? layout.lines : 0);
  const height = linesBottom + layout.axis + frame.footer;

  const highest = Math.max(1, china?.high ?? 0, china?.value ?? 0, ...data.cumulative.map((s) => s.total.high));
  const y = scaleLinear().domain([0, highest]).range([linesBottom, linesTop]).nice();
  const axisMax = y.domain()[1] ?? highest;
  const yTicks = y.ticks(5);

  const cumulativeOf = (step: PipelineStep, layer: Layer) =>
    layer === 'operating'
      ? step.operating.value
      : layer === 'underConstruction'
        ? step.operating.value + step.underConstruction.value
        : step.total.value;
  const layers = (['operating', 'underConstruction', 'planned'] as const).filter(
    (layer) => layer === 'operating' || data.cumulative.some((s) => s[layer].value > 0),
  );
  const extended =
    data.cumulative.length > 0 && lastYear !== null ? [...data.cumulative, { ...data.cumulative.at(-1)!, year: lastYear }] : [];
  const pathOf = (layer: Layer) =>
    line<PipelineStep>()
      .x((s) => x(s.year))
      .y((s) => y(cumulativeOf(s, layer)))
      .curve(curveStepAfter)(extended);
  const finalStep = data.cumulative.at(-1);
  const endLabelYs = finalStep
    ? dodge(
        layers.map((layer) => y(cumulativeOf(finalStep, layer))),
        15,
      )
    : [];

  const byId = new Map(data.facilities.map((f) => [f.id, f]));
  const stepEvidence = (step: PipelineStep): EvidenceSummary => {
    const counted = step.facilityIds.flatMap((id) => byId.get(id) ?? []);
    return {
      grades: [...new Set(counted.flatMap((f) => f.grades))].sort(),
      independentOrigins: Math.max(0, ...counted.map((f) => f.independentOrigins)),
      claimIds: step.claimIds,
      weak: counted.some((f) => f.weak),
    };
  };
  const ofChina = (value: number) => (china && china.value > 0 ? ` · ${formatShare(value / china.value)} of China’s total` : '');

  const legend: LegendItem[] = [
    ...(china ? [{ kind: 'china' as const, label: 'China: latest total, held flat' }] : []),
    { kind: 'ex-china', label: 'Ex-China' },
    { kind: 'weak', label: 'Hollow: weak evidence (state-media only or contested)' },
  ];
  const key: { status?: PipelineStatus; layer?: Layer; label: string; width: number }[] = [
    { status: 'operating', label: 'Operating', width: 104 },
    { status: 'under_construction', label: 'Under construction', width: 162 },
    { status: 'planned', label: 'Planned', width: 112 },
    { layer: 'operating', label: 'Operating total', width: 150 },
    { layer: 'underConstruction', label: '+ under construction', width: 178 },
    { layer: 'planned', label: '+ planned', width: 100 },
  ];
  const keyX = key.reduce<number[]>(
    (xs, item, index) => [...xs, index === 0 ? frame.side : xs[index - 1]! + key[index - 1]!.width],
    [],
  );

  return (
    <div className="chart" ref={containerRef}>
      <ChartFrame
        meta={meta}
        width={width}
        height={height}
        legend={legend}
        hatchId={hatchId}
        className="pipeline-chart"
        description={statement.join(' ')}
      >
        <defs>
          <pattern id={constructionHatch} patternUnits="userSpaceOnUse" width={4} height={4} patternTransform="rotate(45)">
            <line className="pipeline-hatch-line" x1={0} y1={0} x2={0} y2={4} />
          </pattern>
        </defs>
        {statement.map((sentence, index) => (
          <text key={sentence} className="trend-statement" x={frame.side} y={frame.top + 12 + index * 19}>
            {sentence}
          </text>
        ))}
        <g className="pipeline-key">
          {key.map((item, index) => (
            <g key={item.label} transform={`translate(${keyX[index]}, ${keyY})`}>
              {item.status ? (
                <StatusGlyph status={item.status} weak={false} x={7} y={0} size={6} hatchId={constructionHatch} />
              ) : (
                <line className={`pipeline-step pipeline-step-${item.layer}`} x1={0} x2={22} y1={0} y2={0} />
              )}
              <text className="legend-label" x={item.status ? 20 : 30} y={0} dominantBaseline="central">
                {item.label}
              </text>
            </g>
          ))}
        </g>

        <g className="chart-grid">
          {yearTicks.map((year) => (
            <line
              key={year}
              x1={x(year)}
              x2={x(year)}
              y1={rowsTop - 4}
              y2={data.cumulative.length > 0 ? linesBottom : rowsBottom}
            />
          ))}
        </g>
        <g className="chart-axis">
          {yearTicks.map((year) => (
            <text key={year} x={x(year)} y={rowsTop - 12} textAnchor="middle">
              {year}
            </text>
          ))}
          {hasUndated && (
            <text x={undatedX} y={rowsTop - 12} textAnchor="middle">
              No date
            </text>
          )}
          <text className="axis-title" x={frame.side} y={rowsTop - 12}>
            {`Facility · country · capacity (${unit})`}
          </text>
        </g>
        {hasUndated && (
          <line
            className="pipeline-undated-rule"
            x1={undatedX - layout.undated / 2}
            x2={undatedX - layout.undated / 2}
            y1={rowsTop - 4}
            y2={rowsBottom}
          />
        )}

        {data.facilities.map((facility, index) => {
          const rowY = rowsTop + index * layout.rowHeight + layout.rowHeight / 2;
          const markX = facility.startYear === null ? undatedX : x(facility.startYear);
          const status = statusWords[facility.status].toLowerCase();
          const detail = `${isolateBidi(facility.country)} · ${formatAmount(facility.capacity.value, unit)} · ${status}${facility.statusStated ? '' : ' (not stated)'}${facility.weak ? ' · weak evidence' : ''}`;
          const bandWords =
            facility.capacity.low !== facility.capacity.high
              ? `Range: ${formatAmount(facility.capacity.low, unit)}–${formatAmount(facility.capacity.high, unit)}`
              : null;
          const info: MarkInfo = {
            heading: `${isolateBidi(facility.name)} · ${isolateBidi(facility.country)}`,
            lines: [
              `${statusWords[facility.status]}${facility.statusStated ? '' : ' (status not stated: counted as operating)'}`,
              `Capacity: ${formatAmount(facility.capacity.value, unit)}${facility.capacityYear === null ? ' (undated claim)' : ` (claimed for ${facility.capacityYear})`}`,
              ...(bandWords ? [bandWords] : []),
              startWords(facility),
            ],
            evidence: describeEvidence(facilityEvidence(facility)),
            claimIds: facility.claimIds,
          };
          const label = `${stage}: ${facility.name}, ${facility.country}, ${status}, ${formatAmount(facility.capacity.value, unit)}, ${startWords(facility)}, ${describeEvidence(facilityEvidence(facility))}`;
          return (
            <g
              key={facility.id}
              className={`chart-mark pipeline-facility${facility.weak ? ' gap-mark-weak' : ''}`}
              data-facility={facility.id}
              data-status={facility.status}
              {...markProps(info, label)}
            >
              <rect
                className="pipeline-row-hit"
                x={frame.side - 6}
                y={rowY - layout.rowHeight / 2}
                width={width - 2 * frame.side + 12}
                height={layout.rowHeight}
                rx={4}
              />
              {index > 0 && (
                <line
                  className="row-rule"
                  x1={frame.side}
                  x2={width - frame.side}
                  y1={rowY - layout.rowHeight / 2}
                  y2={rowY - layout.rowHeight / 2}
                />
              )}
              <text className="pipeline-name" x={frame.side} y={rowY - 3}>
                {fitText(facility.name, layout.left - frame.side, 13)}
              </text>
              <text className="pipeline-detail" x={frame.side} y={rowY + 12}>
                {fitText(detail, layout.left - frame.side, 11.5)}
              </text>
              {facility.startYear !== null && lastYear !== null && (
                <line
                  className={`pipeline-run pipeline-run-${facility.status}`}
                  x1={markX}
                  x2={x(lastYear)}
                  y1={rowY}
                  y2={rowY}
                />
              )}
              {facility.startYearRange && (
                <rect
                  className="pipeline-start-range"
                  x={x(facility.startYearRange.low) - 6}
                  y={rowY - 7}
                  width={x(facility.startYearRange.high) - x(facility.startYearRange.low) + 12}
                  height={14}
                  rx={7}
                />
              )}
              <StatusGlyph status={facility.status} weak={facility.weak} x={markX} y={rowY} hatchId={constructionHatch} />
            </g>
          );
        })}

        <text className="pipeline-panel-title" x={frame.side} y={linesTop - 24}>
          {`Cumulative ex-China capacity against China (${unit})`}
        </text>
        {data.cumulative.length === 0 ? (
          <text className="pipeline-empty" x={frame.side} y={linesTop + 12}>
            No ex-China facility has a stated start year, so there is nothing to add up by year.
          </text>
        ) : (
          <>
            <g className="chart-grid">
              {yTicks.map((tick) => (
                <line key={tick} x1={plotLeft} x2={plotRight} y1={y(tick)} y2={y(tick)} />
              ))}
            </g>
            <g className="chart-axis">
              {yTicks.map((tick) => (
                <text key={tick} x={plotLeft - 10} y={y(tick)} textAnchor="end" dominantBaseline="central">
                  {formatTick(tick, axisMax)}
                </text>
              ))}
              <line className="axis-domain" x1={plotLeft} x2={plotRight} y1={linesBottom} y2={linesBottom} />
              {yearTicks.map((year) => (
                <text key={year} x={x(year)} y={linesBottom + 20} textAnchor="middle">
                  {year}
                </text>
              ))}
            </g>
            {china && (
              <g
                className={`chart-mark pipeline-china${china.weak ? ' gap-mark-weak' : ''}`}
                data-side="china"
                {...markProps(
                  {
                    heading: `${stage} · China · ${china.year}, held flat`,
                    lines: [
                      `Total: ${formatAmount(china.value, unit)}`,
                      ...(china.low !== china.high
                        ? [`Range: ${formatAmount(china.low, unit)}–${formatAmount(china.high, unit)}`]
                        : []),
                      'China’s own expansions are not projected',
                      ...carriedForwardLines([china], unit),
                    ],
                    evidence: describeEvidence(china),
                    claimIds: china.claimIds,
                  },
                  `${stage}: China ${formatAmount(china.value, unit)} in ${china.year}, held flat, ${describeEvidence(china)}`,
                )}
              >
                <rect className="mark-hit" x={plotLeft} y={y(china.value) - 8} width={plotRight - plotLeft} height={16} />
                {china.low !== china.high && (
                  <rect
                    className="pipeline-china-band"
                    x={plotLeft}
                    y={y(china.high)}
                    width={plotRight - plotLeft}
                    height={Math.max(1, y(china.low) - y(china.high))}
                  />
                )}
                <line className="pipeline-china-line" x1={plotLeft} x2={plotRight} y1={y(china.value)} y2={y(china.value)} />
                <circle
                  className={`mark-dot mark-china${china.weak ? ' mark-weak' : ''}`}
                  cx={plotLeft}
                  cy={y(china.value)}
                  r={china.weak ? 5.5 : 6}
                />
                <text className="pipeline-china-label" x={plotLeft + 12} y={y(china.value) - 10}>
                  {`China ${formatAmount(china.value, unit)} (${china.year}), held flat${china.weak ? ' · partly weak evidence' : ''}`}
                </text>
              </g>
            )}
            {layers.map((layer) => (
              <path key={layer} className={`pipeline-step pipeline-step-${layer}`} d={pathOf(layer) ?? ''} />
            ))}
            {finalStep &&
              layers.map((layer, index) => (
                <text
                  key={layer}
                  className="pipeline-end-label"
                  x={plotRight + 8}
                  y={endLabelYs[index]}
                  dominantBaseline="central"
                >
                  {`${layerWords[layer]}: ${formatTick(cumulativeOf(finalStep, layer), 0)}`}
                </text>
              ))}
            {data.cumulative.map((step) => {
              const evidence = stepEvidence(step);
              const info: MarkInfo = {
                heading: `${stage} · ex-China by ${step.year}`,
                lines: [
                  `Total: ${formatAmount(step.total.value, unit)}${ofChina(step.total.value)}`,
                  `Range: ${formatAmount(step.total.low, unit)}–${formatAmount(step.total.high, unit)}`,
                  `Operating ${formatTick(step.operating.value, 0)} · under construction ${formatTick(step.underConstruction.value, 0)} · planned ${formatTick(step.planned.value, 0)}`,
                  `${step.facilityIds.length} ${step.facilityIds.length === 1 ? 'facility' : 'facilities'}`,
                ],
                evidence: describeEvidence(evidence),
                claimIds: step.claimIds,
              };
              return (
                <g
                  key={step.year}
                  className={`chart-mark pipeline-total${evidence.weak ? ' gap-mark-weak' : ''}`}
                  data-year={step.year}
                  {...markProps(
                    info,
                    `${stage} ex-China by ${step.year}: ${formatAmount(step.total.value, unit)}, ${describeEvidence(evidence)}`,
                  )}
                >
                  <circle className="mark-hit" cx={x(step.year)} cy={y(step.total.value)} r={12} />
                  <circle
                    className={`mark-dot mark-ex-china${evidence.weak ? ' mark-weak' : ''}`}
                    cx={x(step.year)}
                    cy={y(step.total.value)}
                    r={5}
                  />
                </g>
              );
            })}
          </>
        )}
      </ChartFrame>
      {tooltip}
    </div>
  );
}
