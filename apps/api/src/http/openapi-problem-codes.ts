import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CODES_EXTENSION } from '@factledger/platform';

type Response = { description?: string; 'x-codes'?: string[] };
type Operation = { responses?: Record<string, Response>; [PROBLEM_CODES_EXTENSION]?: Record<string, string[]> };

const WRITES = ['post', 'put', 'patch', 'delete'];

/**
 * The codes any operation can answer with, by status, whoever raises them:
 * the validation interceptor, the access guard, the rate limiter, the
 * idempotency interceptor (writes), Fastify and the problem filter.
 */
export function commonProblemCodes(method: string, path = ''): Record<string, string[]> {
  return {
    '400': ['request.invalid', 'request.malformed', 'request.invalid_header', 'request.invalid_url'],
    '401': ['auth.unauthenticated'],
    '403': ['auth.forbidden'],
    '404': ['route.not_found'],
    '405': ['route.method_not_allowed'],
    '408': ['request.timeout'],
    ...(WRITES.includes(method) ? { '409': ['idempotency.in_progress'], '422': ['idempotency.key_reused'] } : {}),
    '413': ['request.too_large'],
    '414': ['request.path_parameter_too_long'],
    '415': ['request.unsupported_media_type'],
    '429': ['rate_limit.exceeded'],
    '431': ['request.headers_too_large'],
    '500': ['internal'],
    // The pool and the request's statement timeout (libs/platform database limits): any route that queries, but /health,
    // which reports the database's state instead (health.down).
    // A write's command path reads its stream: an event version from a newer release stops it (event.unknown_version).
    ...(path === '/health'
      ? {}
      : { '503': ['database.unavailable', 'database.timeout', 'database.busy', ...(WRITES.includes(method) ? ['event.unknown_version'] : [])] }),
  };
}

/**
 * Each error response of each operation lists the problem `code`s it can
 * carry (`x-codes`, and in its description): the common ones, plus those
 * the route's @Contract `errors` declares. An operation that declares them
 * keeps `x-problem-codes` (its list is complete; the e2e checks hold its
 * answers to it); one that does not lists only the common codes.
 */
export function listProblemCodes(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      if (typeof operation !== 'object' || !operation?.responses) continue;
      const declared = operation[PROBLEM_CODES_EXTENSION];
      const common = commonProblemCodes(method, path);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!/^[45]/.test(status)) continue;
        const codes = [...new Set([...(common[status] ?? []), ...(declared?.[status] ?? [])])];
        if (codes.length === 0) continue;
        operation.responses[status] = { ...response, description: `${response.description ?? ''} (code: ${codes.join(', ')})`, 'x-codes': codes };
      }
      if (declared) {
        // A complete list: a status no code can answer with is not an answer of this operation.
        for (const status of Object.keys(operation.responses))
          if (/^[45]/.test(status) && !operation.responses[status]!['x-codes']) delete operation.responses[status];
        operation[PROBLEM_CODES_EXTENSION] = Object.fromEntries(
          Object.keys(operation.responses)
            .filter((s) => /^[45]/.test(s))
            .map((s) => [s, operation.responses![s]!['x-codes']!]),
        );
      }
    }
  }
  return document;
}
