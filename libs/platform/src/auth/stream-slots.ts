import { DomainError } from '@factledger/shared';
import { principalKeyOf } from './rate-limits';
import type { Principal } from './api-keys.service';

/**
 * Long-lived responses (live tails, exports) one principal may hold open at
 * once, counted per API instance (a stream lives on one instance; a client
 * opening N per instance behind a balancer is still bounded by the tails
 * budget, which is shared).
 */
export class StreamSlots {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a slot or throws 429; the returned function gives it back (once). */
  acquire(request: { ip: string; principal?: Principal }): () => void {
    const key = principalKeyOf(request);
    const held = this.open.get(key) ?? 0;
    if (held >= this.max) {
      throw new DomainError(
        'rate_limit.too_many_streams',
        'rate_limited',
        `At most ${this.max} live tails and exports may be open at once; close one first`,
        { max: this.max, retryAfterSeconds: 5 },
      );
    }
    this.open.set(key, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
  }
}
