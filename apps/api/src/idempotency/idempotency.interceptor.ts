import { createHash } from 'node:crypto';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import {
  Inject,
  Injectable,
  Logger,
  SetMetadata,
  type BeforeApplicationShutdown,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Kysely } from 'kysely';
import { catchError, from, mergeMap, of, throwError, type Observable } from 'rxjs';
import { DomainError } from '@factledger/shared';
import { CONFIG, KYSELY, RequestValidationError, requestMetaOf, type AppConfig, type PlatformTables } from '@factledger/platform';
import { claimKey, completeKey, purgeExpiredKeys, releaseKey } from './idempotency.repository';
import { requestHashOf } from './request-hash';
import { IDEMPOTENCY_KEY_PATTERN } from '../ledger/write-headers';

const REPLAYED_HEADERS = ['etag', 'location'];
/** Old keys are purged in the background after a new claim, at most this often per process. */
const PURGE_EVERY_MS = 60_000;

const NOT_IDEMPOTENT = 'factledger:not-idempotent';
/** A route whose response must never be stored (it holds a secret): Idempotency-Key is ignored there. */
export const NotIdempotent = () => SetMetadata(NOT_IDEMPOTENT, true);

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
 * response cannot make a retry append twice. A claim is a lease: a retry
 * finding one older than `IDEMPOTENCY_LEASE_MS` without a response (its
 * request crashed) takes it over and runs the request again, which answers
 * with what already landed. Keys older than `IDEMPOTENCY_RETENTION_HOURS`
 * are purged.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, BeforeApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private lastPurge = 0;
  private purging: Promise<void> | null = null;

  constructor(
    @Inject(KYSELY) private readonly db: Kysely<PlatformTables>,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.purging;
  }

  /** One batch of old keys, in the background; a failure is logged and tried again later. */
  private purgeSoon(): void {
    const now = Date.now();
    if (this.purging || now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    this.purging = purgeExpiredKeys(this.db, this.config.idempotencyRetentionHours)
      .then((n) => void (n > 0 && this.logger.log(`purged ${n} Idempotency-Keys older than ${this.config.idempotencyRetentionHours} h`)))
      .catch((error: unknown) => this.logger.warn(`purging old Idempotency-Keys failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (this.purging = null));
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const reply = context.switchToHttp().getResponse<HttpReply>();
    const raw = request.headers['idempotency-key'];
    if (
      raw === undefined ||
      !['POST', 'PATCH', 'DELETE'].includes(request.method) ||
      this.reflector.get<boolean>(NOT_IDEMPOTENT, context.getHandler())
    )
      return next.handle();
    if (typeof raw !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(raw)) {
      throw new RequestValidationError([{ field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
    }
    const { actor } = requestMetaOf(request);
    const requestHash = requestHashOf(request.method, request.url, request.body);
    const claim = await claimKey(
      this.db,
      { actor, key: raw, method: request.method, path: request.url, requestHash },
      this.config.idempotencyLeaseMs,
    );
    if (!claim.claimed) {
      const existing = claim.record;
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

    if (claim.takenOver)
      this.logger.warn(`Idempotency-Key ${JSON.stringify(raw)} of ${actor}: its request never answered within the lease; running it again`);
    else this.purgeSoon();
    const { token } = claim;
    request.idempotencySeed = createHash('sha256').update(`${actor}\u0000${raw}`).digest('hex');
    const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? (request.method === 'POST' ? 201 : 200);
    return next.handle().pipe(
      mergeMap(async (body) => {
        const headers = Object.fromEntries(
          REPLAYED_HEADERS.map((h) => [h, reply.getHeader(h)]).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
        await completeKey(this.db, { actor, key: raw, token, statusCode: status, body, headers });
        return body;
      }),
      catchError((error) => from(releaseKey(this.db, actor, raw, token)).pipe(mergeMap(() => throwError(() => error)))),
    );
  }
}
