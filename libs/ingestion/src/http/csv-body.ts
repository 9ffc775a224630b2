import { decodeUtf8Strictly, NOT_UTF8 } from '@factledger/shared';

/** The two Fastify methods the CSV parser needs (Fastify's own types stay out of this lib). */
export interface ContentTypeParsers {
  hasContentTypeParser(contentType: string): boolean;
  addContentTypeParser(
    contentType: string,
    options: { parseAs: 'buffer' },
    parser: (request: unknown, body: string | Buffer, done: (error: Error | null, body?: unknown) => void) => void,
  ): void;
}

/**
 * Lets Fastify accept `text/csv` bodies (as a string, within the app's body
 * limit). Idempotent; IngestionApiModule calls it on start, apps may too.
 */
export function registerCsvParser(fastify: ContentTypeParsers): void {
  if (fastify.hasContentTypeParser('text/csv')) return;
  // Bytes decoded strictly: invalid UTF-8 is refused (400), never replaced with U+FFFD.
  fastify.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (_request, body, done) => {
    const text = decodeUtf8Strictly(typeof body === 'string' ? Buffer.from(body) : body);
    if (text === null) done(Object.assign(new Error(NOT_UTF8), { statusCode: 400 }));
    else done(null, text);
  });
}

export const isCsv = (contentType: unknown): boolean => typeof contentType === 'string' && /^text\/csv\b/i.test(contentType.trim());
