import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted and `undefined` dropped, so equal payloads hash
 * equally whatever order a client wrote their fields in.
 *
 * Kept apart from the shared canonical writer (`canonicalJson` in libs/shared)
 * on purpose: rebuilding each object and letting JSON.stringify enumerate it
 * puts integer-like keys ("2", "10") first in numeric order, where RFC 8785
 * sorts them as strings. A figure may carry such keys (unknown fields are
 * hashed before its line is refused), so switching writers would move the job
 * id of those submissions; ingestion job ids must not move (test/golden).
 */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
