import type { OperationInput } from '../../db/api';

/**
 * What a new-claim form can be started with: from scratch, or captured from a selection in a
 * source's archived copy (the excerpt, its locator, and a figure read from the selection).
 */
export type ClaimFields = NonNullable<OperationInput<'createClaim'>>;
export type ClaimDraftPrefill = Partial<ClaimFields>;
