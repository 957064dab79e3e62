import type { Stage, Vocabulary } from '../types';

interface StageFilterProps {
  vocabulary: Vocabulary;
  stage: Stage | undefined;
  onChange: (stage: Stage | undefined) => void;
}

/** One button per stage of the chain, in chain order, plus "All stages". */
export function StageFilter({ vocabulary, stage, onChange }: StageFilterProps) {
  const stages = Object.keys(vocabulary.stages) as Stage[];
  return (
    <div className="stage-filter" role="group" aria-label="Stage">
      <button type="button" aria-pressed={stage === undefined} onClick={() => onChange(undefined)}>
        All stages
      </button>
      {stages.map((key) => (
        <button key={key} type="button" aria-pressed={stage === key} onClick={() => onChange(key)}>
          {vocabulary.stages[key]}
        </button>
      ))}
    </div>
  );
}
