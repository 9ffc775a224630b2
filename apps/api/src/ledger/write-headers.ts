/** OpenAPI descriptions of the headers every write understands. */
export const WRITE_HEADERS = {
  idempotencyKey: {
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key and body returns the first response and appends nothing; the same key with another body is refused (422)',
  },
  ifMatch: { name: 'If-Match', required: false, description: 'The stream version you last saw ("3"); a mismatch answers 412 with the current version' },
} as const;
