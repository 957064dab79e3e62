import { useCallback, useEffect, useState } from 'react';
import { bridge } from '../bridge';
import { useLoadable } from '../common/useLoadable';
import { ReliabilityBadge } from '../evidence/GradeBadge';
import type { SourceListRow, Vocabulary } from '../types';

interface SourcePickerProps {
  vocabulary: Vocabulary;
  /** Sources already cited, left out of the choices. */
  exclude: string[];
  onPick: (source: SourceListRow) => void;
  invalid?: boolean;
}

/** Finds a source by words in its title or publisher and adds it as a citation. */
export function SourcePicker({ vocabulary, exclude, onPick, invalid }: SourcePickerProps) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 150);
    return () => clearTimeout(timer);
  }, [text]);
  const load = useCallback(() => bridge().listSources({ limit: 8, ...(search ? { search } : {}) }), [search]);
  const sources = useLoadable(load);
  const [open, setOpen] = useState(false);
  const choices = (sources.value?.rows ?? []).filter((source) => !exclude.includes(source.id));
  return (
    <div className="source-picker">
      <input
        type="search"
        aria-label="Find a source to cite"
        aria-invalid={invalid || undefined}
        placeholder="Add a source: type words from its title or publisher…"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
      />
      {open && (
        <ul className="source-choices" aria-label="Sources">
          {choices.length === 0 && (
            <li className="source-choice-none">{sources.loading ? 'Searching…' : 'No source matches.'}</li>
          )}
          {choices.map((source) => (
            <li key={source.id}>
              <button
                type="button"
                className="source-choice"
                onClick={() => {
                  onPick(source);
                  setText('');
                  setOpen(false);
                }}
              >
                <ReliabilityBadge vocabulary={vocabulary} reliability={source.reliability} />
                <span className="source-choice-title">{source.title}</span>
                <span className="source-choice-meta">
                  {[source.publisher, vocabulary.publisherTypes[source.publisherType], source.published]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
