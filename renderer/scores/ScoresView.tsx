import { useCallback, useState } from 'react';
import type { ScoreMethod } from '../../db/score/types';
import { bridge } from '../bridge';
import { ErrorNotice } from '../common/ErrorNotice';
import { messageOf } from '../common/errors';
import { LoadingNotice } from '../common/LoadingNotice';
import { useLoadable } from '../common/useLoadable';
import type { Vocabulary } from '../types';
import { InputsTab } from './InputsTab';
import { OverviewTab } from './OverviewTab';
import { ScenariosTab } from './ScenariosTab';
import { SensitivityTab } from './SensitivityTab';
import type { WeightPreset } from './presets';
import { SnapshotsTab } from './SnapshotsTab';
import {
  supplyRiskStages,
  weightedStages,
  type AssessmentData,
  type ScenarioRow,
  type ScoreReport,
  type SnapshotRow,
} from './score-api';
import { methodNames } from '../charts/score-format';
import '../gap/gap.css';
import './scores.css';

interface ScoresViewProps {
  vocabulary: Vocabulary;
  revision: number;
  workspaceName: string | undefined;
  onOpenClaims: (claimIds: string[]) => void;
}

export interface ScoresData {
  assessment: AssessmentData;
  weighted: ScoreReport;
  supplyRisk: ScoreReport;
  scenarios: ScenarioRow[];
  snapshots: SnapshotRow[];
  presets: readonly WeightPreset[];
}

type Tab = 'overview' | 'sensitivity' | 'scenarios' | 'snapshots' | 'inputs';

const tabs: { tab: Tab; label: string }[] = [
  { tab: 'overview', label: 'Overview' },
  { tab: 'sensitivity', label: 'Sensitivity' },
  { tab: 'scenarios', label: 'Scenarios' },
  { tab: 'snapshots', label: 'Snapshots and trend' },
  { tab: 'inputs', label: 'Weights and inputs' },
];

/**
 * Risk scores per stage, for an analyst who must defend each one: the heatmap of factors with the
 * rationale and claims behind any cell, the stage cards with their bands and the method in words,
 * what moves each score (tornado), scenarios against the base, the trend across snapshots, and the
 * inputs themselves (weights, judged scores, the EU method's country table).
 */
export function ScoresView({ vocabulary, revision, workspaceName, onOpenClaims }: ScoresViewProps) {
  const [tab, setTab] = useState<Tab>('overview');
  // Goes up after every write made here; the app's revision covers changes to claims.
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const [methodError, setMethodError] = useState<string | null>(null);
  const [snapshotAuthor, setSnapshotAuthor] = useState('');

  const load = useCallback(async (): Promise<ScoresData> => {
    const api = bridge();
    const [assessment, weighted, supplyRisk, scenarios, snapshots] = await Promise.all([
      api.getAssessment(),
      api.getScores({ method: 'weighted' }),
      api.getScores({ method: 'eu-sr' }),
      api.listScenarios(),
      api.listSnapshots(),
    ]);
    return { assessment, weighted, supplyRisk, scenarios, snapshots, presets: vocabulary.weightPresets };
  }, [revision, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const data = useLoadable(load);
  const value = data.value;

  const setMethod = async (method: ScoreMethod) => {
    if (!value || value.assessment.method === method) return;
    try {
      await bridge().saveAssessment({ id: value.assessment.id, method });
      setMethodError(null);
      changed();
    } catch (failure) {
      setMethodError(messageOf(failure));
    }
  };

  return (
    <div className="gap-view scores-view">
      <div className="scores-toolbar">
        <h2 className="gap-heading">Risk scores by stage</h2>
        {value && (
          <div className="gap-field" role="group" aria-label="Method">
            <span>Method of the assessment</span>
            <div className="gap-segmented">
              {(['weighted', 'eu-sr'] as const).map((method) => (
                <button
                  key={method}
                  type="button"
                  aria-pressed={value.assessment.method === method}
                  onClick={() => void setMethod(method)}
                >
                  {methodNames[method]}
                </button>
              ))}
            </div>
          </div>
        )}
        {value && <span className="scores-assessment">{value.assessment.name}</span>}
        {methodError && (
          <span className="field-error" role="alert">
            {methodError}
          </span>
        )}
      </div>
      <div className="scores-tabs" role="tablist" aria-label="Scores">
        {tabs.map((item) => (
          <button
            key={item.tab}
            type="button"
            role="tab"
            className="scores-tab"
            aria-selected={tab === item.tab}
            onClick={() => setTab(item.tab)}
          >
            {item.label}
          </button>
        ))}
      </div>
      {data.error && !value ? (
        <ErrorNotice what="the risk scores" message={data.error} />
      ) : !value ? (
        <LoadingNotice what="risk scores" />
      ) : (
        <div className="scores-body" role="tabpanel" aria-label={tabs.find((t) => t.tab === tab)?.label} aria-busy={data.loading}>
          {data.error && <ErrorNotice what="the risk scores" message={data.error} />}
          {tab === 'overview' && (
            <OverviewTab
              vocabulary={vocabulary}
              data={value}
              weighted={weightedStages(value.weighted)}
              supplyRisk={supplyRiskStages(value.supplyRisk)}
              workspaceName={workspaceName}
              onOpenClaims={onOpenClaims}
              onChanged={changed}
            />
          )}
          {tab === 'sensitivity' && (
            <SensitivityTab
              data={value}
              reload={`${revision}.${version}`}
              workspaceName={workspaceName}
              onOpenClaims={onOpenClaims}
            />
          )}
          {tab === 'scenarios' && (
            <ScenariosTab
              data={value}
              reload={`${revision}.${version}`}
              workspaceName={workspaceName}
              onOpenClaims={onOpenClaims}
              onChanged={changed}
            />
          )}
          {tab === 'snapshots' && (
            <SnapshotsTab
              data={value}
              author={snapshotAuthor}
              onAuthor={setSnapshotAuthor}
              workspaceName={workspaceName}
              onOpenClaims={onOpenClaims}
              onChanged={changed}
            />
          )}
          {tab === 'inputs' && <InputsTab data={value} onOpenClaims={onOpenClaims} onChanged={changed} />}
        </div>
      )}
    </div>
  );
}
