import { createHash } from 'node:crypto';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Kysely } from 'kysely';
import { catchError, from, mergeMap, of, throwError, type Observable } from 'rxjs';
import { DomainError } from '@factledger/shared';
import { KYSELY, RequestValidationError, requestMetaOf } from '@factledger/platform';
import { claimKey, completeKey, releaseKey } from './idempotency.repository';
import { stableStringify } from './stable-stringify';

const KEY = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['etag', 'location'];

interface HttpRequest {
  method: string;
  url: string;
  body?: unknown;
  headers: Record<string, unknown>;
  idempotencySeed?: string;
}
interface HttpReply {
  status(code: number): unknown;
  header(name: string, value: string): unknown;
  getHeader(name: string): unknown;
}

/**
 * `Idempotency-Key` on writes: a retry with the same key and body gets the
 * first response and appends nothing; the same key with another body is
 * refused. Handlers derive event and entity ids from the key
 * (`request.idempotencySeed`), so even a crash between append and storing the
 * response cannot make a retry append twice.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(KYSELY) private readonly db: Kysely<any>,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const reply = context.switchToHttp().getResponse<HttpReply>();
    const raw = request.headers['idempotency-key'];
    if (raw === undefined || !['POST', 'PATCH', 'DELETE'].includes(request.method)) return next.handle();
    if (typeof raw !== 'string' || !KEY.test(raw)) {
      throw new RequestValidationError([{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
    }
    const { actor } = requestMetaOf(request);
    const requestHash = createHash('sha256').update(`${request.method} ${request.url}\n${stableStringify(request.body ?? null)}`).digest('hex');
    const existing = await claimKey(this.db, { actor, key: raw, method: request.method, path: request.url, requestHash });
    if (existing) {
      if (existing.request_hash !== requestHash) {
        throw new DomainError('idempotency.key_reused', 'invalid', 'This Idempotency-Key was already used with a different request', {
          originalMethod: existing.method,
          originalPath: existing.path,
        });
      }
      if (existing.status_code === null) {
        throw new DomainError('idempotency.in_progress', 'conflict', 'A request with this Idempotency-Key is still in progress; retry shortly');
      }
      reply.status(existing.status_code);
      for (const [name, value] of Object.entries(existing.response_headers ?? {})) reply.header(name, value);
      reply.header('idempotent-replayed', 'true');
      return of(existing.response_body);
    }

    request.idempotencySeed = createHash('sha256').update(`${actor}\u0000${raw}`).digest('hex');
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    return next.handle().pipe(
      mergeMap(async (body) => {
        const headers = Object.fromEntries(
          REPLAYED_HEADERS.map((h) => [h, reply.getHeader(h)]).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
        await completeKey(this.db, { actor, key: raw, statusCode: status, body, headers });
        return body;
      }),
      catchError((error) => from(releaseKey(this.db, actor, raw)).pipe(mergeMap(() => throwError(() => error)))),
    );
  }
}
