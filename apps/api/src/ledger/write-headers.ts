/** Idempotency-Key: 1 to 255 visible ASCII characters (the interceptor's check). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** If-Match: the stream version as an ETag, weak or strong, quoted or not (read after trimming). */
export const IF_MATCH_PATTERN = /^(?:W\/)?"?(\d{1,15})"?$/;

/** OpenAPI descriptions of the headers every write understands. */
export const WRITE_HEADERS = {
  idempotencyKey: {
    name: 'Idempotency-Key',
    required: false,
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source },
    description: 'A retry with the same key and body returns the first response and appends nothing; the same key with another body is refused (422)',
  },
  ifMatch: {
    name: 'If-Match',
    required: false,
    schema: { type: 'string', pattern: IF_MATCH_PATTERN.source },
    description: 'The stream version you last saw ("3"); a mismatch answers 412 with the current version',
  },
} as const;
