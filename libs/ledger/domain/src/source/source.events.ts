import { upcasterOf, type DomainEvent, type ListsExactly } from '@factledger/shared';

export const SourceEventTypes = {
  registered: 'source.registered.v1',
  updated: 'source.updated.v1',
} as const;

/**
 * `person`: a natural person quoted as a source. Their name and aliases are
 * personal data: sealed into events encrypted under the source's own key
 * (`sourcePersonalFields`), erasable (README "Operations → Erasure").
 */
export const SOURCE_KINDS = ['government', 'intelligence', 'military', 'media', 'analyst', 'ngo', 'other', 'person'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface SourceRegisteredData {
  sourceId: string;
  name: string;
  kind: SourceKind;
  /** ISO 3166-1 alpha-2, upper case; null for international or unknown. */
  country: string | null;
  /** A party to the conflict the figures are about; estimates may exclude them. */
  partyToConflict: boolean;
  aliases: string[];
  /**
   * Unverified: created automatically (ingestion, for a name it does not know)
   * or registered as such, and not yet checked by an editor. Estimate version 2
   * leaves its figures out until a source.updated.v1 with `needsReview: false`
   * verifies it. Independent of `partyToConflict`.
   */
  needsReview: boolean;
}

/** Only the fields that changed are present. */
export interface SourceUpdatedData {
  sourceId: string;
  name?: string;
  kind?: SourceKind;
  country?: string | null;
  partyToConflict?: boolean;
  aliases?: string[];
  needsReview?: boolean;
}

export type SourceRegistered = DomainEvent<typeof SourceEventTypes.registered, SourceRegisteredData>;
export type SourceUpdated = DomainEvent<typeof SourceEventTypes.updated, SourceUpdatedData>;
export type SourceEvent = SourceRegistered | SourceUpdated;

/** Stored source events as the union above (older shapes would be upcast here). */
export const upcastSourceEvent = upcasterOf<SourceEvent>(SourceEventTypes);
// Fails to compile when SourceEventTypes and SourceEvent list different types.
export const SOURCE_EVENT_TYPES_LISTED: ListsExactly<typeof SourceEventTypes, SourceEvent> = true;
