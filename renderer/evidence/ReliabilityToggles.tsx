import './evidence.css';
import type { Reliability, Vocabulary } from '../types';

const grades: Reliability[] = ['A', 'B', 'C', 'D', 'E', 'F'];

interface ReliabilityTogglesProps {
  vocabulary: Vocabulary;
  selected: readonly Reliability[];
  onChange: (grades: Reliability[]) => void;
  /** Names the group when no visible label already does. */
  ariaLabel?: string;
}

/** The A–F source-reliability filter, one toggle per grade with its Admiralty wording on hover. */
export function ReliabilityToggles({ vocabulary, selected, onChange, ariaLabel }: ReliabilityTogglesProps) {
  const toggle = (grade: Reliability) =>
    onChange(selected.includes(grade) ? selected.filter((g) => g !== grade) : [...selected, grade].sort());
  return (
    <div className="grade-toggles" {...(ariaLabel ? { role: 'group', 'aria-label': ariaLabel } : {})}>
      {grades.map((grade) => (
        <button
          key={grade}
          type="button"
          aria-pressed={selected.includes(grade)}
          title={`${grade}: ${vocabulary.reliability[grade]}`}
          onClick={() => toggle(grade)}
        >
          {grade}
        </button>
      ))}
    </div>
  );
}
