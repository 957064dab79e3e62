import type { Reliability, Vocabulary } from '../types';

interface ReliabilityLabelProps {
  vocabulary: Vocabulary;
  reliability: Reliability;
  /** In a table cell the words are shortened by CSS; the full wording stays in the title. */
  compact?: boolean;
}

/**
 * The Admiralty letter with its standard wording beside it ("B Usually reliable"), never the letter
 * alone: D–F are drawn hollow like weak grades elsewhere, so weakness shows by shape, not colour.
 */
export function ReliabilityLabel({ vocabulary, reliability, compact = false }: ReliabilityLabelProps) {
  const words = vocabulary.reliability[reliability];
  return (
    <span className={compact ? 'reliability reliability-compact' : 'reliability'} title={`${reliability} · ${words}`}>
      <span className={reliability >= 'D' ? 'reliability-letter reliability-weak' : 'reliability-letter'}>{reliability}</span>
      <span className="reliability-words">{words}</span>
    </span>
  );
}
