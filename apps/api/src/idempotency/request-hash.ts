import { createHash } from 'node:crypto';
import { canonicalJson } from '@factledger/shared';

/**
 * What a stored Idempotency-Key is compared with: method, URL and the body in
 * canonical form (lenient: any parsed body, even one the route refuses later).
 * Stored in `idempotency_keys.request_hash`, so it must not change
 * (test/golden/ids-and-hashes.golden.unit.spec.ts pins it).
 */
export const requestHashOf = (method: string, url: string, body: unknown): string =>
  createHash('sha256')
    .update(`${method} ${url}\n${canonicalJson(body ?? null, 'lenient')}`)
    .digest('hex');
