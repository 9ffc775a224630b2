import { canonicalJson } from '@factledger/shared';

export { CanonicalJsonError } from '@factledger/shared';

/**
 * RFC 8785 JSON Canonicalization Scheme, the bytes of every audit leaf: the
 * server's one canonical JSON writer in its strict mode (libs/shared). The
 * verifier keeps its own independent implementation (application/verify/jcs.ts).
 */
export const canonicalize = (value: unknown): string => canonicalJson(value, 'strict');
