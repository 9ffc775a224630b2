import { generateOpenApiDocument } from '../apps/api/src/openapi.main';

type Parameter = { name: string; in: string; required?: boolean; schema?: unknown };
type Media = { schema?: { $ref?: string }; 'x-item-schema'?: unknown };
type Response = { content?: Record<string, Media>; 'x-codes'?: string[] };
type Operation = { parameters?: Parameter[]; responses: Record<string, Response>; 'x-problem-codes'?: Record<string, string[]> };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const STREAMED = ['application/x-ndjson', 'text/event-stream'];

/**
 * The generated document (as `npm run openapi` writes it, no database or
 * Redis) describes every operation exactly: each path parameter, a body
 * schema for every success, problem+json with the shared Problem schema and
 * its `code` values for every error.
 */
describe('the generated OpenAPI document', () => {
  let operations: { name: string; path: string; operation: Operation }[];

  beforeAll(async () => {
    const document = (await generateOpenApiDocument()) as unknown as { paths: Record<string, Record<string, Operation>> };
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({ name: `${m.toUpperCase()} ${path}`, path, operation: item[m]! })),
    );
  });

  it('has operations, each under a @Contract', () => {
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.filter(({ operation }) => (operation as { 'x-contract'?: boolean })['x-contract'] !== true).map((o) => o.name)).toEqual([]);
  });

  it('declares every {param} of a path, required and with a schema, and no other path parameter', () => {
    const wrong = operations.flatMap(({ name, path, operation }) => {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const declared = (operation.parameters ?? []).filter((p) => p.in === 'path');
      return [
        ...names.filter((n) => !declared.some((p) => p.name === n && p.required === true && p.schema)).map((n) => `${name}: {${n}} undeclared`),
        ...declared.filter((p) => !names.includes(p.name)).map((p) => `${name}: ${p.name} is not in the path`),
      ];
    });
    expect(wrong).toEqual([]);
  });

  it('gives every 2xx a body schema (a streamed body: its media type and item schema); 204 has none', () => {
    const wrong = operations.flatMap(({ name, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^2/.test(status) && status !== '204')
        .filter(([, response]) => {
          const media = Object.entries(response.content ?? {});
          // A stream (NDJSON, SSE) is a string whose items x-item-schema describes.
          return media.length === 0 || media.some(([type, m]) => !m.schema || (STREAMED.includes(type) && m['x-item-schema'] === undefined));
        })
        .map(([status]) => `${name} ${status}`),
    );
    expect(wrong).toEqual([]);
  });

  it('answers every 4xx and 5xx as application/problem+json with the Problem schema, listing its codes', () => {
    const wrong = operations.flatMap(({ name, operation }) =>
      Object.entries(operation.responses)
        .filter(([status]) => /^[45]/.test(status))
        .flatMap(([status, response]) => {
          const types = Object.keys(response.content ?? {});
          const problems: string[] = [];
          if (types.length !== 1 || response.content?.['application/problem+json']?.schema?.$ref !== '#/components/schemas/Problem')
            problems.push(`${name} ${status}: ${types.join(', ') || 'no body'}`);
          if ((response['x-codes'] ?? []).length === 0) problems.push(`${name} ${status}: no code listed`);
          return problems;
        }),
    );
    expect(wrong).toEqual([]);
  });

  it('lists the codes of an operation that declares them for each of its error statuses, the common ones included', () => {
    const declared = operations.filter(({ operation }) => operation['x-problem-codes']);
    expect(declared.map((o) => o.name)).toEqual(
      expect.arrayContaining(['GET /v1/proofs/inclusion', 'POST /v1/ingestions', 'GET /health', 'GET /v1/checkpoints/{size}']),
    );
    for (const { name, operation } of declared) {
      const statuses = Object.keys(operation.responses).filter((s) => /^[45]/.test(s));
      expect([name, Object.keys(operation['x-problem-codes']!).sort()]).toEqual([name, statuses.sort()]);
      for (const status of statuses)
        expect([name, status, operation['x-problem-codes']![status]]).toEqual([name, status, operation.responses[status]!['x-codes']]);
    }
    const inclusion = operations.find((o) => o.name === 'GET /v1/proofs/inclusion')!.operation;
    expect(inclusion.responses['400']!['x-codes']).toEqual(expect.arrayContaining(['request.invalid', 'proof.invalid_query']));
    expect(inclusion.responses['409']!['x-codes']).toEqual(['proof.not_sealed']);
    // Every route that queries may answer the database's 503s (pool, statement timeout), whatever it declares.
    expect(inclusion.responses['503']!['x-codes']).toEqual(['database.unavailable', 'database.timeout', 'database.busy']);
    expect(operations.find((o) => o.name === 'GET /health')!.operation.responses['503']!['x-codes']).toEqual(['health.down']);
  });

  it('declares the export as NDJSON and the tail as Server-Sent Events, each with the event schema of its items', () => {
    const media = (name: string) => operations.find((o) => o.name === name)!.operation.responses['200']!.content!;
    expect(Object.keys(media('GET /v1/events/export'))).toEqual(['application/x-ndjson']);
    expect(media('GET /v1/events/export')['application/x-ndjson']!['x-item-schema']).toMatchObject({
      required: expect.arrayContaining(['position', 'cursor']),
    });
    expect(Object.keys(media('GET /v1/events/tail'))).toEqual(['text/event-stream']);
    expect(media('GET /v1/events/tail')['text/event-stream']!['x-item-schema']).toMatchObject({
      required: expect.arrayContaining(['position', 'cursor']),
    });
  });

  it('takes POST /v1/ingestions as JSON (structured or article) or CSV, each with its schema', () => {
    const body = (
      operations.find((o) => o.name === 'POST /v1/ingestions')!.operation as unknown as { requestBody: { content: Record<string, Media> } }
    ).requestBody.content;
    expect(Object.keys(body).sort()).toEqual(['application/json', 'text/csv']);
    expect(body['application/json']!.schema).toMatchObject({ type: 'object', oneOf: [expect.anything(), expect.anything()] });
    expect(body['text/csv']!.schema).toMatchObject({ type: 'string' });
  });
});
