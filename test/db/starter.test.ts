import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeSource, rangeFromUnit } from '../../db/starter/grading';
import { starterWorkspace } from '../../db/starter/load';
import { createWorkspace } from '../../db/workspace/create';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();

describe('the embedded starter workspace', () => {
  it('holds the 52 sources and 80 claims, every claim citing a known source with an excerpt', () => {
    const data = starterWorkspace();
    expect(data.sources).toHaveLength(52);
    expect(data.claims).toHaveLength(80);
    const sourceIds = new Set(data.sources.map((s) => s.id));
    for (const claim of data.claims) {
      expect(claim.citations.length, claim.id).toBeGreaterThan(0);
      for (const citation of claim.citations)
        expect(sourceIds.has(citation.sourceId), `${claim.id} cites ${citation.sourceId}`).toBe(true);
    }
  });

  it('grades every source and claim with a stated reason', () => {
    const data = starterWorkspace();
    for (const source of data.sources) expect(source.reliabilityReason.length, source.id).toBeGreaterThan(20);
    for (const claim of data.claims) expect(claim.credibilityReason, claim.id).toMatch(/reliability [A-F] → [1-6]/);
    // Nothing starts as 'confirmed': each starter claim rests on one source.
    expect(data.claims.filter((c) => c.credibility === 1)).toEqual([]);
  });

  it('marks state media as state-affiliated and not usually reliable', () => {
    const stateMedia = starterWorkspace().sources.filter((s) => s.publisherType === 'state_media');
    expect(stateMedia.map((s) => s.publisher)).toContain('Shanghai Daily (SHINE)');
    for (const source of stateMedia) {
      expect(source.stateAffiliated).toBe('yes');
      expect(source.reliability).toBe('D');
    }
  });

  it('keeps conflicting figures as separate claims (China 2023 mine output: 240,000 t vs 255,000 t)', () => {
    const china2023 = starterWorkspace().claims.filter(
      (c) => c.stage === 'mining' && c.country === 'China' && c.year === 2023 && c.metric === 'production_t',
    );
    expect(china2023.map((c) => c.value).sort()).toEqual([240000, 255000]);
  });

  it('recovers the published range where a claim holds only one end of it', () => {
    const solvay = starterWorkspace().claims.find((c) => c.id === 'sep-solvay-2000-5000')!;
    expect([solvay.valueLow, solvay.value, solvay.valueHigh]).toEqual([2000, 5000, 5000]);
    expect(rangeFromUnit(70, '% of U.S. imports of rare-earth compounds and metals (2020-23)')).toBeNull();
  });

  it('loads into a new workspace with every citation in place', () => {
    const workspace = createWorkspace(join(tempFolder(), 'w.sqlite'), { starter: true });
    const count = (sql: string) => workspace.db.prepare(sql).pluck().get();
    expect(count('SELECT count(*) FROM sources')).toBe(52);
    expect(count('SELECT count(*) FROM claims')).toBe(80);
    expect(count('SELECT count(*) FROM claim_citations')).toBe(80);
    expect(count("SELECT value FROM workspace_meta WHERE key = 'starter_grading'")).toMatch(/assigned by rule/);
    workspace.close();
  });
});

describe('source grading rules', () => {
  it('does not trust an outlet that relays state-run media or whose origin is unknown', () => {
    expect(
      gradeSource({ publisher: 'aNews (citing state-run Global Times)', publisherType: 'news', originCountry: 'Turkey' })
        .reliability,
    ).toBe('D');
    expect(gradeSource({ publisher: 'Aggregator', publisherType: 'news', originCountry: 'unknown' })).toMatchObject({
      reliability: 'D',
      stateAffiliated: 'unknown',
    });
    expect(gradeSource({ publisher: 'USGS', publisherType: 'government', originCountry: 'United States' }).reliability).toBe('B');
  });
});
