import { useRef, useState } from 'react';
import type { StageScore, SupplyRiskResult } from '../../db/score/types';
import { chartMeta } from '../charts/chart-meta';
import { scoreChartTitles } from '../charts/score-format';
import { ScoreHeatmap, type HeatmapCell } from '../charts/ScoreHeatmap';
import { useChartSources } from '../charts/useChartSources';
import { ExportButtons } from '../gap/ExportButtons';
import type { Vocabulary } from '../types';
import { FactorDetail } from './FactorDetail';
import { ScoreCards, type CardMode } from './ScoreCards';
import { describeAssessment } from './score-words';
import type { ScoresData } from './ScoresView';

interface OverviewTabProps {
  vocabulary: Vocabulary;
  data: ScoresData;
  weighted: StageScore[];
  supplyRisk: SupplyRiskResult[];
  workspaceName: string | undefined;
  onOpenClaims: (claimIds: string[]) => void;
  onChanged: () => void;
}

/** The heatmap with the detail of the chosen cell beside it, the stage cards, and the method in words. */
export function OverviewTab({
  vocabulary,
  data,
  weighted,
  supplyRisk,
  workspaceName,
  onOpenClaims,
  onChanged,
}: OverviewTabProps) {
  const [cell, setCell] = useState<HeatmapCell | null>(null);
  const [compare, setCompare] = useState(false);
  const heatmapRef = useRef<HTMLDivElement>(null);
  const { assessment } = data;
  const method = assessment.method;
  const sources = useChartSources(weighted.flatMap((stage) => stage.factors.flatMap((f) => f.claimIds)));
  const meta = chartMeta({
    title: scoreChartTitles.heatmap('weighted'),
    subtitle: describeAssessment(assessment, 'weighted'),
    sources,
    ...(workspaceName ? { workspaceName } : {}),
  });
  const selectedStage = cell ? weighted.find((stage) => stage.stage === cell.stage) : undefined;
  const mode: CardMode = compare ? 'both' : method;

  return (
    <>
      <section className="gap-section" aria-label="Risk heatmap">
        <div className="gap-section-bar">
          <p className="scores-section-note">
            {method === 'eu-sr'
              ? 'The assessment uses the EU supply-risk method (cards below); the heatmap shows the weighted method’s factors behind each stage.'
              : 'Click a cell (or focus it and press Enter) for its rationale, basis, band rule and claims.'}
          </p>
          <ExportButtons chartRef={heatmapRef} name="score-heatmap" />
        </div>
        <div className={`scores-heatmap-layout${cell && selectedStage ? ' with-detail' : ''}`}>
          <div ref={heatmapRef} className="gap-chart-slot">
            <ScoreHeatmap
              stages={weighted}
              weights={assessment.weights}
              meta={meta}
              selected={cell}
              onSelectCell={setCell}
              onOpenClaims={onOpenClaims}
            />
          </div>
          {cell && selectedStage && (
            <FactorDetail
              key={`${cell.stage}-${cell.factor}`}
              vocabulary={vocabulary}
              cell={cell}
              stage={selectedStage}
              assessment={assessment}
              onOpenClaims={onOpenClaims}
              onChanged={onChanged}
              onClose={() => setCell(null)}
            />
          )}
        </div>
      </section>
      <section className="scores-section scores-cards-section" aria-label="Stage score cards">
        <div className="scores-section-head">
          <h3>Stage scores</h3>
          <label className="gap-check">
            <input type="checkbox" checked={compare} onChange={(event) => setCompare(event.target.checked)} />
            Compare methods
          </label>
        </div>
        <ScoreCards weighted={weighted} supplyRisk={supplyRisk} mode={mode} onOpenClaims={onOpenClaims} />
      </section>
      <MethodNote />
    </>
  );
}

/** How to read the numbers, beside them: the scale, the band and its marks, and the EU formula. */
function MethodNote() {
  return (
    <section className="gap-method scores-method" aria-label="Method">
      <div>
        <h3>Reading the scores</h3>
        <ul className="gap-notes">
          <li>
            Every score runs 0–100, higher meaning more supply risk; n/a means the evidence gives no figure, and the factor drops
            out.
          </li>
          <li>
            The band carries the evidence: a computed factor takes the capacity figures&apos; band; a judged one is ±5 with an A
            or B source behind it, up to ±25 with no linked claim, and 5 wider when a claim rests on state media alone or is
            contested.
          </li>
          <li>A band wider than 30 points is drawn hatched (heatmap) or hollow (other charts): treat that number as weak.</li>
        </ul>
      </div>
      <div>
        <h3>EU supply risk</h3>
        <ul className="gap-notes">
          <li>
            SR = HHI<sub>WGI,t</sub> × (1 − end-of-life recycling input rate) × substitution index, with HHI<sub>WGI,t</sub> = Σ
            (country share)² × governance × trade factor.
          </li>
          <li>
            Governance is 0–10 (higher = weaker), entered per country; the trade factor is above 1 where export restrictions
            apply.
          </li>
          <li>
            SR ≥ 1 crosses the EU threshold. Simplified from the EU criticality methodology: global supply only, per stage,
            economic importance not assessed.
          </li>
        </ul>
      </div>
    </section>
  );
}
