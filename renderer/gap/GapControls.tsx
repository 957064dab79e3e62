import type { InclusionRules } from '../../db/model/types';
import type { GapMode } from '../charts/StageGapChart';
import type { Reliability, Vocabulary } from '../types';
import type { GapMetric } from './gap-api';
import { scopeOf, statusScopes, type StatusScope } from './rules';

const reliabilities: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F'];
const credibilities = [1, 2, 3, 4, 5, 6] as const;

interface GapControlsProps {
  vocabulary: Vocabulary;
  metric: GapMetric;
  onMetric: (metric: GapMetric) => void;
  year: number | null;
  years: number[];
  onYear: (year: number | null) => void;
  mode: GapMode;
  onMode: (mode: GapMode) => void;
  rules: InclusionRules;
  onRules: (rules: InclusionRules) => void;
}

/** What the charts count, always on screen above them: the metric, the year and the inclusion rules. */
export function GapControls(props: GapControlsProps) {
  const { vocabulary, rules, onRules } = props;
  return (
    <div className="gap-controls">
      <div className="gap-control-row">
        <label className="gap-field">
          <span>Metric</span>
          <select value={props.metric} onChange={(event) => props.onMetric(event.target.value as GapMetric)}>
            <option value="capacity_t_per_yr">Capacity (t/yr)</option>
            <option value="production_t">Production (t)</option>
          </select>
        </label>
        <label className="gap-field">
          <span>Year</span>
          <select
            value={props.year === null ? 'latest' : String(props.year)}
            onChange={(event) => props.onYear(event.target.value === 'latest' ? null : Number(event.target.value))}
          >
            <option value="latest">Latest with data</option>
            {props.years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </label>
        <div className="gap-field" role="group" aria-label="Scale">
          <span>Scale</span>
          <div className="gap-segmented">
            <button type="button" aria-pressed={props.mode === 'absolute'} onClick={() => props.onMode('absolute')}>
              Absolute
            </button>
            <button type="button" aria-pressed={props.mode === 'share'} onClick={() => props.onMode('share')}>
              Share
            </button>
          </div>
        </div>
      </div>
      <fieldset className="gap-rules">
        <legend>Inclusion rules</legend>
        <label className="gap-field">
          <span>Min. source reliability</span>
          <select
            value={rules.minReliability}
            onChange={(event) => onRules({ ...rules, minReliability: event.target.value as Reliability })}
          >
            {reliabilities.map((grade) => (
              <option key={grade} value={grade}>
                {grade === 'F' ? 'Any (A–F)' : `${grade} or better · ${vocabulary.reliability[grade]}`}
              </option>
            ))}
          </select>
        </label>
        <label className="gap-field">
          <span>Min. claim credibility</span>
          <select
            value={rules.minCredibility}
            onChange={(event) => onRules({ ...rules, minCredibility: Number(event.target.value) })}
          >
            {credibilities.map((grade) => (
              <option key={grade} value={grade}>
                {grade === 6 ? 'Any (1–6)' : `${grade} or better · ${vocabulary.credibility[grade]}`}
              </option>
            ))}
          </select>
        </label>
        <label className="gap-check">
          <input
            type="checkbox"
            checked={rules.excludeStateMediaOnly}
            onChange={(event) => onRules({ ...rules, excludeStateMediaOnly: event.target.checked })}
          />
          Exclude state-media-only claims
        </label>
        <label className="gap-field">
          <span>Facilities that count</span>
          <select
            value={scopeOf(rules)}
            onChange={(event) =>
              onRules({
                ...rules,
                statuses: statusScopes.find((s) => s.scope === (event.target.value as StatusScope))?.statuses ?? ['operating'],
              })
            }
          >
            {statusScopes.map((s) => (
              <option key={s.scope} value={s.scope}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
    </div>
  );
}
