import { isolateBidi } from '../cli/chart/plain-text';
import type { ClaimListRow } from '../evidence/views';
import { escapeHtml } from './markdown';

/** Claims as a table: statement, where and when, figure, grade and the evidence flags, all escaped. */
const grouped = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
// A year is a figure too (a scheduled commissioning year): "2026", never "2,026".
const plain = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2, useGrouping: false });

function figure(claim: ClaimListRow): string {
  if (claim.value === null) return '—';
  const number = claim.unit === 'year' ? plain : grouped;
  const band =
    claim.valueLow !== null && claim.valueHigh !== null
      ? ` (${number.format(claim.valueLow)}–${number.format(claim.valueHigh)})`
      : '';
  return `${number.format(claim.value)}${band}${claim.unit ? ` ${claim.unit}` : ''}`;
}

/** The best reliability among supporting sources with the claim's credibility: "B2". */
export function gradeOf(claim: ClaimListRow): string {
  const grades = claim.citations.filter((c) => c.stance === 'supports').map((c) => c.reliability);
  return `${grades.sort()[0] ?? 'F'}${claim.credibility}`;
}

/** The evidence flags of a claim in words, each with the class the page styles it by. */
function claimFlags(claim: ClaimListRow, preferred: boolean): { word: string; className: string }[] {
  const flags: { word: string; className: string }[] = [];
  if (claim.evidence.stateMediaOnly) flags.push({ word: 'State-media only', className: 'flag-state' });
  if (claim.evidence.contested) flags.push({ word: 'Contested', className: 'flag-contested' });
  if (!claim.evidence.corroborated && !claim.evidence.stateMediaOnly)
    flags.push({ word: 'Single source', className: 'flag-single' });
  if (preferred) flags.push({ word: 'Preferred', className: 'flag-preferred' });
  return flags;
}

export function flagsHtml(claim: ClaimListRow, preferred = false): string {
  return claimFlags(claim, preferred)
    .map((flag) => `<span class="flag ${flag.className}">${flag.word}</span>`)
    .join(' ');
}

export function flagWords(claim: ClaimListRow, preferred = false): string {
  return claimFlags(claim, preferred)
    .map((flag) => flag.word)
    .join(', ');
}

// The place is the analyst's text: isolated, so a right-to-left name cannot reorder the stage and year after it.
const whereOf = (claim: ClaimListRow) =>
  [claim.country ?? claim.entity, claim.stage, claim.year]
    .filter((x) => x !== null)
    .map((x, index) => (index === 0 && typeof x === 'string' ? isolateBidi(x) : x))
    .join(' · ');

/** The claims table's columns and a claim as plain-text cells: the same table on a slide as on a page. */
export const claimTableColumns = ['Claim', 'Where · stage · year', 'Figure', 'Grade', 'Evidence'];

export function claimRow(claim: ClaimListRow, preferred = false): string[] {
  return [claim.statement, whereOf(claim), figure(claim), gradeOf(claim), flagWords(claim, preferred)];
}

export function claimsTable(claims: readonly ClaimListRow[], preferredId: string | null = null): string {
  if (claims.length === 0) return '<p class="empty">No claims match.</p>';
  const rows = claims.map(
    (claim) => `<tr>
  <td>${escapeHtml(claim.statement)}</td>
  <td>${escapeHtml(whereOf(claim))}</td>
  <td class="num">${escapeHtml(figure(claim))}</td>
  <td class="grade">${escapeHtml(gradeOf(claim))}</td>
  <td>${flagsHtml(claim, claim.id === preferredId)}</td>
</tr>`,
  );
  return `<table class="claims">
<thead><tr>${claimTableColumns.map((column, index) => `<th${index === 2 ? ' class="num"' : ''}>${column}</th>`).join('')}</tr></thead>
<tbody>${rows.join('')}</tbody>
</table>`;
}

/** A line under a chart naming the weak figures it draws (they are drawn hollow in the chart itself). */
export function evidenceNote(claims: readonly ClaimListRow[]): string {
  const stateMedia = claims.filter((c) => c.evidence.stateMediaOnly).length;
  const contested = claims.filter((c) => c.evidence.contested).length;
  const parts = [
    stateMedia > 0 ? `<span class="flag flag-state">State-media only</span> ${stateMedia} of ${claims.length} claims` : '',
    contested > 0 ? `<span class="flag flag-contested">Contested</span> ${contested} of ${claims.length} claims` : '',
  ].filter(Boolean);
  return parts.length > 0
    ? `<p class="evidence-note">Evidence behind this chart: ${parts.join('; ')}. Hollow marks show figures resting on weak evidence.</p>`
    : `<p class="evidence-note">Evidence behind this chart: ${claims.length} claims, none state-media only or contested.</p>`;
}
