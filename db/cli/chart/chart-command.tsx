import { extname } from 'node:path';
import type { ReactElement } from 'react';
import type { ChartMeta } from '../../../renderer/charts/ChartFrame';
import { CompositionChart } from '../../../renderer/charts/CompositionChart';
import { chartMeta, chartTitles } from '../../../renderer/charts/chart-meta';
import { stageName } from '../../../renderer/charts/format';
import { GapTrendChart } from '../../../renderer/charts/GapTrendChart';
import { PipelineChart } from '../../../renderer/charts/PipelineChart';
import { StageGapChart, type GapMode } from '../../../renderer/charts/StageGapChart';
import { defaultRules, describeRules, unitOf, withPipelineStatuses } from '../../../renderer/gap/rules';
import { UserError } from '../../errors';
import { writeFileAtomically } from '../../export/export-file';
import type { GapResult, InclusionRules } from '../../model/types';
import { openWorkspaceReadOnly, type Workspace } from '../../workspace/open';
import { rulesFrom, runModelOperation, type Values } from '../gap';
import { describePipeline } from '../../../renderer/charts/pipeline-words';
import { describeTrend } from '../../../renderer/charts/trend-words';
import { compositionTakeaway, stageGapTakeaway } from './chart-takeaway';
import { chartSvg, svgToPng } from './render-file';

/**
 * `chokepoint chart`: one of the app's charts, drawn by the same component with the same words
 * (title, filters, sources, "as of"), written as SVG or as PNG at twice the size.
 */
export const chartKinds = ['stage-gap', 'gap-trend', 'composition', 'pipeline'] as const;
export type ChartKind = (typeof chartKinds)[number];

export interface ChartRequest {
  metric: 'capacity_t_per_yr' | 'production_t';
  year: number | undefined;
  mode: GapMode;
  rules: InclusionRules;
  stage: string | undefined;
}

function requestFrom(values: Values): ChartRequest {
  const metric = (values.metric ?? 'capacity_t_per_yr') as ChartRequest['metric'];
  const year = values.year === undefined ? undefined : Number(values.year);
  if (year !== undefined && !Number.isInteger(year)) throw new UserError('--year must be a year such as 2024.', 'year');
  const mode = values.mode ?? 'absolute';
  if (mode !== 'absolute' && mode !== 'share')
    throw new UserError(`--mode: "${String(mode)}" is not one of absolute, share.`, 'mode');
  return {
    metric,
    year,
    mode,
    rules: { ...defaultRules, ...(rulesFrom(values) as Partial<InclusionRules>) },
    stage: typeof values.stage === 'string' ? values.stage : undefined,
  };
}

const claimIdsOf = (results: GapResult[]) => [...new Set(results.flatMap((result) => result.claimIds))];

/** A chart drawn from the workspace: the app's component, its one-line takeaway and the claims behind it. */
export interface DrawnChart {
  element: ReactElement<{ meta: ChartMeta }>;
  takeaway: string;
  claimIds: string[];
}

