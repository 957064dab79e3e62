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

/** What figures were computed for, so the charts' words match their numbers while a newer answer loads. */
interface Computed<T> {
  metric: GapMetric;
  rules: InclusionRules;
  figures: T;
}

/** Every stage's results by year, for the trend and the year picker. */
type SeriesByStage = Record<string, GapResult[]>;

/** China against ex-China, stage by stage: the overview, one stage over time, and who holds each stage. */
export function GapView({ vocabulary, revision, workspaceName, onOpenClaims }: GapViewProps) {
  const [metric, setMetric] = useState<GapMetric>('capacity_t_per_yr');
  const [year, setYear] = useState<number | null>(null);
  const [mode, setMode] = useState<GapMode>('absolute');
  const [rules, setRules] = useState<InclusionRules>(defaultRules);
  const [trendStage, setTrendStage] = useState<string | null>(null);
  const [pipelineStage, setPipelineStage] = useState<string | null>(null);

  // Three requests, each drawn as it arrives. The overview is asked alone and painted first; the
  // series (five stages by every year) and the pipeline are asked once it has its answer, so they
  // cannot queue in front of it (a host answering several connections picks any order). In a large
  // workspace the series take the longest, and the overview need not wait for them.
  const overviewAnswered = useRef<Promise<unknown>>(Promise.resolve());
  const loadOverview = useCallback((): Promise<Computed<StageOverview>> => {
    const answer = bridge()
      .getStageOverview({ metric, rules, ...(year === null ? {} : { year }) })
      .then((figures) => ({ metric, rules, figures }));
    overviewAnswered.current = answer.catch(() => undefined);
    return answer;
  }, [metric, year, rules, revision]); // eslint-disable-line react-hooks/exhaustive-deps
  const loadSeries = useCallback(async (): Promise<Computed<SeriesByStage>> => {
    await overviewAnswered.current;
    const api = bridge();
    const series = await Promise.all(stageOrder.map((stage) => api.getGapSeries({ stage, metric, rules })));
    return {
      metric,
      rules,
      figures: Object.fromEntries(stageOrder.map((stage, index) => [stage, series[index] ?? []])),
    };
  }, [metric, rules, revision]); // eslint-disable-line react-hooks/exhaustive-deps
  // Capacity only, whatever the metric: plants not yet built have no production.
  const loadPipeline = useCallback(async (): Promise<PipelineResult> => {
    await overviewAnswered.current;
    return bridge().getPipeline({ metric: 'capacity_t_per_yr', rules: withPipelineStatuses(rules) });
  }, [rules, revision]); // eslint-disable-line react-hooks/exhaustive-deps
  const overviewData = useLoadable(loadOverview);
  const seriesData = useLoadable(loadSeries);
  const pipelineData = useLoadable(loadPipeline);

  const overviewRef = useRef<HTMLDivElement>(null);
  const trendRef = useRef<HTMLDivElement>(null);
  const compositionRef = useRef<HTMLDivElement>(null);
  const pipelineRef = useRef<HTMLDivElement>(null);

  const value = overviewData.value;
  const series = seriesData.value?.figures;
  const years = useMemo(
    () => [...new Set(Object.values(series ?? {}).flatMap((results) => results.map((r) => r.year)))].sort((a, b) => b - a),
    [series],
  );
  const stagesWithSeries = stageOrder.filter((stage) => (series?.[stage]?.length ?? 0) > 0);
  const shownTrendStage =
    trendStage && stagesWithSeries.includes(trendStage as (typeof stageOrder)[number]) ? trendStage : stagesWithSeries[0];
  const shownMetric = value?.metric ?? metric;
  const unit = value?.figures.stages[0]?.unit ?? unitOf(shownMetric);
  const quantity = shownMetric === 'capacity_t_per_yr' ? 'Capacity' : 'Production';
  const pipelineStages = pipelineData.value?.stages ?? [];
  // First shown: the first stage with both facilities and a China line to measure them against.
  const shownPipeline =
    pipelineStages.find((p) => p.stage === pipelineStage) ?? pipelineStages.find((p) => p.china) ?? pipelineStages[0];
  const loading = overviewData.loading || seriesData.loading || pipelineData.loading;
  const laterError = seriesData.error ?? pipelineData.error;

  // Each chart names the sources of the claims it draws, and dates its data by the newest of them.
  const overviewSources = useChartSources(value?.figures.stages.flatMap((result) => result.claimIds) ?? []);
  const trendSources = useChartSources(
    shownTrendStage ? (series?.[shownTrendStage] ?? []).flatMap((result) => result.claimIds) : [],
  );
  const pipelineSources = useChartSources(
    shownPipeline ? [...shownPipeline.facilities.flatMap((f) => f.claimIds), ...(shownPipeline.china?.claimIds ?? [])] : [],
  );
  const subtitle = (forYear: number | null | 'all', computedFor: InclusionRules | undefined = value?.rules) =>
    describeRules(shownMetric, unit, forYear, computedFor ?? rules);
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
      {overviewData.error && !value ? (
        <ErrorNotice what="the gap model" message={overviewData.error} />
      ) : !value ? (
        <LoadingNotice what="gap model" />
      ) : (
        <div className="gap-body" aria-busy={loading}>
          {(overviewData.error ?? laterError) && (
            <ErrorNotice what="the gap model" message={(overviewData.error ?? laterError)!} />
          )}
          <section className="gap-section" aria-label="Stage gap overview">
            <ExportButtons chartRef={overviewRef} name="stage-gap" />
            <div ref={overviewRef} className="gap-chart-slot">
              {value.figures.stages.length === 0 ? (
                <p className="gap-empty">No stage has {quantity.toLowerCase()} figures that pass these rules.</p>
              ) : (
                <StageGapChart
                  results={value.figures.stages}
                  mode={mode}
                  quantity={quantity}
                  meta={meta(chartTitles.stageGap(quantity), subtitle(value.figures.year), overviewSources)}
                  onOpenClaims={onOpenClaims}
                />
              )}
            </div>
            {value.figures.omitted.length > 0 && (
              <p className="gap-omitted">
                Not shown:{' '}
                {value.figures.omitted.map((o, i) => (
                  <span key={o.stage}>
                    {i > 0 && '; '}
                    {o.stage[0]!.toUpperCase() + o.stage.slice(1)} ({o.reason})
                  </span>
                ))}
                . A share needs figures for both China and ex-China.
              </p>
            )}
          </section>
          {!series && (
            <section className="gap-section" aria-label="Gap over time">
              <LoadingNotice what="gap over time" />
            </section>
          )}
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
                  results={series?.[shownTrendStage] ?? []}
                  mode={mode}
                  meta={meta(
                    chartTitles.gapTrend(stageName(shownTrendStage), mode),
                    subtitle('all', seriesData.value?.rules),
                    trendSources,
                  )}
                  onOpenClaims={onOpenClaims}
                />
              </div>
            </section>
          )}
          {value.figures.stages.length > 0 && (
            <section className="gap-section" aria-label="Value-chain composition">
              <ExportButtons chartRef={compositionRef} name="composition" />
              <div ref={compositionRef} className="gap-chart-slot">
                <CompositionChart
                  results={value.figures.stages}
                  meta={meta(chartTitles.composition(), subtitle(value.figures.year), overviewSources)}
                  onOpenClaims={onOpenClaims}
                />
              </div>
            </section>
          )}
          {!pipelineData.value && (
            <section className="gap-section" aria-label="Ex-China pipeline">
              <LoadingNotice what="ex-China pipeline" />
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
                    describeRules('capacity_t_per_yr', shownPipeline.unit, 'all', pipelineData.value!.rules),
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
          <MethodNote results={value.figures.stages} onOpenClaims={onOpenClaims} />
        </div>
      )}
    </div>
  );
}
