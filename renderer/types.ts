/**
 * The shapes the renderer receives through the bridge, named once in the analyst's words.
 * Type-only imports: nothing from db/ runs in the renderer.
 */
import type { OperationOutput } from '../db/api';
export type { ClaimCitation, ClaimListRow, ClaimPage } from '../db/evidence/claims';
export type { Credibility, Reliability, Stage } from '../db/evidence/vocabulary';

export type WorkspaceSummary = OperationOutput<'getWorkspaceSummary'>;
export type Vocabulary = OperationOutput<'getVocabulary'>;
