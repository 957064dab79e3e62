import type { CountrySide } from './countries';
import type { Credibility, FacilityStatus, Metric, PublisherType, Reliability, Stage, StateAffiliation } from './vocabulary';

/** What the read operations return: the shapes every front end (UI, CLI, exports) shows. */

/** Computed from citations, derived-from links and conflict groups; never typed in. */
export interface EvidenceStatus {
  /** Distinct origins (sources followed through derived-from) that support the claim. */
  independentOrigins: number;
  corroborated: boolean;
  stateMediaOnly: boolean;
  contested: boolean;
  /** Why contested, in words: "contradicted by …", "in conflict group …". Empty when not contested. */
  contestedBecause: string[];
}

export interface ClaimCitation {
  sourceId: string;
  publisher: string | null;
  sourceTitle: string;
  publisherType: PublisherType;
  reliability: Reliability;
  stateAffiliated: StateAffiliation;
  stance: 'supports' | 'contradicts';
  excerpt: string | null;
  locator: string | null;
}

export interface ClaimListRow {
  id: string;
  statement: string;
  stage: Stage | null;
  country: string | null;
  /** China, ex-China or an aggregate such as World: derived from country, never stored. */
  side: CountrySide | null;
  entity: string | null;
  facilityStatus: FacilityStatus | null;
  metric: Metric;
  value: number | null;
  valueLow: number | null;
  valueHigh: number | null;
  unit: string | null;
  year: number | null;
  credibility: Credibility;
  tags: string[];
  citations: ClaimCitation[];
  evidence: EvidenceStatus;
  /** Key of the conflict group the claim sits in, if any. */
  conflictGroup: string | null;
  /** Whether the analyst marked this claim preferred in its conflict group. */
  preferred: boolean;
  updatedAt: string;
}

export interface ClaimPage {
  total: number;
  offset: number;
  rows: ClaimListRow[];
  /**
   * A search matched more claims than the search window (the newest 5,000 matches): results and
   * total are drawn from that window, and the view should suggest narrowing the search.
   */
  searchWindowReached: boolean;
}

/** One step of a citation's chain: the cited source, then each source it derives from, to the origin. */
export interface SourceChainLink {
  sourceId: string;
  title: string;
  publisher: string | null;
  publisherType: PublisherType;
  reliability: Reliability;
  stateAffiliated: StateAffiliation;
  hasArchive: boolean;
}

export interface ClaimDetail extends ClaimListRow {
  credibilityReason: string | null;
  confidenceNote: string | null;
  notes: string | null;
  createdAt: string;
  /** For each citation, in order: the chains from the cited source to each of its origins. */
  chains: { sourceId: string; paths: SourceChainLink[][] }[];
}

export interface SourceListRow {
  id: string;
  title: string;
  publisher: string | null;
  publisherType: PublisherType;
  originCountry: string | null;
  stateAffiliated: StateAffiliation;
  published: string | null;
  accessed: string | null;
  url: string | null;
  reliability: Reliability;
  reliabilityReason: string | null;
  claimCount: number;
  derivedFrom: string[];
  hasArchive: boolean;
}

export interface SourcePage {
  total: number;
  offset: number;
  rows: SourceListRow[];
}

export interface ArchiveInfo {
  kind: 'text' | 'file';
  fileName: string | null;
  mediaType: string;
  sha256: string;
  size: number;
  addedAt: string;
}

export interface SourceDetail extends SourceListRow {
  retrievedVia: string | null;
  notes: string | null;
  /** Sources that derive from this one (relays of it). */
  derivedBy: { id: string; title: string }[];
  /** The origins this source rests on, following derived-from (itself when it derives from nothing). */
  origins: { id: string; title: string }[];
  archive: ArchiveInfo | null;
  citedBy: { id: string; statement: string; stance: 'supports' | 'contradicts' }[];
  createdAt: string;
  updatedAt: string;
}

export interface ArchiveContent extends ArchiveInfo {
  /** The text, for a pasted copy or a text file; null for a binary file. */
  text: string | null;
  /** Base64 of the file, for binary files only. */
  base64: string | null;
}

export interface ConflictGroup {
  key: string;
  /** In words: "China · mining · production (t) · 2023". */
  subject: string;
  /** Largest over smallest value, minus one: 0.0625 for 240,000 vs 255,000. */
  spread: number;
  preferredClaimId: string | null;
  preferredReason: string | null;
  claims: ClaimListRow[];
}

export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** A figure found in a selection of an archived copy, offered as a claim's value and unit. */
export interface FigureSuggestion {
  value: number;
  unit: string;
  metric: Metric | null;
  /** The text it was read from, e.g. "11,200 tons per year". */
  matched: string;
}
