import { createHash } from 'node:crypto';
import { stableStringify } from './stable-stringify';

/**
 * What a stored Idempotency-Key is compared with: method, URL and the body in
 * canonical form. Stored in `idempotency_keys.request_hash`, so it must not
 * change (test/golden/ids-and-hashes.golden.spec.ts pins it).
 */
export const requestHashOf = (method: string, url: string, body: unknown): string =>
  createHash('sha256').update(`${method} ${url}\n${stableStringify(body ?? null)}`).digest('hex');
