import { useEffect, useRef } from 'react';
import type { ReportItem } from '../../db/report/inputs';
import type { ConflictGroup, Vocabulary } from '../types';
import { describeItem, itemKindNames, itemKinds } from './item-words';
import { ItemFields } from './ItemFields';
import { moved, newItem, type DraftItem } from './report-draft';

interface ItemListProps {
  items: DraftItem[];
  vocabulary: Vocabulary;
  countries: readonly string[];
  conflicts: readonly ConflictGroup[] | undefined;
  readOnly: boolean;
  onChange: (items: DraftItem[]) => void;
  /** The refusal naming a field of item `index`, e.g. reasonFor(2, 'markdown'); '' for the item as a whole. */
  reasonFor: (index: number, field: string) => string | null;
}

/**
 * The report's items in reading order. Moving an item keeps keyboard focus on the button pressed, in
 * the item's new place, so an analyst can press "Move up" several times without reaching for the mouse.
 */
export function ItemList({ items, vocabulary, countries, conflicts, readOnly, onChange, reasonFor }: ItemListProps) {
  const list = useRef<HTMLOListElement>(null);
  // Where focus goes once the parent has re-rendered the list: a ref, as it is a command for the DOM, not state to draw.
  const pendingFocus = useRef<{ key: string; control: 'up' | 'down' | 'item' } | null>(null);
  const setFocus = (focus: { key: string; control: 'up' | 'down' | 'item' }) => {
    pendingFocus.current = focus;
  };

  useEffect(() => {
    const focus = pendingFocus.current;
    if (!focus) return;
    const item = list.current?.querySelector<HTMLElement>(`[data-item-key="${focus.key}"]`);
    if (!item) return;
    pendingFocus.current = null;
    // At the top or bottom the pressed button is disabled: the other move button keeps the keyboard in the item's controls.
    const other = focus.control === 'up' ? 'down' : focus.control === 'down' ? 'up' : 'item';
    const target = [focus.control, other, 'item']
      .map((control) => item.querySelector<HTMLElement>(`[data-control="${control}"]:not(:disabled)`))
      .find(Boolean);
    target?.focus();
  });

  const change = (index: number, item: ReportItem) =>
    onChange(items.map((old, i) => (i === index ? { ...item, key: old.key } : old)));
  const move = (index: number, by: -1 | 1) => {
    onChange(moved(items, index, by));
    setFocus({ key: items[index]!.key, control: by < 0 ? 'up' : 'down' });
  };
  const remove = (index: number) => {
    const next = items.filter((_, i) => i !== index);
    onChange(next);
    const neighbour = next[Math.min(index, next.length - 1)];
    if (neighbour) setFocus({ key: neighbour.key, control: 'item' });
  };
  const add = (kind: ReportItem['kind']) => {
    const item = newItem(kind, conflicts?.[0]?.key);
    onChange([...items, item]);
    setFocus({ key: item.key, control: 'item' });
  };

  return (
    <section className="report-section report-items" aria-label="Items">
      <h3 className="report-section-title">Items, in reading order</h3>
      {items.length === 0 && (
        <p className="report-item-note">
          No items yet. Add a chart, score cards, a claims table, a conflict or a narrative below.
        </p>
      )}
      <ol className="report-item-list" ref={list}>
        {items.map((item, index) => {
          const label = `Item ${index + 1}: ${describeItem(item)}`;
          return (
            <li key={item.key} className="report-item" data-item-key={item.key} data-kind={item.kind}>
              <div className="report-item-head">
                <h4 tabIndex={-1} data-control="item" aria-label={label}>
                  <span className="report-item-number">{index + 1}</span>
                  {describeItem(item)}
                </h4>
                {!readOnly && (
                  <div className="report-item-actions">
                    <button
                      type="button"
                      data-control="up"
                      aria-label={`Move item ${index + 1} up`}
                      title="Move up"
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      data-control="down"
                      aria-label={`Move item ${index + 1} down`}
                      title="Move down"
                      disabled={index === items.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="danger-quiet"
                      aria-label={`Remove item ${index + 1}`}
                      title="Remove"
                      onClick={() => remove(index)}
                    >
                      Remove
                    </button>
                  </div>
                )}
              </div>
              {reasonFor(index, '') && (
                <p className="field-error" role="alert">
                  {reasonFor(index, '')}
                </p>
              )}
              <ItemFields
                item={item}
                vocabulary={vocabulary}
                countries={countries}
                conflicts={conflicts}
                onChange={(next) => change(index, next)}
                reasonFor={(field) => reasonFor(index, field)}
              />
            </li>
          );
        })}
      </ol>
      {!readOnly && (
        <div className="report-add" role="group" aria-label="Add an item">
          <span className="report-field-label">Add</span>
          {itemKinds.map((kind) => (
            <button key={kind} type="button" onClick={() => add(kind)}>
              + {itemKindNames[kind]}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
