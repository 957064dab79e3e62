import type { ReportItem } from '../../db/report/inputs';
import type { ConflictGroup, Vocabulary } from '../types';
import { ChartItemFields } from './ChartItemFields';
import { ClaimsItemFields } from './ClaimsItemFields';
import { methodNames } from './item-words';
import { ReportField } from './ReportField';

interface ItemFieldsProps {
  item: ReportItem;
  vocabulary: Vocabulary;
  countries: readonly string[];
  conflicts: readonly ConflictGroup[] | undefined;
  onChange: (item: ReportItem) => void;
  /** The refusal naming a field of this item (its path inside the item), or null. */
  reasonFor: (field: string) => string | null;
}

/** The settings of one report item, by its kind. */
export function ItemFields({ item, vocabulary, countries, conflicts, onChange, reasonFor }: ItemFieldsProps) {
  switch (item.kind) {
    case 'chart':
      return <ChartItemFields item={item} onChange={onChange} reasonFor={reasonFor} />;
    case 'claims':
      return (
        <ClaimsItemFields item={item} vocabulary={vocabulary} countries={countries} onChange={onChange} reasonFor={reasonFor} />
      );
    case 'scores':
      return (
        <div className="report-grid report-item-grid">
          <ReportField label="Method" reason={reasonFor('method')}>
            <select
              value={item.method ?? 'weighted'}
              onChange={(event) => onChange({ ...item, method: event.target.value as 'weighted' | 'eu-sr' })}
            >
              {Object.entries(methodNames).map(([method, label]) => (
                <option key={method} value={method}>
                  {label}
                </option>
              ))}
            </select>
          </ReportField>
          <p className="report-item-note">
            One card per stage under the workspace&rsquo;s assessment, with its band and the factors behind it.
          </p>
        </div>
      );
    case 'conflict': {
      const known = conflicts?.some((group) => group.key === item.groupId);
      return (
        <div className="report-grid report-item-grid">
          <ReportField
            label="Conflict group"
            reason={reasonFor('groupId')}
            wide
            hint="Every figure side by side, with the spread and the preferred claim if one is chosen."
          >
            <select
              value={item.groupId}
              aria-invalid={reasonFor('groupId') ? true : undefined}
              onChange={(event) => onChange({ ...item, groupId: event.target.value })}
            >
              {!item.groupId && <option value="">Choose a conflict group…</option>}
              {item.groupId && conflicts && !known && (
                <option value={item.groupId}>{item.groupId} (no longer in conflict)</option>
              )}
              {conflicts?.map((group) => (
                <option key={group.key} value={group.key}>
                  {group.subject} · {group.claims.length} figures · spread {Math.round(group.spread * 100)}%
                </option>
              ))}
            </select>
          </ReportField>
          {conflicts?.length === 0 && <p className="report-item-note">The workspace has no conflicting figures.</p>}
        </div>
      );
    }
    case 'narrative':
      return (
        <div className="report-grid report-item-grid">
          <ReportField
            label="Text (Markdown)"
            reason={reasonFor('markdown')}
            wide
            hint={
              <>
                # headings, *emphasis*, **strong**, - lists and 1. numbered lists. Raw HTML and images are shown as text; a link
                prints its address instead of opening it.
              </>
            }
          >
            <textarea
              rows={6}
              className="report-markdown"
              value={item.markdown}
              aria-invalid={reasonFor('markdown') ? true : undefined}
              placeholder={'## Why it matters\nChina separates most of the world’s rare earths…'}
              onChange={(event) => onChange({ ...item, markdown: event.target.value })}
            />
          </ReportField>
        </div>
      );
  }
}
