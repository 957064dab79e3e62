import { useCallback, useEffect, useState } from 'react';
import { bridge } from '../bridge';
import { useLoadable } from '../common/useLoadable';

interface ClaimIdPickerProps {
  claimIds: string[];
  onChange: (claimIds: string[]) => void;
  onOpenClaims: (claimIds: string[]) => void;
  invalid?: boolean;
}

/**
 * The claims a judged score rests on: each linked claim as a chip (its id opens it), and a search
 * over the workspace's claims to link another.
 */
export function ClaimIdPicker({ claimIds, onChange, onOpenClaims, invalid }: ClaimIdPickerProps) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 150);
    return () => clearTimeout(timer);
  }, [text]);
  const load = useCallback(
    () => (search ? bridge().listClaims({ limit: 8, search, sort: 'relevance' }) : Promise.resolve(null)),
    [search],
  );
  const found = useLoadable(load);
  const choices = (found.value?.rows ?? []).filter((claim) => !claimIds.includes(claim.id));
  return (
    <div className="claim-id-picker">
      {claimIds.length > 0 ? (
        <ul className="claim-chips" aria-label="Linked claims">
          {claimIds.map((id) => (
            <li key={id} className="claim-chip">
              <button type="button" className="gap-link" onClick={() => onOpenClaims([id])} title="Open this claim">
                {id}
              </button>
              <button
                type="button"
                className="icon-button claim-chip-remove"
                aria-label={`Unlink ${id}`}
                onClick={() => onChange(claimIds.filter((other) => other !== id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="scores-muted">No claim linked yet: the band is then ±25, the widest.</p>
      )}
      <input
        type="search"
        aria-label="Find a claim to link"
        aria-invalid={invalid || undefined}
        placeholder="Link a claim: type words from its statement…"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setOpen(false);
        }}
      />
      {open && search && (
        <ul className="claim-choices" aria-label="Claims found">
          {choices.length === 0 && <li className="claim-choice-none">{found.loading ? 'Searching…' : 'No claim matches.'}</li>}
          {choices.map((claim) => (
            <li key={claim.id}>
              <button
                type="button"
                className="claim-choice"
                onClick={() => {
                  onChange([...claimIds, claim.id]);
                  setText('');
                  setOpen(false);
                }}
              >
                <span className="claim-choice-id">{claim.id}</span>
                <span className="claim-choice-statement">{claim.statement}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
