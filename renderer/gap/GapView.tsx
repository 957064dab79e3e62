import { useCallback, useMemo, useRef, useState } from 'react';
import type { PipelineResult } from '../../db/model/pipeline';
import type { GapResult, InclusionRules } from '../../db/model/types';
import { chartMeta, chartTitles } from '../charts/chart-meta';
import { CompositionChart } from '../charts/CompositionChart';
import { stageName, stageOrder } from '../charts/format';
import { GapTrendChart } from '../charts/GapTrendChart';
import { PipelineChart } from '../charts/PipelineChart';
import { StageGapChart, type GapMode } from '../charts/StageGapChart';
import { useChartSources } from '../charts/useChartSources';
import { ErrorNotice } from '../common/ErrorNotice';
import { LoadingNotice } from '../common/LoadingNotice';
import { useLoadable } from '../common/useLoadable';
import type { Vocabulary } from '../types';
import { ExportButtons } from './ExportButtons';
import { GapControls } from './GapControls';
import { bridge } from '../bridge';
import type { GapMetric, StageOverview } from './gap-api';
import { MethodNote } from './MethodNote';
import { defaultRules, describeRules, unitOf, withPipelineStatuses } from './rules';
import './gap.css';

interface GapViewProps {
  vocabulary: Vocabulary;
  revision: number;
  workspaceName: string | undefined;
  onOpenClaims: (claimIds: string[]) => void;
}

interface GapData {
  /** What the figures were computed for, so the charts' words match their numbers while a newer answer loads. */
  metric: GapMetric;
  rules: InclusionRules;
  overview: StageOverview;
  /** Every stage's results by year, for the trend and the year picker. */
  series: Record<string, GapResult[]>;
  /** Capacity only, whatever the metric: plants not yet built have no production. */
  pipeline: PipelineResult;
}

