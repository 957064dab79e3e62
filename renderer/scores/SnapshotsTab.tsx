import { useRef } from 'react';
import type { ScoreReport } from '../../db/score/types';
import { chartMeta } from '../charts/chart-meta';
import { stageOrder } from '../charts/format';
import { scoreChartTitles } from '../charts/score-format';
import { ScoreTrend, type TrendPoint, type TrendSnapshot } from '../charts/ScoreTrend';
import { useChartSources } from '../charts/useChartSources';
import { ExportButtons } from '../gap/ExportButtons';
import { describeAssessment } from './score-words';
import type { ScoresData } from './ScoresView';
import { snapshotAxis, snapshotLabels } from './snapshot-labels';
import { SnapshotPanel } from './SnapshotPanel';

interface SnapshotsTabProps {
  data: ScoresData;
  author: string;
  onAuthor: (author: string) => void;
  workspaceName: string | undefined;
  onOpenClaims: (claimIds: string[]) => void;
  onChanged: () => void;
}

/** The trend across saved snapshots (those taken under the assessment's present method) and the snapshot list with its diff. */
export function SnapshotsTab({ data, author, onAuthor, workspaceName, onOpenClaims, onChanged }: SnapshotsTabProps) {
  const chartRef = useRef<HTMLDivElement>(null);
  const method = data.assessment.method;
  const oldestFirst = [...data.snapshots].sort((a, b) => a.takenAt.localeCompare(b.takenAt));
  const labels = snapshotLabels(oldestFirst);
  const drawn = oldestFirst.filter((s) => s.method === method);
  const left = oldestFirst.length - drawn.length;
  const axis = snapshotAxis(drawn);
  const snapshots: TrendSnapshot[] = drawn.map((s) => ({
    id: s.id,
    label: labels.get(s.id) ?? s.takenAt,
    axisLabel: axis.labels.get(s.id) ?? s.takenAt,
    author: s.author,
    note: s.note,
  }));
  const points: TrendPoint[] = drawn.flatMap((s) =>
    ((s.results as ScoreReport | undefined)?.stages ?? []).map((stage) => ({
      snapshotId: s.id,
      stage: stage.stage,
      score: stage.score,
      low: stage.low,
      high: stage.high,
      claimIds: stage.method === 'weighted' ? [...new Set(stage.factors.flatMap((f) => f.claimIds))] : stage.claimIds,
    })),
  );
  const sources = useChartSources(points.flatMap((p) => p.claimIds));
  const meta = chartMeta({
    title: scoreChartTitles.trend(method),
    subtitle: describeAssessment(data.assessment, method, [`${drawn.length} snapshots`]),
    sources,
    ...(workspaceName ? { workspaceName } : {}),
  });

  return (
    <>
      <section className="gap-section" aria-label="Trend across snapshots">
        <div className="gap-section-bar">
          <p className="scores-section-note">
            {drawn.length === 0
              ? 'No snapshot under this method yet: take one below, and another later, to see the trend.'
              : `Each stage's ${method === 'eu-sr' ? 'supply risk' : 'composite'} at each snapshot${left > 0 ? `; ${left} taken under the other method ${left === 1 ? 'is' : 'are'} left out` : ''}. The subtitle gives today's settings; each snapshot keeps its own.`}
          </p>
          <ExportButtons chartRef={chartRef} name="score-trend" />
        </div>
        {drawn.length > 0 && (
          <div ref={chartRef} className="gap-chart-slot">
            <ScoreTrend
              stages={[...stageOrder]}
              snapshots={snapshots}
              points={points}
              method={method}
              axisTitle={axis.title}
              meta={meta}
              onOpenClaims={onOpenClaims}
            />
          </div>
        )}
      </section>
      <section className="scores-section" aria-label="Snapshots">
        <div className="scores-section-head">
          <h3>Snapshots</h3>
        </div>
        <SnapshotPanel
          snapshots={data.snapshots}
          author={author}
          onAuthor={onAuthor}
          labels={labels}
          onTaken={onChanged}
          onOpenClaims={onOpenClaims}
        />
      </section>
    </>
  );
}
