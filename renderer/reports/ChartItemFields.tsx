import type { ChartItem } from '../../db/report/inputs';
import { stageName, stageOrder } from '../charts/format';
import { statusScopes, type StatusScope } from '../gap/rules';
import type { Reliability } from '../types';
import { chartKinds, chartNames, chartUses } from './item-words';
import { ReportField } from './ReportField';

interface ChartItemFieldsProps {
  item: ChartItem;
  onChange: (item: ChartItem) => void;
  reasonFor: (field: string) => string | null;
}

const reliabilities: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F'];
type Rules = NonNullable<ChartItem['rules']>;

/** Drops the settings a chart kind does not read, so the saved recipe says only what the chart shows. */
function forKind(item: ChartItem, chart: ChartItem['chart']): ChartItem {
  const uses = chartUses[chart];
  const { stage, metric, year, mode, rules } = item;
  return {
    kind: 'chart',
    chart,
    ...(uses.stage && stage ? { stage } : uses.stage === 'required' ? { stage: 'separation' } : {}),
    ...(uses.metric ? { metric: metric ?? 'capacity_t_per_yr' } : {}),
    ...(uses.year && year !== undefined ? { year } : {}),
    ...(uses.mode ? { mode: mode ?? 'absolute' } : {}),
    ...(rules ? { rules } : {}),
  };
}

function scopeOf(rules: Rules | undefined): StatusScope {
  const statuses = rules?.statuses ?? ['operating'];
  if (statuses.includes('planned')) return 'pipeline';
  if (statuses.includes('under_construction')) return 'construction';
  return 'operating';
}

/** Sets one inclusion rule; a rule back at the model's default is left out of the recipe. */
function withRule(rules: Rules | undefined, change: Partial<Rules>): Rules | undefined {
  const next: Partial<Rules> = { ...rules, ...change };
  if (next.minReliability === 'F') delete next.minReliability;
  if (next.excludeStateMediaOnly === false) delete next.excludeStateMediaOnly;
  if (next.statuses && next.statuses.length === 1 && next.statuses[0] === 'operating') delete next.statuses;
  return Object.keys(next).length > 0 ? next : undefined;
}

/** A chart item: which chart, the stage, metric, year and mode it reads, and the inclusion rules it is drawn under. */
export function ChartItemFields({ item, onChange, reasonFor }: ChartItemFieldsProps) {
  const uses = chartUses[item.chart];
  const set = (change: Partial<ChartItem>) => {
    const next = { ...item, ...change };
    for (const key of Object.keys(change) as (keyof ChartItem)[]) if (next[key] === undefined) delete next[key];
    onChange(next);
  };
  const setRules = (change: Partial<Rules>) => set({ rules: withRule(item.rules, change) });
  return (
    <div className="report-grid report-item-grid">
      <ReportField label="Chart" reason={reasonFor('chart')}>
        <select value={item.chart} onChange={(event) => onChange(forKind(item, event.target.value as ChartItem['chart']))}>
          {chartKinds.map((chart) => (
            <option key={chart} value={chart}>
              {chartNames[chart]}
            </option>
          ))}
        </select>
      </ReportField>
      {uses.stage && (
        <ReportField label="Stage" reason={reasonFor('stage')}>
          <select
            value={item.stage ?? ''}
            onChange={(event) => set({ stage: (event.target.value || undefined) as ChartItem['stage'] })}
          >
            {uses.stage === 'optional' && <option value="">The stage China leads</option>}
            {stageOrder.map((stage) => (
              <option key={stage} value={stage}>
                {stageName(stage)}
              </option>
            ))}
          </select>
        </ReportField>
      )}
      {uses.metric && (
        <ReportField label="Metric" reason={reasonFor('metric')}>
          <select
            value={item.metric ?? 'capacity_t_per_yr'}
            onChange={(event) => set({ metric: event.target.value as ChartItem['metric'] })}
          >
            <option value="capacity_t_per_yr">Capacity (t/yr)</option>
            <option value="production_t">Production (t)</option>
          </select>
        </ReportField>
      )}
      {uses.year && (
        <ReportField label="Year" reason={reasonFor('year')}>
          <input
            type="number"
            min={1900}
            max={2200}
            step={1}
            placeholder="latest with data"
            value={item.year ?? ''}
            aria-invalid={reasonFor('year') ? true : undefined}
            onChange={(event) => set({ year: event.target.value === '' ? undefined : Math.trunc(Number(event.target.value)) })}
          />
        </ReportField>
      )}
      {uses.mode && (
        <fieldset className="report-field">
          <legend className="report-field-label">Show</legend>
          <div className="gap-segmented" role="group" aria-label="Absolute or share">
            {(['absolute', 'share'] as const).map((mode) => (
              <button key={mode} type="button" aria-pressed={(item.mode ?? 'absolute') === mode} onClick={() => set({ mode })}>
                {mode === 'absolute' ? 'Absolute' : 'Share'}
              </button>
            ))}
          </div>
        </fieldset>
      )}
      <ReportField label="Sources graded at least" reason={reasonFor('rules.minReliability')}>
        <select
          value={item.rules?.minReliability ?? 'F'}
          onChange={(event) => setRules({ minReliability: event.target.value as Reliability })}
        >
          {reliabilities.map((grade) => (
            <option key={grade} value={grade}>
              {grade === 'F' ? 'Any grade (A–F)' : `A–${grade}`}
            </option>
          ))}
        </select>
      </ReportField>
      {item.chart !== 'pipeline' && (
        <ReportField label="Facilities counted" reason={reasonFor('rules.statuses')}>
          <select
            value={scopeOf(item.rules)}
            onChange={(event) => setRules({ statuses: statusScopes.find((s) => s.scope === event.target.value)!.statuses })}
          >
            {statusScopes.map((scope) => (
              <option key={scope.scope} value={scope.scope}>
                {scope.label}
              </option>
            ))}
          </select>
        </ReportField>
      )}
      <label className="report-check report-check-field">
        <input
          type="checkbox"
          checked={item.rules?.excludeStateMediaOnly ?? false}
          onChange={(event) => setRules({ excludeStateMediaOnly: event.target.checked })}
        />
        Leave out state-media-only claims
      </label>
    </div>
  );
}
