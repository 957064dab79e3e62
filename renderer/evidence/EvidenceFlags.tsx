import type { EvidenceStatus, Vocabulary } from '../types';
import './evidence.css';

interface Flag {
  key: 'corroborated' | 'single' | 'unsupported' | 'state-media' | 'contested';
  label: string;
  rule: string;
}

/** The flags an evidence status raises, strongest first, each with the rule behind it in words. */
export function evidenceFlags(vocabulary: Vocabulary, evidence: EvidenceStatus): Flag[] {
  const rules = vocabulary.evidenceRules;
  const origins = `${evidence.independentOrigins} independent origin${evidence.independentOrigins === 1 ? '' : 's'}. ${rules.independentOrigins}`;
  const flags: Flag[] = [];
  if (evidence.corroborated)
    flags.push({ key: 'corroborated', label: 'Corroborated', rule: `${rules.corroborated}\n${origins}` });
  else if (evidence.independentOrigins === 0)
    flags.push({
      key: 'unsupported',
      label: 'No support',
      rule: `No cited source supports the claim.\n${rules.independentOrigins}`,
    });
  else flags.push({ key: 'single', label: 'Single source', rule: `${rules.singleSource}\n${origins}` });
  if (evidence.stateMediaOnly) flags.push({ key: 'state-media', label: 'State-media only', rule: rules.stateMediaOnly });
  if (evidence.contested)
    flags.push({
      key: 'contested',
      label: 'Contested',
      rule: [rules.contested, ...evidence.contestedBecause.map((why) => `• ${why}`)].join('\n'),
    });
  return flags;
}

/**
 * The evidence flags as small badges, drawn the same way in every view: strong evidence solid, weak
 * evidence hollow (single source), hatched (state-media only) or heavy-edged (contested), so the
 * difference shows in shape and pattern, never by colour alone. The rule is on hover.
 */
export function EvidenceFlags({ vocabulary, evidence }: { vocabulary: Vocabulary; evidence: EvidenceStatus }) {
  return (
    <span className="evidence-flags">
      {evidenceFlags(vocabulary, evidence).map((flag) => (
        <span key={flag.key} className={`flag flag-${flag.key}`} title={flag.rule} data-flag={flag.key}>
          {flag.label}
        </span>
      ))}
    </span>
  );
}

/** The same flags with their rules written out, for the detail panel. */
export function EvidenceRules({ vocabulary, evidence }: { vocabulary: Vocabulary; evidence: EvidenceStatus }) {
  return (
    <dl className="evidence-rules">
      {evidenceFlags(vocabulary, evidence).map((flag) => (
        <div key={flag.key} className="evidence-rule">
          <dt>
            <span className={`flag flag-${flag.key}`} data-flag={flag.key}>
              {flag.label}
            </span>
          </dt>
          <dd>
            {flag.rule.split('\n').map((line) => (
              <span key={line} className="evidence-rule-line">
                {line}
              </span>
            ))}
          </dd>
        </div>
      ))}
    </dl>
  );
}
