import type { DomainEvent } from '@factledger/shared';

export const SourceEventTypes = {
  registered: 'source.registered.v1',
  updated: 'source.updated.v1',
} as const;

export const SOURCE_KINDS = ['government', 'intelligence', 'military', 'media', 'analyst', 'ngo', 'other'] as const;
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
  /** Created automatically (e.g. by extraction) and not yet checked by a person. */
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
