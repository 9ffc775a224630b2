import { BadRequestException } from '@nestjs/common';
import { RequestValidationError } from '@factledger/platform';
import { inspectJson, MAX_JSON_DEPTH } from './json-guard';

interface GuardedRequest {
  body?: unknown;
  params?: unknown;
  query?: unknown;
}

/**
 * Fastify `preValidation` hook, before any Nest pipe, guard or interceptor:
 * a body nested deeper than MAX_JSON_DEPTH is malformed (400
 * request.malformed, like unparsable JSON), and no string anywhere in the
 * body, path parameters or query — keys and unknown fields included — may
 * hold what PostgreSQL refuses (400 request.invalid naming each field).
 */
export function guardRequestInput(request: GuardedRequest, _reply: unknown, done: (error?: Error) => void): void {
  // A callback, not an async hook: no promise per request.
  const body = inspectJson(request.body);
  if (body.tooDeep) return done(new BadRequestException(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`));
  const errors = [...body.errors, ...inspectJson(request.params ?? {}).errors, ...inspectJson(request.query ?? {}).errors];
  done(errors.length > 0 ? new RequestValidationError(errors) : undefined);
}
