import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkspace } from '../../db/workspace/create';
import { cli } from './run-cli';
import { useTempFolder } from './temp-folder';

const tempFolder = useTempFolder();

describe('chokepoint gap', () => {
  it('prints the model as JSON, with state-media-only claims excluded on request, and refuses bad rules by name', () => {
    const file = join(tempFolder(), 'w.sqlite');
    createWorkspace(file, { starter: true }).close();
    const args = ['gap', '--workspace', file, '--stage', 'metals', '--metric', 'capacity_t_per_yr', '--year', '2025', '--json'];
    const all = cli(...args);
    expect(all.code).toBe(0);
    const gap = JSON.parse(all.stdout) as Record<string, unknown> & { china: { value: number }; chinaShare: number };
    for (const key of [
      'stage',
      'metric',
      'unit',
      'year',
      'china',
      'exChina',
      'chinaShare',
      'gap',
      'ratio',
      'hhi',
      'top3Share',
      'countries',
      'claimIds',
      'excluded',
      'topDown',
    ])
      expect(gap, key).toHaveProperty(key);
    // Huaxing's 11,200 t/yr for 2025, and Huamei's 39,600 t/yr carried forward from 2024.
    expect(gap.china.value).toBe(50800);
    expect(gap.chinaShare).toBeCloseTo(50800 / 51200, 6);

    const strict = JSON.parse(cli(...args, '--exclude-state-media').stdout) as {
      china: { value: number };
      excluded: { claimId: string }[];
    };
    expect(strict.china.value).toBe(39600);
    expect(strict.excluded.map((e) => e.claimId)).toContain('met-huaxing-11200');

    const bad = cli(...args, '--statuses', 'operating,someday');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--statuses: "someday" is not one of operating, construction, planned, idle/);

    const badGrade = cli(...args, '--min-reliability', 'Z');
    expect(badGrade.code).toBe(1);
    expect(badGrade.stderr).toMatch(/^chokepoint: --min-reliability: /);
  }, 60_000);
});
