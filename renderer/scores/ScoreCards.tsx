import type { ScoreStage, StageScore, SupplyRiskResult } from '../../db/score/types';
import { formatShare, stageName, stageOrder } from '../charts/format';
import { formatScore, formatSr, isWideBand, srThreshold, bandPhrase } from '../charts/score-format';
import { groupedMissing, joinAnd, splitMethodTexts } from './score-words';

export type CardMode = 'weighted' | 'eu-sr' | 'both';

interface ScoreCardsProps {
  weighted: StageScore[];
  supplyRisk: SupplyRiskResult[];
  mode: CardMode;
  onOpenClaims: (claimIds: string[]) => void;
}

/** A small band bar: the scale as a track, the band as whiskers, the score as a dot; SR marks its threshold. */
function BandBar({
  score,
  low,
  high,
  max,
  threshold,
  label,
}: {
  score: number | null;
  low: number | null;
  high: number | null;
  max: number;
  threshold?: number;
  label: string;
}) {
  const width = 210;
  const pad = 8;
  const x = (value: number) => pad + (Math.min(Math.max(value, 0), max) / max) * (width - 2 * pad);
  const wide = isWideBand(low, high, threshold === undefined ? 'weighted' : 'eu-sr');
  return (
    <svg className="band-bar" width={width} height={30} viewBox={`0 0 ${width} 30`} role="img" aria-label={label}>
      <line className="band-bar-track" x1={pad} x2={width - pad} y1={15} y2={15} />
      {threshold !== undefined && <line className="band-bar-threshold" x1={x(threshold)} x2={x(threshold)} y1={4} y2={26} />}
      {score !== null && low !== null && high !== null && (
        <g className={wide ? 'band-bar-whisker band-bar-weak' : 'band-bar-whisker'}>
          <line x1={x(low)} x2={x(high)} y1={15} y2={15} />
          <line x1={x(low)} x2={x(low)} y1={9} y2={21} />
          <line x1={x(high)} x2={x(high)} y1={9} y2={21} />
        </g>
      )}
      {score !== null && (
        <circle className={wide ? 'band-bar-dot band-bar-dot-weak' : 'band-bar-dot'} cx={x(score)} cy={15} r={6} />
      )}
      <text className="band-bar-tick" x={pad} y={29} textAnchor="start">
        0
      </text>
      <text className="band-bar-tick" x={width - pad} y={29} textAnchor="end">
        {threshold === undefined ? '100' : formatSr(max)}
      </text>
    </svg>
  );
}

