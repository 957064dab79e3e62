import { z } from 'zod';
import { countrySideInput } from '../evidence/bloc-inputs';
import type { CountrySide } from '../evidence/countries';
import type { ClaimInput, SourceInput } from '../evidence/inputs';
import type { Recipe } from '../import/recipe';
import type { StoredScenario } from '../score/scenario-store';
import type { Snapshot } from '../score/snapshot-store';
import type { Assessment } from '../score/types';

/**
 * The workspace's own exchange format, for moving a workspace's content across an air gap or into
 * a colleague's workspace. Lossless for what an analyst wrote: sources with their derived-from
 * links and archived copies, claims with citations and tags, conflict preferences and saved
 * recipes, with their timestamps, and the China / ex-China bloc mapping (files written before it
 * was carried have no `countrySides`, and still import), and risk scoring's assessments, scenarios
 * and snapshots (absent from older files, which still import). Not carried: derived data (evidence
 * status, the search index, recomputed on import) and the audit log, whose chain belongs to the
 * workspace that wrote it. Every list is sorted by its key, so two exports of the same content are
 * byte-identical but for `exportedAt`.
 */
export const WORKSPACE_FORMAT = 'chokepoint-workspace';
export const WORKSPACE_FORMAT_VERSION = 1;

export interface Stamps {
  createdAt: string;
  updatedAt: string;
}

export interface WorkspaceFile {
  format: typeof WORKSPACE_FORMAT;
  version: typeof WORKSPACE_FORMAT_VERSION;
  exportedAt: string;
  sources: (SourceInput & { id: string } & Stamps)[];
  archives: {
    sourceId: string;
    kind: 'text' | 'file';
    fileName: string | null;
    mediaType: string;
    sha256: string;
    addedAt: string;
    base64: string;
  }[];
  claims: (ClaimInput & { id: string } & Stamps)[];
  preferences: { groupKey: string; claimId: string; reason: string; setAt: string }[];
  recipes: { name: string; recipe: Recipe; savedAt: string }[];
  /** Every name the workspace maps explicitly, as spelled there; a name not listed is ex-China. */
  countrySides: { country: string; side: CountrySide }[];
  /** Each with its judged scores and the claims they cite, its country table and stage inputs. */
  assessments: (Omit<Assessment, 'updatedAt'> & { isDefault: boolean } & Stamps)[];
  scenarios: StoredScenario[];
  snapshots: Snapshot[];
}

export const entityId = z
  .string()
  .min(1, 'an id cannot be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^\S+$/, 'an id cannot contain spaces');
const timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'must be a UTC timestamp like 2025-01-31T12:00:00.000Z')
  .optional();

/** The envelope; each source, claim and recipe inside is checked by the same schema as the forms. */
export const workspaceFileSchema = z.strictObject({
  format: z.literal(WORKSPACE_FORMAT, `must be "${WORKSPACE_FORMAT}"`),
  version: z.literal(
    WORKSPACE_FORMAT_VERSION,
    `this Chokepoint reads version ${WORKSPACE_FORMAT_VERSION} of the workspace format`,
  ),
  exportedAt: z.string().max(100).optional(),
  sources: z.array(z.looseObject({ id: entityId, createdAt: timestamp, updatedAt: timestamp })).default([]),
  archives: z
    .array(
      z.strictObject({
        sourceId: entityId,
        kind: z.enum(['text', 'file']),
        fileName: z.string().max(500).nullable(),
        mediaType: z.string().min(1).max(200),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hex digits'),
        addedAt: timestamp,
        base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
      }),
    )
    .default([]),
  claims: z.array(z.looseObject({ id: entityId, createdAt: timestamp, updatedAt: timestamp })).default([]),
  preferences: z
    .array(
      z.strictObject({
        groupKey: z.string().min(1).max(1000),
        claimId: entityId,
        reason: z.string().trim().min(1, 'give a reason').max(4000),
        setAt: timestamp,
      }),
    )
    .default([]),
  recipes: z
    .array(z.strictObject({ name: z.string().trim().min(1).max(200), recipe: z.unknown(), savedAt: timestamp }))
    .default([]),
  countrySides: z.array(countrySideInput).default([]),
  // Checked one by one in import/scoring-plan.ts, so a problem names the assessment it is in.
  assessments: z.array(z.looseObject({ id: entityId })).default([]),
  scenarios: z.array(z.looseObject({ id: entityId })).default([]),
  snapshots: z.array(z.looseObject({ id: entityId })).default([]),
});
