import type { OpenAPIObject } from '@nestjs/swagger';
import { CONTRACT_MEDIA_EXTENSION, STREAM_ITEM_EXTENSION, type ContractMedia } from '@factledger/platform';

type Operation = {
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown; description?: string }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, unknown> } | undefined>;
  [CONTRACT_MEDIA_EXTENSION]?: ContractMedia;
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** The methods the idempotency interceptor honours Idempotency-Key on (idempotency.interceptor.ts). */
const IDEMPOTENT_METHODS: readonly string[] = ['post', 'patch', 'delete'];

/** RFC 9457 problem details with the ledger's stable `code` and field errors. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', description: 'https://factledger.dev/problems/<code with / for .>' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string', description: 'Stable machine-readable code, e.g. request.invalid, figure.retracted' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
  additionalProperties: true,
};

const PROBLEM_STATUSES: Record<string, string> = {
  '400': 'Malformed: the body, a parameter or a header breaks its syntax (type, format, length, range, characters, unknown or missing fields)',
  '404': 'No such route or entity',
  '405': 'The path exists but not with this method (see Allow)',
  '409': 'Conflict with the current state (a concurrent write, an Idempotency-Key in progress, an event not sealed yet, a read model that moved)',
  '408': 'The request was not received in time',
  '414': 'A path parameter or the URL is too long',
  '422': 'Well-formed, but refused by a rule of the ledger',
  '429': 'Too many requests',
  '431': 'The request headers are too large',
  '500': 'An unexpected error (logged)',
  '503': 'A dependency is down or a wait timed out',
};
const BODY_STATUSES: Record<string, string> = {
  '412': 'If-Match does not match the current version',
  '413': 'The body is larger than the limit',
  '415': 'The body is not of a supported media type',
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/**
 * What the decorators cannot say, added to the generated document: every
 * `{param}` of a path is declared (string, required) where no decorator
 * declared it; Idempotency-Key only on POST, PATCH and DELETE (the
 * interceptor ignores it elsewhere); a @Contract's other request media types
 * and streamed answers; and every operation's error statuses answer
 * problem+json with the shared Problem schema (openapi-problem-codes.ts then
 * lists their codes).
 */
export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA as never } };
  for (const [path, item] of Object.entries(document.paths)) {
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const parameters = (operation.parameters ?? []).filter(
        (p) => !(p.in === 'header' && p.name.toLowerCase() === 'idempotency-key' && !IDEMPOTENT_METHODS.includes(method)),
      );
      for (const name of names) {
        if (!parameters.some((p) => p.in === 'path' && p.name === name))
          parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
      }
      operation.parameters = parameters;
      writeMedia(operation);
      const statuses = { ...PROBLEM_STATUSES, ...(['post', 'put', 'patch', 'delete'].includes(method) ? BODY_STATUSES : {}) };
      const responses = { ...operation.responses };
      for (const [status, description] of Object.entries(statuses)) if (!responses[status]) responses[status] = problemResponse(description);
      operation.responses = responses;
    }
  }
  return document;
}

/** A @Contract's other request media types and its streamed answers (NDJSON lines, SSE data), as swagger's decorators cannot write them. */
function writeMedia(operation: Operation): void {
  const media = operation[CONTRACT_MEDIA_EXTENSION];
  if (!media) return;
  delete operation[CONTRACT_MEDIA_EXTENSION];
  if (media.bodies) {
    const content = { ...operation.requestBody?.content };
    for (const [type, schema] of Object.entries(media.bodies)) content[type] = { schema };
    operation.requestBody = { ...operation.requestBody, content };
  }
  for (const [status, stream] of Object.entries(media.streams ?? {})) {
    operation.responses = {
      ...operation.responses,
      [status]: {
        description: stream.description,
        content: { [stream.mediaType]: { schema: { type: 'string', description: stream.description }, [STREAM_ITEM_EXTENSION]: stream.item } },
      },
    };
  }
}
