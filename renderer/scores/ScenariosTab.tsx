import { useCallback, useRef, useState } from 'react';
import type { ScoreMethod } from '../../db/score/types';
import { bridge } from '../bridge';
import { chartMeta } from '../charts/chart-meta';
import { scoreChartTitles } from '../charts/score-format';
import { ScenarioComparison, type ComparisonPoint, type ComparisonSeries } from '../charts/ScenarioComparison';
import { useChartSources } from '../charts/useChartSources';
import { ErrorNotice } from '../common/ErrorNotice';
import { LoadingNotice } from '../common/LoadingNotice';
import { useLoadable } from '../common/useLoadable';
import { ExportButtons } from '../gap/ExportButtons';
import { ScenarioEditor } from './ScenarioEditor';
import { supplyRiskStages, weightedStages, type ScenarioRow } from './score-api';
import { describeAssessment } from './score-words';
import type { ScoresData } from './ScoresView';

interface ScenariosTabProps {
  data: ScoresData;
  /** Changes after any write, so the comparison is asked again. */
  reload: string;
  workspaceName: string | undefined;
  onOpenClaims: (claimIds: string[]) => void;
  onChanged: () => void;
}

/** The engine compares at most this many runs at once, the base included. */
const maxCompared = 8;

/** A line per scenario saying what it changes, for the list. */
function overridesInWords(scenario: ScenarioRow): string {
  const o = scenario.overrides;
  const parts = [
    ...(o.facilities?.length
      ? [`${o.facilities.length} hypothetical ${o.facilities.length === 1 ? 'facility' : 'facilities'}`]
      : []),
    ...(o.judged?.length ? [`${o.judged.length} judged ${o.judged.length === 1 ? 'score' : 'scores'}`] : []),
    ...(o.weights ? ['other weights'] : []),
    ...(o.rules && Object.keys(o.rules).length > 0 ? ['other inclusion rules'] : []),
    ...(o.governance?.length ? ['governance entries'] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : 'no overrides yet';
}

/** Scenarios against the base, stage by stage, and the editor that makes them. */
export function ScenariosTab({ data, reload, workspaceName, onOpenClaims, onChanged }: ScenariosTabProps) {
  const method: ScoreMethod = data.assessment.method;
  // Unticked scenarios, so a new one is compared as soon as it is made.
  const [hidden, setHidden] = useState<string[]>([]);
  const [editing, setEditing] = useState<ScenarioRow | 'new' | null>(null);
  const chartRef = useRef<HTMLDivElement>(null);
  const compared = data.scenarios.filter((s) => !hidden.includes(s.id)).slice(0, maxCompared - 1);
  const key = compared.map((s) => s.id).join(',');

  const load = useCallback(
    () => bridge().compareScenarios({ scenarioIds: ['base', ...(key ? key.split(',') : [])], method }),
    [key, method, reload], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const comparison = useLoadable(load);
  const baseStages = method === 'eu-sr' ? supplyRiskStages(data.supplyRisk) : weightedStages(data.weighted);
  const claimIdsOf = new Map(
    baseStages.map((stage) => [
      stage.stage,
      stage.method === 'weighted' ? stage.factors.flatMap((f) => f.claimIds) : stage.claimIds,
    ]),
  );
  const sources = useChartSources([...claimIdsOf.values()].flat());
  const value = comparison.value;
  const series: ComparisonSeries[] = (value?.columns ?? []).map((column) => ({
    key: column.id,
    label: column.id === 'base' ? 'Base assessment' : column.name,
    isBase: column.id === 'base',
  }));
  const points: ComparisonPoint[] = (value?.stages ?? []).flatMap((stage) =>
    stage.results.map((result) => ({
      stage: stage.stage,
      seriesKey: result.id,
      score: result.score,
      low: result.low,
      high: result.high,
      claimIds: claimIdsOf.get(stage.stage) ?? [],
    })),
  );
  const meta = chartMeta({
    title: scoreChartTitles.scenarios(method),
    subtitle: describeAssessment(data.assessment, method, ['scenarios apply their own overrides on top']),
    sources,
    ...(workspaceName ? { workspaceName } : {}),
  });

  return (
    <>
      <section className="gap-section" aria-label="Scenario comparison">
        <div className="gap-section-bar">
          <p className="scores-section-note">
            {data.scenarios.length === 0
              ? 'No scenario yet: make one below to see it against the base.'
              : `Base against ${compared.length} ${compared.length === 1 ? 'scenario' : 'scenarios'}, ${method === 'eu-sr' ? 'EU supply risk' : 'weighted score'}. Base claims are never changed.`}
          </p>
          <ExportButtons chartRef={chartRef} name="score-scenarios" />
        </div>
        {comparison.error ? (
          <ErrorNotice what="the scenario comparison" message={comparison.error} />
        ) : !value ? (
          <LoadingNotice what="scenario comparison" />
        ) : (
          <div ref={chartRef} className="gap-chart-slot">
            <ScenarioComparison
              stages={value.stages.map((s) => s.stage)}
              series={series}
              points={points}
              method={value.method}
              meta={meta}
              onOpenClaims={onOpenClaims}
            />
          </div>
        )}
      </section>
      <section className="scores-section" aria-label="Scenarios">
        <div className="scores-section-head">
          <h3>Scenarios</h3>
          {editing === null && (
            <button type="button" onClick={() => setEditing('new')}>
              New scenario
            </button>
          )}
        </div>
        {data.scenarios.length > 0 && (
          <ul className="scenario-list">
            {data.scenarios.map((scenario) => (
              <li key={scenario.id} data-scenario={scenario.id}>
                <label className="gap-check">
                  <input
                    type="checkbox"
                    checked={!hidden.includes(scenario.id)}
                    onChange={(event) =>
                      setHidden(event.target.checked ? hidden.filter((id) => id !== scenario.id) : [...hidden, scenario.id])
                    }
                  />
                  <span className="scenario-name">{scenario.name}</span>
                </label>
                <span className="scores-muted">{overridesInWords(scenario)}</span>
                {scenario.description && <span className="scenario-description">{scenario.description}</span>}
                <button type="button" className="link-button" onClick={() => setEditing(scenario)}>
                  Edit
                </button>
              </li>
            ))}
          </ul>
        )}
        {data.scenarios.length >= maxCompared && (
          <p className="scores-muted">At most {maxCompared - 1} scenarios are compared at once; untick some to see others.</p>
        )}
        {editing !== null && (
          <ScenarioEditor
            key={editing === 'new' ? 'new' : editing.id}
            assessmentId={data.assessment.id}
            presets={data.presets}
            scenario={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setEditing(null);
              setHidden(hidden.filter((id) => id !== saved.id));
              onChanged();
            }}
            onDeleted={() => {
              setEditing(null);
              onChanged();
            }}
          />
        )}
      </section>
    </>
  );
}
