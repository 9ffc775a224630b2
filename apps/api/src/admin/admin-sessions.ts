import { createHash, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { AppConfig } from '@factledger/platform';

export const SESSION_COOKIE = 'fl_admin_session';

/** What a session remembers: the key that opened it (its id, never its token) and when it ends. */
export interface AdminSession {
  keyId: string;
  expiresAt: string;
}

/**
 * Browser sessions for the operator pages: an opaque random id in an
 * HttpOnly cookie; Redis holds sha256(id) → the key id, expiring with the
 * session. Chosen over a signed cookie so logout and expiry are enforced by
 * the server (no secret to configure, nothing to replay after logout), and
 * over HTTP Basic, which a browser resends to every request (cross-site
 * ones included) until it is closed and offers no logout. The session names
 * its key, and each request re-checks that key, so revoking it ends its sessions.
 */
export class AdminSessions {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(private readonly config: Pick<AppConfig, 'redisUrl' | 'queuePrefix' | 'adminSessionTtlSeconds'>) {
    this.redis = new Redis(config.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      lazyConnect: true,
      commandTimeout: 2000,
    });
    this.redis.on('error', () => undefined); // requests answer 503 meanwhile
    this.prefix = `${config.queuePrefix}:admin-session:`;
  }

  get ttlSeconds(): number {
    return this.config.adminSessionTtlSeconds;
  }

  async open(keyId: string): Promise<{ id: string; session: AdminSession }> {
    await this.connected();
    const id = randomBytes(32).toString('base64url');
    const session = { keyId, expiresAt: new Date(Date.now() + this.ttlSeconds * 1000).toISOString() };
    await this.redis.set(this.keyOf(id), JSON.stringify(session), 'EX', this.ttlSeconds);
    return { id, session };
  }

  async find(id: string): Promise<AdminSession | undefined> {
    await this.connected();
    const raw = await this.redis.get(this.keyOf(id));
    if (raw === null) return undefined;
    const session = JSON.parse(raw) as AdminSession;
    // Redis expires the key; the timestamp guards a store that kept it longer (e.g. a restored snapshot).
    return Date.parse(session.expiresAt) > Date.now() ? session : undefined;
  }

  async close(id: string): Promise<void> {
    await this.connected();
    await this.redis.del(this.keyOf(id));
  }

  async shutdown(): Promise<void> {
    this.redis.disconnect();
  }

  private keyOf(id: string): string {
    return this.prefix + createHash('sha256').update(id).digest('hex');
  }

  private async connected(): Promise<void> {
    if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
  }
}
