import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { traceparentOf } from '../observability/trace-context';

export interface RequestMeta {
  actor: string;
  requestId: string;
  correlationId: string;
  /** W3C traceparent of the request's span, only when tracing is on and this request is sampled. */
  traceparent?: string;
}

const HEADER_VALUE = /^[A-Za-z0-9._:@\-/]{1,128}$/;

const header = (headers: Record<string, unknown>, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === 'string' && HEADER_VALUE.test(value) ? value : undefined;
};

/**
 * Who is asking and which request this is, for event metadata. The actor is
 * the key id the AccessGuard authenticated (`anonymous` before it ran or
 * without a key; writes always need one), never a header the client chooses.
 * The request id is reused from `X-Request-Id` when the client sent a sane one.
 */
export function requestMetaOf(request: {
  headers: Record<string, unknown>;
  id?: unknown;
  factledgerMeta?: RequestMeta;
  principal?: { keyId: string };
}): RequestMeta {
  const actor = request.principal?.keyId ?? 'anonymous';
  if (request.factledgerMeta?.actor === actor) return request.factledgerMeta;
  const requestId = request.factledgerMeta?.requestId ?? header(request.headers, 'x-request-id') ?? randomUUID();
  // First asked in the API's onRequest hook, inside the request's server span.
  const traceparent = request.factledgerMeta ? request.factledgerMeta.traceparent : traceparentOf();
  const meta: RequestMeta = {
    actor,
    requestId,
    correlationId: request.factledgerMeta?.correlationId ?? header(request.headers, 'x-correlation-id') ?? requestId,
    ...(traceparent ? { traceparent } : {}),
  };
  request.factledgerMeta = meta;
  return meta;
}

export const Meta = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestMeta => requestMetaOf(ctx.switchToHttp().getRequest()));
