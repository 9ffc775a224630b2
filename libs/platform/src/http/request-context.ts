import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

export interface RequestMeta {
  actor: string;
  requestId: string;
  correlationId: string;
}

const HEADER_VALUE = /^[A-Za-z0-9._:@\-/]{1,128}$/;

const header = (headers: Record<string, unknown>, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === 'string' && HEADER_VALUE.test(value) ? value : undefined;
};

/**
 * Who is asking and which request this is, for event metadata. The request id
 * is reused from `X-Request-Id` when the client sent a sane one.
 */
export function requestMetaOf(request: { headers: Record<string, unknown>; id?: unknown; factledgerMeta?: RequestMeta }): RequestMeta {
  if (request.factledgerMeta) return request.factledgerMeta;
  const requestId = header(request.headers, 'x-request-id') ?? randomUUID();
  const meta = {
    actor: header(request.headers, 'x-actor') ?? 'anonymous',
    requestId,
    correlationId: header(request.headers, 'x-correlation-id') ?? requestId,
  };
  request.factledgerMeta = meta;
  return meta;
}

export const Meta = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestMeta => requestMetaOf(ctx.switchToHttp().getRequest()));
