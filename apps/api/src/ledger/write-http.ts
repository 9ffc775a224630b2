import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { RequestValidationError, requestMetaOf, type RequestMeta } from '@factledger/platform';
import type { WriteContext, WriteResult } from '@factledger/ledger';
import { IF_MATCH_PATTERN } from './write-headers';
import { isStorableText } from '@factledger/ledger-domain';

interface WriteRequest {
  method: string;
  url: string;
  headers: Record<string, unknown>;
  idempotencySeed?: string;
}

export interface HttpWrite {
  meta: RequestMeta;
  expectedVersion?: number;
  idempotencySeed?: string;
  headerReason?: string;
  route: string;
}

/**
 * Everything a write takes from HTTP besides its body: who and which request
 * (metadata), If-Match (expected stream version), the idempotency seed, and
 * an optional X-Reason.
 */
export const Write = createParamDecorator((_data: unknown, ctx: ExecutionContext): HttpWrite => {
  const request = ctx.switchToHttp().getRequest<WriteRequest>();
  const ifMatch = request.headers['if-match'];
  let expectedVersion: number | undefined;
  if (ifMatch !== undefined) {
    const match = typeof ifMatch === 'string' ? IF_MATCH_PATTERN.exec(ifMatch.trim()) : null;
    if (!match) throw new RequestValidationError([{ field: 'If-Match', message: 'must be the stream version as an ETag, e.g. "3"' }]);
    expectedVersion = Number(match[1]);
  }
  const reason = request.headers['x-reason'];
  return {
    meta: requestMetaOf(request),
    expectedVersion,
    idempotencySeed: request.idempotencySeed,
    headerReason: typeof reason === 'string' && reason.length <= 2000 && isStorableText(reason) ? reason : undefined,
    route: `${request.method} ${request.url.split('?')[0]}`,
  };
});

export function writeContext(write: HttpWrite, bodyReason?: string): WriteContext {
  return {
    metadata: {
      actor: write.meta.actor,
      requestId: write.meta.requestId,
      correlationId: write.meta.correlationId,
      causationId: write.meta.requestId,
      reason: bodyReason ?? write.headerReason ?? write.route,
      // An auditor goes from the event to the request's trace (only when it was traced).
      ...(write.meta.traceparent ? { traceparent: write.meta.traceparent } : {}),
    },
    now: new Date().toISOString(),
    expectedVersion: write.expectedVersion,
    idempotencySeed: write.idempotencySeed,
  };
}

type Reply = { header(name: string, value: string): unknown };

/** The write's answer: new version (also as ETag) and global position, so clients can read their own writes. */
export function writeResponse<View>(reply: Reply, result: WriteResult<View>, location?: string) {
  reply.header('etag', `"${result.streamVersion}"`);
  if (location) reply.header('location', location);
  return { id: result.id, streamVersion: result.streamVersion, position: result.position, changed: result.changed, data: result.view };
}
