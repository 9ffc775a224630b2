import type { components } from './generated/openapi';

/** An RFC 9457 problem the API answers on a 4xx/5xx (`application/problem+json`), as the contract declares it. */
export type ProblemBody = components['schemas']['Problem'];
export type FieldProblem = NonNullable<ProblemBody['errors']>[number];

/**
 * A refused or failed call. `code` is the API's stable machine-readable code
 * (`figure.retracted`, `stream.version_conflict`, `request.invalid`, …): branch
 * on it, not on the message. `errors` names the fields of a 400.
 */
export class FactledgerProblem extends Error {
  override readonly name = 'FactledgerProblem';
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly errors: FieldProblem[];
  /** The whole problem body (extension members such as `currentVersion` included). */
  readonly body: ProblemBody;

  constructor(status: number, body: unknown) {
    const problem = asProblem(status, body);
    super(`${status} ${problem.code}: ${problem.detail ?? problem.title}`);
    this.status = status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.body = problem;
  }
}

/** A body that is not problem+json (a proxy's HTML page, an empty 502) still becomes a problem, with code `http.<status>`. */
function asProblem(status: number, body: unknown): ProblemBody {
  if (body && typeof body === 'object' && typeof (body as ProblemBody).code === 'string') return body as ProblemBody;
  const text = typeof body === 'string' ? body.slice(0, 200) : undefined;
  return { type: 'about:blank', title: `HTTP ${status}`, status, code: `http.${status}`, ...(text ? { detail: text } : {}) };
}
