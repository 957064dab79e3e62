import type { Credibility, Reliability, Vocabulary } from '../types';

/**
 * D–F and 4–6 are the grades an analyst should not lean on. They are drawn hollow, so weak evidence
 * is visible by shape as well as by letter, never by colour alone.
 */
export function isWeakGrade(reliability: Reliability, credibility: Credibility): boolean {
  return reliability >= 'D' || credibility >= 4;
}

/** The words behind an Admiralty pair, e.g. "C3 · Source: Fairly reliable · Claim: Possibly true". */
export function describeGrade(vocabulary: Vocabulary, reliability: Reliability, credibility: Credibility): string {
  return `${reliability}${credibility} · Source: ${vocabulary.reliability[reliability]} · Claim: ${vocabulary.credibility[credibility]}`;
}
