import { upcasterOf, type DomainEvent } from '@factledger/shared';
import type { Role } from './roles';

export const PrincipalEventTypes = {
  keyIssued: 'principal.key_issued.v1',
  keyRevoked: 'principal.key_revoked.v1',
} as const;

/**
 * Who could act, from when, with what. Never the token, its hash or the key's
 * name: sealed events are immutable, so nothing personal or secret goes in.
 */
export interface KeyIssuedData {
  keyId: string;
  roles: Role[];
  /** ISO-8601; null: no expiry. */
  expiresAt: string | null;
  /** The principal that issued it (a key id, or `system:...` for the CLI's database access). */
  issuedBy: string;
  issuedAt: string;
}

export interface KeyRevokedData {
  keyId: string;
  revokedBy: string;
  revokedAt: string;
}

export type KeyIssued = DomainEvent<typeof PrincipalEventTypes.keyIssued, KeyIssuedData>;
export type KeyRevoked = DomainEvent<typeof PrincipalEventTypes.keyRevoked, KeyRevokedData>;
export type PrincipalEvent = KeyIssued | KeyRevoked;

export const principalStreamId = (keyId: string): string => `principal-${keyId}`;

/** Stored principal events as the union above. */
export const upcastPrincipalEvent = upcasterOf<PrincipalEvent>(PrincipalEventTypes);
