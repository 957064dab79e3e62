import type { Migration } from './migration';
import { sourcesAndClaims } from './001-sources-and-claims';
import { evidenceBase } from './002-evidence-base';
import { countryBlocs } from './003-country-blocs';
import { riskAssessments } from './004-risk-assessments';
import { reports } from './005-reports';
import { modelIndexes } from './006-model-indexes';
import { claimPaging } from './007-claim-paging';

/** Every migration that has shipped, in order. The last one's version is the current schema. */
export const migrations: readonly Migration[] = [
  sourcesAndClaims,
  evidenceBase,
  countryBlocs,
  riskAssessments,
  reports,
  modelIndexes,
  claimPaging,
];

export const CURRENT_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
