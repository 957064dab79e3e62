import type { ScoreReport, StageScore, SupplyRiskResult } from '../score/types';
import { escapeHtml } from './markdown';

/** Risk scores as cards: one table per stage with its band, its factors and the method in words. */
const whole = (n: number | null) => (n === null ? '—' : String(Math.round(n)));
const two = (n: number | null) => (n === null ? '—' : n.toFixed(2));
const percent = (n: number) => `${Math.round(n * 1000) / 10}%`;
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function weightedCard(stage: StageScore): string {
  const rows = stage.factors.map(
    (f) =>
      `<tr><td>${escapeHtml(f.label)}${f.kind === 'judged' ? ' <span class="flag">Judged</span>' : ''}</td><td class="num">${whole(f.score)}</td><td class="num">${whole(f.low)}–${whole(f.high)}</td><td class="num">${percent(f.weight)}</td><td>${escapeHtml(f.basis)}</td></tr>`,
  );
  return `<div class="score-card">
<h3>${escapeHtml(capitalised(stage.stage))}: <span class="score">${whole(stage.score)}</span> <span class="band">band ${whole(stage.low)}–${whole(stage.high)} of 100</span></h3>
<table class="factors"><thead><tr><th>Factor</th><th class="num">Score</th><th class="num">Band</th><th class="num">Weight</th><th>Rests on</th></tr></thead><tbody>${rows.join('')}</tbody></table>
${stage.missing.length > 0 ? `<p class="missing">No figure for: ${escapeHtml(stage.missing.join('; '))}</p>` : ''}
<p class="method">${escapeHtml(stage.methodText)}</p>
</div>`;
}

function supplyRiskCard(stage: SupplyRiskResult): string {
  const rows = stage.countries.map(
    (c) =>
      `<tr><td>${escapeHtml(c.country)}</td><td class="num">${percent(c.share)}</td><td class="num">${two(c.governance)}</td><td class="num">${two(c.contribution)}</td></tr>`,
  );
  return `<div class="score-card">
<h3>${escapeHtml(capitalised(stage.stage))}: <span class="score">SR ${two(stage.score)}</span> <span class="band">band ${two(stage.low)}–${two(stage.high)}${stage.critical ? ' · above the EU threshold of 1' : ''}</span></h3>
<table class="factors"><thead><tr><th>Country</th><th class="num">Share</th><th class="num">Governance</th><th class="num">Contribution</th></tr></thead><tbody>${rows.join('')}</tbody></table>
<p class="method">${escapeHtml(stage.formula)}</p>
<p class="method">${escapeHtml(stage.methodText)}</p>
</div>`;
}

export function scoreCards(report: ScoreReport): string {
  return `<div class="score-cards">${report.stages.map((s) => (s.method === 'eu-sr' ? supplyRiskCard(s) : weightedCard(s))).join('\n')}</div>`;
}

export function scoreClaimIds(report: ScoreReport): string[] {
  return report.stages.flatMap((s) =>
    s.method === 'eu-sr'
      ? [...s.claimIds, ...s.countries.flatMap((c) => c.claimIds ?? [])]
      : s.factors.flatMap((f) => f.claimIds),
  );
}

/** Scores as plain-text rows: a stage a row, its score, band and what weighs most in it. */
export function scoreTable(report: ScoreReport): { columns: string[]; rows: string[][] } {
  if (report.method === 'eu-sr')
    return {
      columns: ['Stage', 'Supply risk', 'Band', 'Against the threshold of 1', 'Largest contributor'],
      rows: report.stages.map((s) => {
        if (s.method !== 'eu-sr') return [capitalised(s.stage), '—', '—', '—', '—'];
        const top = [...s.countries].sort((a, b) => b.contribution - a.contribution)[0];
        return [
          capitalised(s.stage),
          two(s.score),
          `${two(s.low)}–${two(s.high)}`,
          s.score === null ? 'no figure' : s.critical ? 'above' : 'below',
          top ? `${top.country} (${two(top.contribution)})` : '—',
        ];
      }),
    };
  return {
    columns: ['Stage', 'Score', 'Band', 'Factors (score · weight)'],
    rows: report.stages.map((s) => {
      if (s.method !== 'weighted') return [capitalised(s.stage), '—', '—', '—'];
      const factors = s.factors
        .filter((f) => f.score !== null)
        .map((f) => `${f.label} ${whole(f.score)} · ${percent(f.weight)}`)
        .join('; ');
      return [capitalised(s.stage), whole(s.score), `${whole(s.low)}–${whole(s.high)}`, factors || '—'];
    }),
  };
}

/** The scores in one line: the riskiest and the least risky stage, with their bands. */
export function scoreTakeaway(report: ScoreReport): string {
  const scored = report.stages
    .filter((s): s is typeof s & { score: number } => s.score !== null)
    .sort((a, b) => b.score - a.score);
  const highest = scored[0];
  const lowest = scored.at(-1);
  if (!highest || !lowest) return 'No stage has a score: the evidence gives no figure.';
  const say = (s: (typeof scored)[number]) =>
    report.method === 'eu-sr'
      ? `${s.stage} SR ${two(s.score)}${two(s.low) === two(s.high) ? '' : ` (band ${two(s.low)}–${two(s.high)})`}`
      : `${s.stage} ${whole(s.score)} (band ${whole(s.low)}–${whole(s.high)})`;
  if (report.method === 'eu-sr') {
    const critical = scored.filter((s) => s.method === 'eu-sr' && s.critical).length;
    return `${critical} of ${scored.length} stages are above the EU supply-risk threshold of 1; highest ${say(highest)}, lowest ${say(lowest)}.`;
  }
  return highest === lowest
    ? `Risk score: ${say(highest)} of 100.`
    : `Highest risk: ${say(highest)} of 100; lowest: ${say(lowest)}.`;
}
