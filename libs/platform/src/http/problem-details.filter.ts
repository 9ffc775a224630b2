import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { DomainError, UnknownEventVersionError } from '@factledger/shared';
import { databaseFaultOf } from '../database/database-errors';
import { PROBLEM_CONTENT_TYPE, STATUS_BY_KIND, problem, RequestValidationError, type ProblemDetails } from './problem-details';

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message: string;
}

const HTTP_CODES: Record<number, string> = {
  400: 'request.malformed',
  404: 'route.not_found',
  405: 'route.method_not_allowed',
  413: 'request.too_large',
  415: 'request.unsupported_media_type',
};

/** Maps every error to RFC 9457 problem+json; the only place errors meet HTTP. */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof RequestValidationError) {
    return problem(400, 'request.invalid', 'The request has invalid fields', { errors: error.errors });
  }
  if (error instanceof DomainError) {
    const { field, reason } = error.details as { field?: unknown; reason?: unknown };
    // Domain rules that concern one field are reported like DTO errors too.
    const errors = typeof field === 'string' ? [{ field, message: typeof reason === 'string' ? reason : error.message }] : undefined;
    return problem(STATUS_BY_KIND[error.kind], error.code, error.message, { ...error.details, ...(errors && { errors }) });
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const detail = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
    return problem(status, HTTP_CODES[status] ?? `http.${status}`, Array.isArray(detail) ? detail.join('; ') : String(detail));
  }
  const fastify = error as FastifyLikeError;
  if (fastify && typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const code =
      fastify.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'request.too_large'
        : fastify.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'request.unsupported_media_type'
          : fastify.code === 'FST_ERR_MAX_PARAM_LENGTH'
            ? 'request.path_parameter_too_long'
            : 'request.malformed';
    return problem(fastify.statusCode, code, fastify.message);
  }
  if (error instanceof UnknownEventVersionError) {
    // A newer release wrote to the stream (README "Operations → Upgrading"): an upgraded process can take the command.
    return problem(
      503,
      error.code,
      'The stream holds an event version written by a newer release of factledger; this server must be upgraded. Retry later',
      { retryAfterSeconds: 30 },
    );
  }
  const fault = databaseFaultOf(error);
  if (fault) return problem(503, fault.code, fault.detail, { retryAfterSeconds: fault.retryAfterSeconds });
  return problem(500, 'internal', 'An unexpected error occurred; it has been logged');
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<{ url?: string; factledgerMeta?: { requestId: string } }>();
    const reply = http.getResponse<{ status(code: number): unknown; header(k: string, v: string): unknown; send(body: unknown): unknown }>();
    const body = toProblem(error);
    body.instance = request.url;
    if (request.factledgerMeta) body.requestId = request.factledgerMeta.requestId;
    if (body.status >= 500 && body.code === 'internal') {
      // The request id ties the line to the client's problem+json (requestId) and to the access line.
      this.logger.error({
        msg: error instanceof Error ? error.message : String(error),
        requestId: body.requestId,
        stack: error instanceof Error ? error.stack : undefined,
      });
    }
    reply.status(body.status);
    reply.header('content-type', PROBLEM_CONTENT_TYPE);
    // RFC 9110: a 401 names the scheme to use; a 429 or 503 says when to come back.
    if (body.status === 401) reply.header('www-authenticate', 'Bearer realm="factledger"');
    if ((body.status === 429 || body.status === 503) && typeof body.retryAfterSeconds === 'number')
      reply.header('retry-after', String(body.retryAfterSeconds));
    reply.send(body);
  }
}
