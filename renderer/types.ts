/**
 * The shapes the renderer receives through the bridge, named once in the analyst's words.
 * Type-only imports: nothing from db/ runs in the renderer.
 */
import type { OperationInput, OperationOutput } from '../db/api';
export type {
  AuditRecord,
  ClaimCitation,
  ClaimDetail,
  ClaimListRow,
  ClaimPage,
  ConflictGroup,
  EvidenceStatus,
  SourceChainLink,
  SourceListRow,
} from '../db/evidence/views';
export type { Credibility, FacilityStatus, Metric, PublisherType, Reliability, Stage } from '../db/evidence/vocabulary';

export type WorkspaceSummary = OperationOutput<'getWorkspaceSummary'>;
export type Vocabulary = OperationOutput<'getVocabulary'>;
export type Facets = OperationOutput<'listFacets'>;
export type ClaimQuery = NonNullable<OperationInput<'listClaims'>>;
export type ClaimSort = NonNullable<ClaimQuery['sort']>;
export type EvidenceFilter = NonNullable<ClaimQuery['evidence']>;
