import { Redis } from 'ioredis';

// Before the first connection settles: worth waiting for, so a probe made at start-up does not report "down".
const FIRST_CONNECT = new Set(['wait', 'connecting', 'connect']);

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
    if (this.client.status !== 'ready' && !(FIRST_CONNECT.has(this.client.status) && (await this.readyWithin(timeoutMs)))) return false;
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

  /** True once the connection in progress is ready; false when it fails first or the time is up. */
  private readyWithin(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (ready: boolean) => {
        clearTimeout(timer);
        this.client.off('ready', onReady).off('reconnecting', onFailed).off('end', onFailed);
        resolve(ready);
      };
      const onReady = () => done(true);
      const onFailed = () => done(false);
      const timer = setTimeout(onFailed, ms);
      timer.unref();
      this.client.once('ready', onReady).once('reconnecting', onFailed).once('end', onFailed);
    });
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}