export function drawChart(kind: ChartKind, workspace: Workspace, request: ChartRequest, workspaceName: string): DrawnChart {
  const { metric, year, mode, rules } = request;
  const claimIds: string[] = [];
  const chartSources = (ids: string[]) => {
    claimIds.push(...ids);
    return runModelOperation(workspace, 'getChartSources', { claimIds: ids });
  };
  const drawn = (element: ReactElement<{ meta: ChartMeta }>, takeaway: string): DrawnChart => ({
    element,
    takeaway,
    claimIds: [...new Set(claimIds)],
  });
  const quantity = metric === 'capacity_t_per_yr' ? 'Capacity' : 'Production';
  const meta = (title: string, results: GapResult[], forYear: number | null | 'all') =>
    chartMeta({
      title,
      subtitle: describeRules(metric, results[0]?.unit ?? unitOf(metric), forYear, rules),
      sources: chartSources(claimIdsOf(results)),
      workspaceName,
    });
  const ignoreClicks = () => undefined;

  if (kind === 'pipeline') {
    // As in the app: the pipeline counts every status, each drawn differently; the other rules apply.
    const pipeline = runModelOperation(workspace, 'getPipeline', {
      metric: 'capacity_t_per_yr',
      rules: withPipelineStatuses(rules),
    });
    const stage = request.stage
      ? pipeline.stages.find((p) => p.stage === request.stage)
      : (pipeline.stages.find((p) => p.china) ?? pipeline.stages[0]);
    if (!stage)
      throw new UserError(
        request.stage
          ? `No ex-China facility claims count in ${request.stage} under these rules.`
          : 'No stage has ex-China facility claims.',
        'stage',
      );
    return drawn(
      <PipelineChart
        data={stage}
        meta={chartMeta({
          title: chartTitles.pipeline(stageName(stage.stage)),
          subtitle: describeRules('capacity_t_per_yr', stage.unit, 'all', pipeline.rules),
          sources: chartSources([...stage.facilities.flatMap((f) => f.claimIds), ...(stage.china?.claimIds ?? [])]),
          workspaceName,
        })}
        onOpenClaims={ignoreClicks}
      />,
      describePipeline(stage).slice(0, 2).join(' '),
    );
  }

  if (kind === 'gap-trend') {
    if (!request.stage) throw new UserError('--stage is required for the gap-trend chart (e.g. --stage separation).', 'stage');
    const results = runModelOperation(workspace, 'getGapSeries', { stage: request.stage, metric, rules });
    if (results.length === 0)
      throw new UserError(
        `No year has counted figures for both China and ex-China in ${request.stage} under these rules.`,
        'stage',
      );
    const title = chartTitles.gapTrend(stageName(request.stage), mode);
    return drawn(
      <GapTrendChart results={results} mode={mode} meta={meta(title, results, 'all')} onOpenClaims={ignoreClicks} />,
      describeTrend(results, mode),
    );
  }

  const overview = runModelOperation(workspace, 'getStageOverview', { metric, rules, ...(year === undefined ? {} : { year }) });
  if (overview.stages.length === 0)
    throw new UserError(`No stage has ${quantity.toLowerCase()} figures for both China and ex-China under these rules.`, 'year');
  const forYear = overview.year;
  if (kind === 'composition')
    return drawn(
      <CompositionChart
        results={overview.stages}
        meta={meta(chartTitles.composition(), overview.stages, forYear)}
        onOpenClaims={ignoreClicks}
      />,
      compositionTakeaway(overview.stages),
    );
  return drawn(
    <StageGapChart
      results={overview.stages}
      mode={mode}
      quantity={quantity}
      meta={meta(chartTitles.stageGap(quantity), overview.stages, forYear)}
      onOpenClaims={ignoreClicks}
    />,
    stageGapTakeaway(overview.stages, quantity),
  );
}

export async function chartCommand(values: Values, out: (line: string) => void, workspaceFile: string): Promise<void> {
  const kind = values.chart as ChartKind;
  if (!chartKinds.includes(kind))
    throw new UserError(`--chart ${kind ? `"${String(kind)}" ` : ''}must be one of ${chartKinds.join(', ')}.`, 'chart');
  const target = values.out;
  const format = typeof target === 'string' ? extname(target).toLowerCase() : '';
  if (format !== '.svg' && format !== '.png') throw new UserError('--out must name a .svg or .png file.', 'out');
  const request = requestFrom(values);

  const workspace = openWorkspaceReadOnly(workspaceFile);
  let svg: string;
  try {
    const name = runModelOperation(workspace, 'getWorkspaceSummary', {}).name;
    svg = chartSvg(drawChart(kind, workspace, request, name).element);
  } finally {
    workspace.close();
  }
  writeFileAtomically(target as string, format === '.svg' ? svg : await svgToPng(svg, 2));
  out(`Wrote the ${kind} chart to ${target as string}.`);
}
