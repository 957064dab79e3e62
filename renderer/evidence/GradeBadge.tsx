import type { Credibility, Reliability, Vocabulary } from '../types';
import { describeGrade, isWeakGrade } from './grades';
import './evidence.css';

interface GradeBadgeProps {
  vocabulary: Vocabulary;
  /** The citing source's reliability, A–F. */
  reliability: Reliability;
  /** The claim's credibility, 1–6. */
  credibility: Credibility;
}

/** The Admiralty pair ("B2") drawn the same way in every view, with its wording on hover. */
export function GradeBadge({ vocabulary, reliability, credibility }: GradeBadgeProps) {
  const words = describeGrade(vocabulary, reliability, credibility);
  return (
    <abbr className={isWeakGrade(reliability, credibility) ? 'grade grade-weak' : 'grade'} title={words} aria-label={words}>
      {reliability}
      {credibility}
    </abbr>
  );
}

/** A source's reliability letter alone (no claim to pair it with), drawn like the pair. */
export function ReliabilityBadge({ vocabulary, reliability }: { vocabulary: Vocabulary; reliability: Reliability }) {
  const words = `${reliability} · Source: ${vocabulary.reliability[reliability]}`;
  return (
    <abbr
      className={reliability >= 'D' ? 'grade grade-letter grade-weak' : 'grade grade-letter'}
      title={words}
      aria-label={words}
    >
      {reliability}
    </abbr>
  );
}
