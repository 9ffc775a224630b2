import { fold, isDomainError } from '@factledger/shared';
import { principalDecider, type PrincipalCommand } from './principal.decider';
import type { PrincipalEvent } from './principal.events';

const NOW = '2026-12-06T04:00:00.000Z';
const KEY = '3f9a1b2c4d5e6f70';
const issue = (over: Partial<Extract<PrincipalCommand, { type: 'IssueKey' }>> = {}): PrincipalCommand => ({
  type: 'IssueKey',
  keyId: KEY,
  roles: ['reporter'],
  expiresAt: null,
  issuedBy: 'system:cli',
  now: NOW,
  ...over,
});
const revoke: PrincipalCommand = { type: 'RevokeKey', keyId: KEY, revokedBy: 'aaaaaaaaaaaaaaaa', now: NOW };
const decide = (given: PrincipalEvent[], command: PrincipalCommand) => principalDecider.decide(command, fold(principalDecider, given));
const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, kind: error.kind };
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('principal (API key) decider', () => {
  it('issues a key with its roles (deduplicated, in canonical order), expiry and issuer: never a name or secret', () => {
    const [issued] = decide([], issue({ roles: ['editor', 'reporter', 'editor'], expiresAt: '2027-01-01T00:00:00.000Z' }));
    expect(issued).toStrictEqual({
      type: 'principal.key_issued.v1',
      data: { keyId: KEY, roles: ['reporter', 'editor'], expiresAt: '2027-01-01T00:00:00.000Z', issuedBy: 'system:cli', issuedAt: NOW },
    });
    expect(fold(principalDecider, [issued!])).toEqual({ status: 'active', roles: ['reporter', 'editor'], expiresAt: '2027-01-01T00:00:00.000Z' });
  });

  it('refuses no role, an unknown role, an expiry not in the future, a malformed id and a second issue', () => {
    expect(errorOf(() => decide([], issue({ roles: [] })))).toEqual({ code: 'key.invalid_roles', kind: 'invalid' });
    expect(errorOf(() => decide([], issue({ roles: ['root'] })))).toEqual({ code: 'key.invalid_roles', kind: 'invalid' });
    expect(errorOf(() => decide([], issue({ expiresAt: NOW })))).toEqual({ code: 'key.invalid_expiry', kind: 'invalid' });
    expect(errorOf(() => decide([], issue({ expiresAt: 'soon' })))).toEqual({ code: 'key.invalid_expiry', kind: 'invalid' });
    expect(errorOf(() => decide([], issue({ keyId: 'ADMIN' })))).toEqual({ code: 'key.invalid_id', kind: 'invalid' });
    const issued = decide([], issue());
    expect(errorOf(() => decide(issued, issue()))).toEqual({ code: 'key.already_issued', kind: 'conflict' });
  });

  it('revokes an issued key once; revoking again changes nothing; an unknown key is not found', () => {
    const issued = decide([], issue());
    const revoked = decide(issued, revoke);
    expect(revoked).toStrictEqual([{ type: 'principal.key_revoked.v1', data: { keyId: KEY, revokedBy: 'aaaaaaaaaaaaaaaa', revokedAt: NOW } }]);
    expect(fold(principalDecider, [...issued, ...revoked]).status).toBe('revoked');
    expect(decide([...issued, ...revoked], revoke)).toEqual([]);
    expect(errorOf(() => decide([], revoke))).toEqual({ code: 'key.not_found', kind: 'not_found' });
  });
});
