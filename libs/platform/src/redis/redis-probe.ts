import { Redis } from 'ioredis';

/**
 * A Redis connection used only to answer "is Redis up?" quickly: no offline
 * queue, so commands fail at once while disconnected instead of hanging.
 */
export class RedisProbe {
  private readonly client: Redis;

  constructor(url: string) {
    this.client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.client.on('error', () => undefined);
    this.client.connect().catch(() => undefined);
  }

  async isUp(timeoutMs = 500): Promise<boolean> {
    if (this.client.status !== 'ready') return false;
    try {
      const pong = await Promise.race([
        this.client.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
      ]);
      return pong === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}
