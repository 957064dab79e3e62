import { useCallback, useRef, useState } from 'react';
import type { WEIGHT_SWING } from '../../db/score/engine/sensitivity';
import type { FactorName, ScoreStage } from '../../db/score/types';
import { bridge } from '../bridge';
import { chartMeta } from '../charts/chart-meta';
import { stageName } from '../charts/format';
import { factorLabels, formatBand, formatWeight, scoreChartTitles } from '../charts/score-format';
import { SensitivityTornado, type TornadoBar } from '../charts/SensitivityTornado';
import { useChartSources } from '../charts/useChartSources';
import { ErrorNotice } from '../common/ErrorNotice';
import { LoadingNotice } from '../common/LoadingNotice';
import { useLoadable } from '../common/useLoadable';
import { ExportButtons } from '../gap/ExportButtons';
import { weightedStages } from './score-api';
import { describeAssessment } from './score-words';
import type { ScoresData } from './ScoresView';

interface SensitivityTabProps {
  data: ScoresData;
  /** Changes after any write, so the tornado is asked again. */
  reload: string;
  workspaceName: string | undefined;
  onOpenClaims: (claimIds: string[]) => void;
}

/** The engine's weight swing, each weight halved and raised by half; typed as its literal, so a change there fails here. */
const weightSwing: typeof WEIGHT_SWING = 0.5;

/** What moves one stage's composite: a stage picker and the tornado, with its rule in words. */
export function SensitivityTab({ data, reload, workspaceName, onOpenClaims }: SensitivityTabProps) {
  const stages = weightedStages(data.weighted);
  const scored = stages.filter((stage) => stage.score !== null);
  const [picked, setPicked] = useState<ScoreStage | null>(null);
  const stage = scored.find((s) => s.stage === picked) ?? scored.find((s) => s.stage === 'separation') ?? scored[0];
  const chartRef = useRef<HTMLDivElement>(null);

  const load = useCallback(
    () => (stage ? bridge().getSensitivity({ stage: stage.stage }) : Promise.resolve(null)),
    [stage?.stage, reload], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const sensitivity = useLoadable(load);
  const sources = useChartSources(stage ? stage.factors.flatMap((f) => f.claimIds) : []);

  if (!stage) return <p className="gap-empty">No stage has a composite yet: give its factors a score first.</p>;

  const weights = data.assessment.weights;
  const byName = new Map(stage.factors.map((f) => [f.name, f]));
  const bars: TornadoBar[] = (sensitivity.value?.bars ?? []).map((bar) => {
    const factor = byName.get(bar.name as FactorName);
    const weight = weights[bar.name as FactorName] ?? 0;
    return {
      key: `${bar.kind}-${bar.name}`,
      label: factorLabels[bar.name as FactorName] ?? bar.name,
      kind: bar.kind,
      atLow: bar.low,
      atHigh: bar.high,
      range:
        bar.kind === 'weight'
          ? `${formatWeight(weight * (1 - weightSwing))}–${formatWeight(weight * (1 + weightSwing))}`
          : formatBand(factor?.low ?? null, factor?.high ?? null),
      claimIds: factor?.claimIds ?? [],
    };
  });
  const meta = chartMeta({
    title: scoreChartTitles.tornado(stageName(stage.stage)),
    subtitle: describeAssessment(data.assessment, 'weighted'),
    sources,
    ...(workspaceName ? { workspaceName } : {}),
  });

  return (
    <section className="gap-section" aria-label="Sensitivity">
      <div className="gap-section-bar">
        <label className="gap-field">
          <span>Stage</span>
          <select value={stage.stage} onChange={(event) => setPicked(event.target.value as ScoreStage)}>
            {scored.map((s) => (
              <option key={s.stage} value={s.stage}>
                {stageName(s.stage)}
              </option>
            ))}
          </select>
        </label>
        <ExportButtons chartRef={chartRef} name={`score-tornado-${stage.stage}`} />
      </div>
      {sensitivity.error ? (
        <ErrorNotice what="the sensitivity" message={sensitivity.error} />
      ) : !sensitivity.value || sensitivity.value.stage !== stage.stage ? (
        <LoadingNotice what="sensitivity" />
      ) : (
        <div ref={chartRef} className="gap-chart-slot">
          <SensitivityTornado
            key={stage.stage}
            stageName={stageName(stage.stage)}
            base={sensitivity.value.base ?? stage.score ?? 0}
            bars={bars}
            method="weighted"
            meta={meta}
            onOpenClaims={onOpenClaims}
          />
        </div>
      )}
      {sensitivity.value && <p className="gap-omitted scores-rule">{sensitivity.value.methodText}</p>}
    </section>
  );
}
