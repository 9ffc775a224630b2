import { RedisProbe } from './redis-probe';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('RedisProbe (real Redis)', () => {
  it('says up when asked at once after it was made: the first connection is waited for', async () => {
    const probe = new RedisProbe(REDIS_URL);
    try {
      expect(await probe.isUp()).toBe(true);
    } finally {
      await probe.close();
    }
  });

  it('says down within its timeout when nothing listens', async () => {
    const probe = new RedisProbe('redis://127.0.0.1:1');
    try {
      const started = Date.now();
      expect(await probe.isUp()).toBe(false);
      expect(await probe.isUp()).toBe(false);
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await probe.close();
    }
  });
});
