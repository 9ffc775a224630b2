import { handleCommand, type EventStore } from '@factledger/event-store';
import { notFound, type EventMetadata } from '@factledger/shared';
import type { Kysely } from 'kysely';
import { principalDecider, principalStreamId, PrincipalErrorCodes, type Role } from '../domain/principal';
import { hashesEqual, keyIdOf, newKeyId, newToken, tokenHash } from './api-key-token';
import { ApiKeysRepository, type ApiKeyRow, type AuthTables } from './api-keys.repository';

/** An authenticated caller: a key and the roles it holds. */
export interface Principal {
  keyId: string;
  roles: readonly Role[];
}

export interface IssuedKey {
  keyId: string;
  /** Shown once; only its hash is kept. */
  token: string;
  roles: Role[];
  expiresAt: string | null;
}

/** What a listing shows of a key: never its token or hash. */
export interface KeyView {
  keyId: string;
  name: string;
  roles: Role[];
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  lastUsedAt: string | null;
}

export type Authentication = { ok: true; principal: Principal } | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const TOUCH_EVERY_MS = 60_000;

/**
 * Issues, lists, revokes and checks API keys. Issuing and revoking go through
 * the generic command path (stream `principal-<key id>`) and then the table:
 * issue appends first (a failure after it leaves a logged key that cannot
 * authenticate: the log overstates, never hides, who could write); revoke
 * updates the table first (the key stops working before the log says so).
 *
 * Checks read the table through a per-process cache of `cacheTtlMs`: a key
 * revoked on another API instance stops working within that bound; on the
 * instance that revoked it, at once.
 */
export class ApiKeys {
  private readonly keys: ApiKeysRepository;
  private readonly cache = new Map<string, { row: ApiKeyRow | undefined; at: number }>();
  private readonly touched = new Map<string, number>();

  constructor(
    db: Kysely<AuthTables>,
    private readonly store: EventStore,
    private readonly cacheTtlMs = 5000,
  ) {
    this.keys = new ApiKeysRepository(db);
  }

  async issue(input: { name: string; roles: readonly string[]; expiresAt: string | null }, metadata: EventMetadata): Promise<IssuedKey> {
    const keyId = newKeyId();
    const token = newToken(keyId);
    const now = new Date().toISOString();
    const { state } = await handleCommand(
      this.store,
      principalStreamId(keyId),
      principalDecider,
      { type: 'IssueKey', keyId, roles: input.roles, expiresAt: input.expiresAt, issuedBy: metadata.actor, now },
      { metadata },
    );
    await this.keys.insert({
      id: keyId,
      token_hash: tokenHash(token),
      name: input.name,
      roles: state.roles,
      created_by: metadata.actor,
      expires_at: state.expiresAt ? new Date(state.expiresAt) : null,
    });
    return { keyId, token, roles: state.roles, expiresAt: state.expiresAt };
  }

  async revoke(keyId: string, metadata: EventMetadata): Promise<KeyView> {
    if (!(await this.keys.revoke(keyId, metadata.actor))) throw notFound(PrincipalErrorCodes.notFound, `No key ${keyId}`, { keyId });
    this.cache.delete(keyId);
    await handleCommand(
      this.store,
      principalStreamId(keyId),
      principalDecider,
      { type: 'RevokeKey', keyId, revokedBy: metadata.actor, now: new Date().toISOString() },
      { metadata },
    );
    return viewOf((await this.keys.find(keyId))!);
  }

  async list(): Promise<KeyView[]> {
    return (await this.keys.list()).map(viewOf);
  }

  async count(): Promise<number> {
    return this.keys.count();
  }

  async authenticate(token: string): Promise<Authentication> {
    const keyId = keyIdOf(token);
    if (!keyId) return { ok: false, reason: 'unknown' };
    const row = await this.row(keyId);
    if (!row || !hashesEqual(row.token_hash, tokenHash(token))) return { ok: false, reason: 'unknown' };
    if (row.revoked_at) return { ok: false, reason: 'revoked' };
    if (row.expires_at && row.expires_at.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
    this.touchSoon(keyId);
    return { ok: true, principal: { keyId, roles: row.roles } };
  }

  /**
   * The principal of a key already authenticated once (a browser session
   * names its key, never holds its token): undefined once it is revoked or
   * expired, within the same cache bound as authenticate.
   */
  async principalOf(keyId: string): Promise<Principal | undefined> {
    const row = await this.row(keyId);
    if (!row || row.revoked_at || (row.expires_at && row.expires_at.getTime() <= Date.now())) return undefined;
    return { keyId, roles: row.roles };
  }

  private async row(keyId: string): Promise<ApiKeyRow | undefined> {
    const cached = this.cache.get(keyId);
    if (cached && Date.now() - cached.at < this.cacheTtlMs) return cached.row;
    const row = await this.keys.find(keyId);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(keyId, { row, at: Date.now() });
    return row;
  }

  /** last_used_at at most once a minute per key and process, in the background (a failure only loses a timestamp). */
  private touchSoon(keyId: string): void {
    const now = Date.now();
    if (now - (this.touched.get(keyId) ?? 0) < TOUCH_EVERY_MS) return;
    if (this.touched.size > 10_000) this.touched.clear();
    this.touched.set(keyId, now);
    this.keys.touch(keyId).catch(() => this.touched.delete(keyId));
  }
}

function viewOf(row: ApiKeyRow): KeyView {
  return {
    keyId: row.id,
    name: row.name,
    roles: row.roles,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
    revokedBy: row.revoked_by,
    lastUsedAt: iso(row.last_used_at),
  };
}