/** China against ex-China, stage by stage: the overview, one stage over time, and who holds each stage. */
export function GapView({ vocabulary, revision, workspaceName, onOpenClaims }: GapViewProps) {
  const [metric, setMetric] = useState<GapMetric>('capacity_t_per_yr');
  const [year, setYear] = useState<number | null>(null);
  const [mode, setMode] = useState<GapMode>('absolute');
  const [rules, setRules] = useState<InclusionRules>(defaultRules);
  const [trendStage, setTrendStage] = useState<string | null>(null);
  const [pipelineStage, setPipelineStage] = useState<string | null>(null);

  const load = useCallback(async (): Promise<GapData> => {
    const api = bridge();
    const [overview, pipeline, ...series] = await Promise.all([
      api.getStageOverview({ metric, rules, ...(year === null ? {} : { year }) }),
      api.getPipeline({ metric: 'capacity_t_per_yr', rules: withPipelineStatuses(rules) }),
      ...stageOrder.map((stage) => api.getGapSeries({ stage, metric, rules })),
    ]);
    return {
      metric,
      rules,
      overview,
      pipeline,
      series: Object.fromEntries(stageOrder.map((stage, index) => [stage, series[index] ?? []])),
    };
  }, [metric, year, rules, revision]); // eslint-disable-line react-hooks/exhaustive-deps
  const data = useLoadable(load);

  const overviewRef = useRef<HTMLDivElement>(null);
  const trendRef = useRef<HTMLDivElement>(null);
  const compositionRef = useRef<HTMLDivElement>(null);
  const pipelineRef = useRef<HTMLDivElement>(null);

  const value = data.value;
  const years = useMemo(
    () => [...new Set(Object.values(value?.series ?? {}).flatMap((results) => results.map((r) => r.year)))].sort((a, b) => b - a),
    [value],
  );
  const stagesWithSeries = stageOrder.filter((stage) => (value?.series[stage]?.length ?? 0) > 0);
  const shownTrendStage =
    trendStage && stagesWithSeries.includes(trendStage as (typeof stageOrder)[number]) ? trendStage : stagesWithSeries[0];
  const shownMetric = value?.metric ?? metric;
  const unit = value?.overview.stages[0]?.unit ?? unitOf(shownMetric);
  const quantity = shownMetric === 'capacity_t_per_yr' ? 'Capacity' : 'Production';
  const pipelineStages = value?.pipeline.stages ?? [];
  // First shown: the first stage with both facilities and a China line to measure them against.
  const shownPipeline =
    pipelineStages.find((p) => p.stage === pipelineStage) ?? pipelineStages.find((p) => p.china) ?? pipelineStages[0];

  // Each chart names the sources of the claims it draws, and dates its data by the newest of them.
  const overviewSources = useChartSources(value?.overview.stages.flatMap((result) => result.claimIds) ?? []);
  const trendSources = useChartSources(
    shownTrendStage ? (value?.series[shownTrendStage] ?? []).flatMap((result) => result.claimIds) : [],
  );
  const pipelineSources = useChartSources(
    shownPipeline ? [...shownPipeline.facilities.flatMap((f) => f.claimIds), ...(shownPipeline.china?.claimIds ?? [])] : [],
  );
  const subtitle = (forYear: number | null | 'all') => describeRules(shownMetric, unit, forYear, value?.rules ?? rules);
  const meta = (title: string, words: string, sources: typeof overviewSources) =>
    chartMeta({ title, subtitle: words, sources, ...(workspaceName ? { workspaceName } : {}) });

  return (
    <div className="gap-view">
      <div className="gap-toolbar">
        <h2 className="gap-heading">China vs ex-China gap</h2>
        <GapControls
          vocabulary={vocabulary}
          metric={metric}
          onMetric={setMetric}
          year={year}
          years={years}
          onYear={setYear}
          mode={mode}
          onMode={setMode}
          rules={rules}
          onRules={setRules}
        />
      </div>
      {data.error && !value ? (
        <ErrorNotice what="the gap model" message={data.error} />
      ) : !value ? (
        <LoadingNotice what="gap model" />
      ) : (
        <div className="gap-body" aria-busy={data.loading}>
          {data.error && <ErrorNotice what="the gap model" message={data.error} />}
          <section className="gap-section" aria-label="Stage gap overview">
            <ExportButtons chartRef={overviewRef} name="stage-gap" />
            <div ref={overviewRef} className="gap-chart-slot">
              {value.overview.stages.length === 0 ? (
                <p className="gap-empty">No stage has {quantity.toLowerCase()} figures that pass these rules.</p>
              ) : (
                <StageGapChart
                  results={value.overview.stages}
                  mode={mode}
                  quantity={quantity}
                  meta={meta(chartTitles.stageGap(quantity), subtitle(value.overview.year), overviewSources)}
                  onOpenClaims={onOpenClaims}
                />
              )}
            </div>
            {value.overview.omitted.length > 0 && (
              <p className="gap-omitted">
                Not shown:{' '}
                {value.overview.omitted.map((o, i) => (
                  <span key={o.stage}>
                    {i > 0 && '; '}
                    {o.stage[0]!.toUpperCase() + o.stage.slice(1)} ({o.reason})
                  </span>
                ))}
                . A share needs figures for both China and ex-China.
              </p>
            )}
          </section>
          {shownTrendStage && (
            <section className="gap-section" aria-label="Gap over time">
              <div className="gap-section-bar">
                <label className="gap-field">
                  <span>Stage over time</span>
                  <select value={shownTrendStage} onChange={(event) => setTrendStage(event.target.value)}>
                    {stagesWithSeries.map((stage) => (
                      <option key={stage} value={stage}>
                        {stageName(stage)}
                      </option>
                    ))}
                  </select>
                </label>
                <ExportButtons chartRef={trendRef} name={`gap-trend-${shownTrendStage}`} />
              </div>
              <div ref={trendRef} className="gap-chart-slot">
                <GapTrendChart
                  results={value.series[shownTrendStage] ?? []}
                  mode={mode}
                  meta={meta(chartTitles.gapTrend(stageName(shownTrendStage), mode), subtitle('all'), trendSources)}
                  onOpenClaims={onOpenClaims}
                />
              </div>
            </section>
          )}
          {value.overview.stages.length > 0 && (
            <section className="gap-section" aria-label="Value-chain composition">
              <ExportButtons chartRef={compositionRef} name="composition" />
              <div ref={compositionRef} className="gap-chart-slot">
                <CompositionChart
                  results={value.overview.stages}
                  meta={meta(chartTitles.composition(), subtitle(value.overview.year), overviewSources)}
                  onOpenClaims={onOpenClaims}
                />
              </div>
            </section>
          )}
          {shownPipeline && (
            <section className="gap-section" aria-label="Ex-China pipeline">
              <div className="gap-section-bar">
                <label className="gap-field">
                  <span>Pipeline stage</span>
                  <select value={shownPipeline.stage} onChange={(event) => setPipelineStage(event.target.value)}>
                    {pipelineStages.map((p) => (
                      <option key={p.stage} value={p.stage}>
                        {stageName(p.stage)}
                      </option>
                    ))}
                  </select>
                </label>
                <ExportButtons chartRef={pipelineRef} name={`pipeline-${shownPipeline.stage}`} />
              </div>
              <div ref={pipelineRef} className="gap-chart-slot">
                {/* Keyed by stage: a tooltip must not outlive the mark it describes when the stage changes. */}
                <PipelineChart
                  key={shownPipeline.stage}
                  data={shownPipeline}
                  meta={meta(
                    chartTitles.pipeline(stageName(shownPipeline.stage)),
                    describeRules('capacity_t_per_yr', shownPipeline.unit, 'all', value.pipeline.rules),
                    pipelineSources,
                  )}
                  onOpenClaims={onOpenClaims}
                />
              </div>
              <ul className="gap-notes gap-omitted">
                {shownPipeline.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            </section>
          )}
          <MethodNote results={value.overview.stages} onOpenClaims={onOpenClaims} />
        </div>
      )}
    </div>
  );
}
