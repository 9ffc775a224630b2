import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted and `undefined` dropped, so equal payloads hash
 * equally whatever order a client wrote their fields in.
 */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
