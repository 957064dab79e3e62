import { useRef, useState } from 'react';
import type { FigureSuggestion } from '../../db/evidence/views';
import { bridge } from '../bridge';
import type { ClaimDraftPrefill } from '../claims/claim-draft';
import { formatNumber } from '../common/numbers';
import { locatorFor, statementFrom } from './locator';

interface ArchiveTextProps {
  sourceId: string;
  text: string;
  onCaptureClaim: (draft: ClaimDraftPrefill) => void;
}

interface Selection {
  excerpt: string;
  locator: string;
  /** Where the popover sits, relative to the viewer. */
  top: number;
  left: number;
  figures: FigureSuggestion[] | undefined;
}

/**
 * The copy as inert text: React puts it in a text node, so markup, scripts and remote images in a
 * saved page are shown as characters and never run or load. Selecting a passage offers a new claim.
 */
export function ArchiveText({ sourceId, text, onCaptureClaim }: ArchiveTextProps) {
  const viewer = useRef<HTMLDivElement>(null);
  const pre = useRef<HTMLPreElement>(null);
  const [selection, setSelection] = useState<Selection | undefined>(undefined);

  const readSelection = () => {
    const chosen = window.getSelection();
    const block = pre.current;
    const frame = viewer.current;
    if (!chosen || chosen.rangeCount === 0 || chosen.isCollapsed || !block || !frame) return setSelection(undefined);
    const range = chosen.getRangeAt(0);
    if (!block.contains(range.startContainer) || !block.contains(range.endContainer)) return setSelection(undefined);
    const excerpt = range.toString();
    if (!excerpt.trim()) return setSelection(undefined);
    const before = document.createRange();
    before.selectNodeContents(block);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    const box = range.getBoundingClientRect();
    const outer = frame.getBoundingClientRect();
    const next: Selection = {
      excerpt,
      locator: locatorFor(text, start, start + excerpt.length),
      top: box.bottom - outer.top + 6,
      left: Math.max(0, Math.min(box.left - outer.left, outer.width - 320)),
      figures: undefined,
    };
    setSelection(next);
    bridge()
      .suggestFigures({ text: excerpt.slice(0, 20000) })
      .then(
        (figures) => setSelection((s) => (s && s.excerpt === excerpt ? { ...s, figures } : s)),
        () => setSelection((s) => (s && s.excerpt === excerpt ? { ...s, figures: [] } : s)),
      );
  };

  const capture = () => {
    if (!selection) return;
    const figure = selection.figures?.[0];
    onCaptureClaim({
      statement: statementFrom(selection.excerpt),
      citations: [{ sourceId, excerpt: selection.excerpt.trim().slice(0, 4000), locator: selection.locator, stance: 'supports' }],
      ...(figure ? { value: figure.value, unit: figure.unit, ...(figure.metric ? { metric: figure.metric } : {}) } : {}),
    });
  };

  return (
    <div className="archive-viewer" ref={viewer}>
      <div className="archive-scroll">
        <pre
          className="archive-text"
          ref={pre}
          aria-label="Archived text"
          onMouseUp={readSelection}
          onKeyUp={(event) => event.shiftKey && readSelection()}
        >
          {text}
        </pre>
      </div>
      {selection && (
        <div
          className="capture-popover"
          role="dialog"
          aria-label="Selection"
          style={{ top: selection.top, left: selection.left }}
        >
          <p className="capture-locator">{selection.locator}</p>
          <div className="capture-figures">
            {selection.figures === undefined ? (
              <span className="muted">Reading figures…</span>
            ) : selection.figures.length === 0 ? (
              <span className="muted">No figure found in the selection.</span>
            ) : (
              <ul>
                {selection.figures.map((figure, index) => (
                  <li key={`${figure.matched}-${index}`}>
                    <span className="capture-matched">“{figure.matched}”</span>
                    <span aria-hidden="true"> → </span>
                    <span className="capture-figure">
                      {formatNumber(figure.value)} {figure.unit}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="capture-actions">
            <button type="button" className="primary-button" onMouseDown={(event) => event.preventDefault()} onClick={capture}>
              New claim from selection
            </button>
            <button type="button" onClick={() => setSelection(undefined)}>
              Dismiss
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
