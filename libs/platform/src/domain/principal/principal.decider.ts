import { assertNever, conflict, invalid, notFound, type Decider } from '@factledger/shared';
import { PrincipalEventTypes, upcastPrincipalEvent, type PrincipalEvent } from './principal.events';
import { KEY_ID, ROLES, isRole, type Role } from './roles';

export const PrincipalErrorCodes = {
  invalidRoles: 'key.invalid_roles',
  invalidExpiry: 'key.invalid_expiry',
  alreadyIssued: 'key.already_issued',
  notFound: 'key.not_found',
  invalidId: 'key.invalid_id',
} as const;

export interface IssueKey {
  type: 'IssueKey';
  keyId: string;
  roles: readonly string[];
  expiresAt: string | null;
  issuedBy: string;
  now: string;
}

export interface RevokeKey {
  type: 'RevokeKey';
  keyId: string;
  revokedBy: string;
  now: string;
}

export type PrincipalCommand = IssueKey | RevokeKey;

export interface PrincipalState {
  status: 'none' | 'active' | 'revoked';
  roles: Role[];
  expiresAt: string | null;
}

export const initialPrincipalState = (): PrincipalState => ({ status: 'none', roles: [], expiresAt: null });

export const evolvePrincipal = (state: PrincipalState, event: PrincipalEvent): PrincipalState => {
  switch (event.type) {
    case PrincipalEventTypes.keyIssued:
      return { status: 'active', roles: [...event.data.roles], expiresAt: event.data.expiresAt };
    case PrincipalEventTypes.keyRevoked:
      return { ...state, status: 'revoked' };
    default:
      return assertNever(event, 'principal event');
  }
};

function issueKey(command: IssueKey, state: PrincipalState): PrincipalEvent[] {
  if (state.status !== 'none') throw conflict(PrincipalErrorCodes.alreadyIssued, `Key ${command.keyId} was already issued`, { keyId: command.keyId });
  if (!KEY_ID.test(command.keyId)) throw invalid(PrincipalErrorCodes.invalidId, 'A key id is 16 lowercase hex digits', { field: 'keyId' });
  const roles = [...new Set(command.roles)];
  if (roles.length === 0 || !roles.every(isRole)) {
    throw invalid(PrincipalErrorCodes.invalidRoles, `roles must be one or more of ${ROLES.join(', ')}`, {
      field: 'roles',
      reason: `must be one or more of ${ROLES.join(', ')}`,
    });
  }
  if (command.expiresAt !== null && !(Date.parse(command.expiresAt) > Date.parse(command.now))) {
    throw invalid(PrincipalErrorCodes.invalidExpiry, 'expiresAt must be a time in the future', {
      field: 'expiresAt',
      reason: 'must be a time in the future',
    });
  }
  const ordered = ROLES.filter((r) => roles.includes(r));
  return [
    {
      type: PrincipalEventTypes.keyIssued,
      data: { keyId: command.keyId, roles: ordered, expiresAt: command.expiresAt, issuedBy: command.issuedBy, issuedAt: command.now },
    },
  ];
}

/** Revoking a revoked key changes nothing (a retry, or two admins at once). */
function revokeKey(command: RevokeKey, state: PrincipalState): PrincipalEvent[] {
  if (state.status === 'none') throw notFound(PrincipalErrorCodes.notFound, `No key ${command.keyId}`, { keyId: command.keyId });
  if (state.status === 'revoked') return [];
  return [{ type: PrincipalEventTypes.keyRevoked, data: { keyId: command.keyId, revokedBy: command.revokedBy, revokedAt: command.now } }];
}

export const decidePrincipal = (command: PrincipalCommand, state: PrincipalState): PrincipalEvent[] => {
  switch (command.type) {
    case 'IssueKey':
      return issueKey(command, state);
    case 'RevokeKey':
      return revokeKey(command, state);
    default:
      return assertNever(command, 'principal command');
  }
};

/** Stream `principal-<key id>`: one key's issue and revocation. */
export const principalDecider: Decider<PrincipalCommand, PrincipalEvent, PrincipalState> = {
  upcast: upcastPrincipalEvent,
  initialState: initialPrincipalState,
  evolve: evolvePrincipal,
  decide: decidePrincipal,
};
