import { PROBLEM_CONTENT_TYPE, requestMetaOf, toProblem } from '@factledger/platform';

interface FrameworkRequest {
  url: string;
  headers: Record<string, unknown>;
}

interface FrameworkReply {
  code(status: number): FrameworkReply;
  header(name: string, value: string): FrameworkReply;
  send(payload: string): unknown;
}

/**
 * Fastify's `frameworkErrors`: what its router answers before any hook or
 * Nest handler runs (a path parameter over maxParamLength → 414, a URL that
 * does not decode → 400). Without it Fastify writes its own application/json;
 * here it is the same problem+json the exception filter writes (toProblem).
 */
export function sendFrameworkProblem(error: unknown, request: FrameworkRequest, reply: FrameworkReply): void {
  const { requestId } = requestMetaOf(request);
  const body = { ...toProblem(error), instance: request.url, requestId };
  reply.code(body.status).header('x-request-id', requestId).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}
