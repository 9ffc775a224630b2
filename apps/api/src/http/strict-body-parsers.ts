import { BadRequestException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decodeUtf8Strictly, NOT_UTF8 } from '@factledger/shared';

type Done = (error: Error | null, body?: unknown) => void;

/**
 * JSON and text/plain bodies read as bytes and decoded strictly: Fastify's own
 * parsers decode lossily, so bytes such as C3 28 would become U+FFFD and be
 * stored for good. Invalid UTF-8 is a malformed request (400); the JSON itself
 * is then parsed by Fastify's default parser (prototype poisoning refused),
 * within the same body limit. text/csv is read the same way by ingestion's parser.
 */
export function installStrictBodyParsers(app: NestFastifyApplication, bodyLimit: number): void {
  const json = app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
  const decodeOrFail = (body: Buffer, done: Done): string | null => {
    const text = decodeUtf8Strictly(body);
    if (text === null) done(new BadRequestException(NOT_UTF8));
    return text;
  };
  app.useBodyParser('application/json', { bodyLimit }, (request, body, done) => {
    const text = decodeOrFail(body, done);
    if (text !== null) json(request as never, text, done);
  });
  app.useBodyParser('text/plain', { bodyLimit }, (_request, body, done) => {
    const text = decodeOrFail(body, done);
    if (text !== null) done(null, text);
  });
}