function MissingList({ missing }: { missing: string[] }) {
  if (missing.length === 0) return <p className="score-card-complete">Every input has a figure.</p>;
  return (
    <div className="score-card-missing">
      <h5>Missing ({missing.length})</h5>
      <ul>
        {groupedMissing(missing).map((group) => (
          <li key={group.labels.join()}>
            <strong>{joinAnd(group.labels)}</strong>
            {group.why && `: ${group.why}`}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The sentences of a method text that belong to this stage alone (the rest is said once above the cards). */
function OwnText({ sentences }: { sentences: string[] }) {
  return sentences.length > 0 ? <p className="score-card-text">{sentences.join(' ')}</p> : null;
}

function WeightedCard({ result, own }: { result: StageScore; own: string[] }) {
  const wide = isWideBand(result.low, result.high);
  return (
    <div className="score-card-method" data-method="weighted">
      <h4>Weighted factors</h4>
      <p className="score-card-figure">
        <strong>{formatScore(result.score)}</strong>
        <span className="score-card-of">{result.score === null ? 'no composite' : 'of 100'}</span>
        {result.score !== null && <span className="score-card-band">{bandPhrase(result.low, result.high)}</span>}
        {wide && <span className="factor-wide">wide band</span>}
      </p>
      <BandBar
        score={result.score}
        low={result.low}
        high={result.high}
        max={100}
        label={`Composite ${formatScore(result.score)} of 100, ${bandPhrase(result.low, result.high)}`}
      />
      <OwnText sentences={own} />
      <MissingList missing={result.missing} />
    </div>
  );
}

function SupplyRiskCard({
  result,
  own,
  onOpenClaims,
}: {
  result: SupplyRiskResult;
  own: string[];
  onOpenClaims: (claimIds: string[]) => void;
}) {
  const max = Math.max(2, Math.ceil((result.high ?? result.score ?? 0) + 0.5));
  const top = [...result.countries].sort((a, b) => b.contribution - a.contribution).slice(0, 5);
  return (
    <div className="score-card-method" data-method="eu-sr">
      <h4>EU supply risk</h4>
      <p className="score-card-figure">
        <strong>{formatSr(result.score)}</strong>
        <span className="score-card-of">SR</span>
        {result.score !== null && <span className="score-card-band">{bandPhrase(result.low, result.high, 'eu-sr')}</span>}
        {result.score !== null && (
          <span className={result.critical ? 'sr-verdict sr-verdict-critical' : 'sr-verdict'}>
            {result.critical ? `≥ ${srThreshold}: above the EU threshold` : `< ${srThreshold}: below the EU threshold`}
          </span>
        )}
      </p>
      <BandBar
        score={result.score}
        low={result.low}
        high={result.high}
        max={max}
        threshold={srThreshold}
        label={`Supply risk ${formatSr(result.score)}, ${bandPhrase(result.low, result.high, 'eu-sr')}, threshold ${srThreshold}`}
      />
      <p className="sr-threshold-note">Threshold: SR ≥ {srThreshold} (dashed line)</p>
      <p className="sr-formula">{result.formula}</p>
      {top.length > 0 && (
        <table className="sr-countries">
          <thead>
            <tr>
              <th scope="col">Country</th>
              <th scope="col" className="numeric">
                Share
              </th>
              <th scope="col" className="numeric" title="Governance 0–10, higher = weaker">
                Gov.
              </th>
              <th scope="col" className="numeric" title="Trade factor t (≥ 1 where export restrictions apply)">
                t
              </th>
              <th scope="col" className="numeric">
                Adds to SR
              </th>
            </tr>
          </thead>
          <tbody>
            {top.map((country) => {
              const claimIds = (country as { claimIds?: string[] }).claimIds ?? [];
              return (
                <tr key={country.country}>
                  <th scope="row">
                    {claimIds.length > 0 ? (
                      <button type="button" className="link-button" onClick={() => onOpenClaims(claimIds)}>
                        {country.country}
                      </button>
                    ) : (
                      country.country
                    )}
                  </th>
                  <td className="numeric">{formatShare(country.share)}</td>
                  <td className="numeric">{country.governance.toFixed(1)}</td>
                  <td className="numeric">{country.tradeFactor.toFixed(2)}</td>
                  <td className="numeric">{country.contribution.toFixed(3)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <OwnText sentences={own} />
      <MissingList missing={result.missing} />
    </div>
  );
}

/**
 * One card per stage with its number, its band as a bar with whiskers, the method in plain words
 * and what is missing; under the EU method the supply risk against its threshold of 1, with the
 * formula filled in. "Compare methods" sets both methods side by side in each card. HTML, so it
 * prints as it stands.
 */
export function ScoreCards({ weighted, supplyRisk, mode, onOpenClaims }: ScoreCardsProps) {
  const stages = stageOrder.filter(
    (stage) => weighted.some((s) => s.stage === stage) || supplyRisk.some((s) => s.stage === stage),
  );
  const weightedText = splitMethodTexts(weighted.map((s) => s.methodText));
  const srText = splitMethodTexts(supplyRisk.map((s) => s.methodText));
  const ownOf = (text: typeof weightedText, list: { stage: ScoreStage }[], stage: ScoreStage) =>
    text.own[list.findIndex((s) => s.stage === stage)] ?? [];
  const showWeighted = mode !== 'eu-sr' && weightedText.common.length > 0;
  const showSr = mode !== 'weighted' && srText.common.length > 0;
  return (
    <>
      {(showWeighted || showSr) && (
        <div className="score-cards-method">
          {showWeighted && (
            <p>
              <strong>Weighted factors.</strong> {weightedText.common.join(' ')}
            </p>
          )}
          {showSr && (
            <p>
              <strong>EU supply risk.</strong> {srText.common.join(' ')}
            </p>
          )}
        </div>
      )}
      <div className={`score-cards score-cards-${mode}`}>
        {stages.map((stage: ScoreStage) => {
          const w = weighted.find((s) => s.stage === stage);
          const sr = supplyRisk.find((s) => s.stage === stage);
          return (
            <article key={stage} className="score-card" data-stage={stage} aria-label={`${stageName(stage)} score`}>
              <h3>{stageName(stage)}</h3>
              <div className="score-card-body">
                {mode !== 'eu-sr' && w && <WeightedCard result={w} own={ownOf(weightedText, weighted, stage)} />}
                {mode !== 'weighted' && sr && (
                  <SupplyRiskCard result={sr} own={ownOf(srText, supplyRisk, stage)} onOpenClaims={onOpenClaims} />
                )}
              </div>
            </article>
          );
        })}
      </div>
    </>
  );
}
