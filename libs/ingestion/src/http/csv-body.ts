/** The two Fastify methods the CSV parser needs (Fastify's own types stay out of this lib). */
export interface ContentTypeParsers {
  hasContentTypeParser(contentType: string): boolean;
  addContentTypeParser(
    contentType: string,
    options: { parseAs: 'string' },
    parser: (request: unknown, body: string | Buffer, done: (error: Error | null, body?: unknown) => void) => void,
  ): void;
}

/**
 * Lets Fastify accept `text/csv` bodies (as a string, within the app's body
 * limit). Idempotent; IngestionApiModule calls it on start, apps may too.
 */
export function registerCsvParser(fastify: ContentTypeParsers): void {
  if (fastify.hasContentTypeParser('text/csv')) return;
  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
}

export const isCsv = (contentType: unknown): boolean => typeof contentType === 'string' && /^text\/csv\b/i.test(contentType.trim());
