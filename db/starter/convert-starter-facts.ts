/**
 * Development tool: turns the compiled starter facts (shared/data/starter-facts.json) into the
 * embedded starter workspace (assets/starter/starter-workspace.json), assigning grades and facility
 * statuses by the stated rules in grading.ts and facility-status.ts. The app reads only the asset, never the shared folder.
 *
 *   npm run starter:convert -- ../shared/data/starter-facts.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { awaitingCommissioning, facilityStatusExplanation, facilityStatusOf } from './facility-status';
import { gradeClaim, gradeSource, gradingExplanation, rangeFromUnit } from './grading';
import { starterWorkspaceSchema, type StarterClaim, type StarterSource, type StarterWorkspace } from './schema';
import type { Metric, PublisherType, Stage } from '../evidence/vocabulary';

interface FactsSource {
  id: string;
  title: string;
  publisher: string;
  publisher_type: PublisherType;
  origin_country: string | null;
  published: string | null;
  url: string | null;
  retrieved_via?: string;
}

interface FactsClaim {
  id: string;
  stage: Stage;
  region: string | null;
  entity: string | null;
  metric: Metric;
  value: number | null;
  unit: string | null;
  year: number | null;
  statement: string;
  source_id: string;
  excerpt: string | null;
  confidence_note: string | null;
}

const compiled = '2026-11';

export function convertStarterFacts(facts: { about: string; sources: FactsSource[]; claims: FactsClaim[] }): StarterWorkspace {
  const sources: StarterSource[] = facts.sources.map((s) => {
    const grade = gradeSource({ publisher: s.publisher, publisherType: s.publisher_type, originCountry: s.origin_country });
    return {
      id: s.id,
      title: s.title,
      publisher: s.publisher,
      publisherType: s.publisher_type,
      originCountry: s.origin_country,
      stateAffiliated: grade.stateAffiliated,
      published: s.published,
      accessed: compiled,
      url: s.url,
      retrievedVia: s.retrieved_via ?? null,
      reliability: grade.reliability,
      reliabilityReason: grade.reason,
      derivedFrom: [],
    };
  });
  const reliabilityOf = new Map(sources.map((s) => [s.id, s.reliability]));
  const compiledYear = Number(compiled.slice(0, 4));
  const statusContext = { compiledYear, awaitingCommissioning: awaitingCommissioning(facts.claims, compiledYear) };
  const claims: StarterClaim[] = facts.claims.map((c) => {
    const reliability = reliabilityOf.get(c.source_id);
    if (!reliability) throw new Error(`claim ${c.id} cites unknown source ${c.source_id}`);
    const grade = gradeClaim(reliability);
    const range = rangeFromUnit(c.value, c.unit);
    return {
      id: c.id,
      statement: c.statement,
      stage: c.stage,
      country: c.region,
      entity: c.entity,
      facilityStatus: facilityStatusOf(c, statusContext),
      metric: c.metric,
      value: c.value,
      valueLow: range?.low ?? null,
      valueHigh: range?.high ?? null,
      unit: c.unit,
      year: c.year,
      credibility: grade.credibility,
      credibilityReason: grade.reason,
      confidenceNote: c.confidence_note,
      citations: [{ sourceId: c.source_id, excerpt: c.excerpt, locator: null, stance: 'supports' }],
    };
  });
  return starterWorkspaceSchema.parse({
    format: 'chokepoint-starter-workspace',
    version: 1,
    about: facts.about,
    compiled,
    grading: `${gradingExplanation} ${facilityStatusExplanation}`,
    sources,
    claims,
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [input = '../shared/data/starter-facts.json', output = 'assets/starter/starter-workspace.json'] = process.argv.slice(2);
  const workspace = convertStarterFacts(JSON.parse(readFileSync(input, 'utf8')) as Parameters<typeof convertStarterFacts>[0]);
  writeFileSync(output, `${JSON.stringify(workspace, null, 1)}\n`);
  console.log(`Wrote ${output}: ${workspace.sources.length} sources, ${workspace.claims.length} claims.`);
}
