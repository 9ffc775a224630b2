import { startApi, type ApiHarness } from './support/api-harness';

type Parameter = { name: string; in: string; required?: boolean };
type Operation = {
  parameters?: Parameter[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

describe('the served OpenAPI document (GET /docs/openapi.json)', () => {
  let api: ApiHarness;
  let document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ path, method, operation: item[method]! })),
    );

  beforeAll(async () => {
    api = await startApi();
    const response = await api.request('GET', '/docs/openapi.json');
    expect(response.status).toBe(200);
    document = response.body;
  });
  afterAll(() => api.close());

  it('has operations to check', () => {
    expect(operations().length).toBeGreaterThan(30);
  });

  it('declares every {param} of every path as a required path parameter of each of its operations', () => {
    const missing = operations().flatMap(({ path, method, operation }) =>
      [...path.matchAll(/\{([^}]+)\}/g)]
        .map((m) => m[1]!)
        .filter((name) => !(operation.parameters ?? []).some((p) => p.in === 'path' && p.name === name && p.required === true))
        .map((name) => `${method.toUpperCase()} ${path}: {${name}}`),
    );
    expect(missing).toEqual([]);
    // No path parameter is declared that the path does not have.
    const extra = operations().flatMap(({ path, method, operation }) =>
      (operation.parameters ?? [])
        .filter((p) => p.in === 'path' && !path.includes(`{${p.name}}`))
        .map((p) => `${method.toUpperCase()} ${path}: ${p.name}`),
    );
    expect(extra).toEqual([]);
  });

  it.each([
    ['/v1/metrics/{key}', 'key'],
    ['/v1/metrics/{key}/estimate', 'key'],
    ['/v1/metrics/{key}/figures', 'key'],
    ['/v1/reports/{id}', 'id'],
    ['/v1/streams/{id}/events', 'id'],
    ['/v1/figures/{id}/history', 'id'],
    ['/v1/sources/{id}/figures', 'id'],
  ])('GET %s declares %s', (path, name) => {
    expect(document.paths[path]?.get?.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name, in: 'path', required: true })]));
  });

  it('declares Idempotency-Key on no GET operation, and on the writes', () => {
    const declares = (operation: Operation) =>
      (operation.parameters ?? []).some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
    expect(
      operations()
        .filter(({ method, operation }) => method === 'get' && declares(operation))
        .map(({ path }) => path),
    ).toEqual([]);
    expect(declares(document.paths['/v1/figures']!.post!)).toBe(true);
  });

  it('POST /v1/checkpoints declares both 201 (new) and 200 (unchanged)', () => {
    expect(Object.keys(document.paths['/v1/checkpoints']!.post!.responses)).toEqual(expect.arrayContaining(['200', '201']));
  });

  it('every operation answers its 4xx and 5xx statuses as problem+json with the shared Problem schema', () => {
    expect(document.components.schemas.Problem).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['type', 'title', 'status', 'code']),
    });
    const wrong = operations().flatMap(({ path, method, operation }) => {
      const errors = Object.entries(operation.responses).filter(([status]) => /^[45]/.test(status));
      const lacking = ['400', '404', '405', '500'].filter((status) => !operation.responses[status]);
      const notProblem = errors
        .filter(([, r]) => r.content?.['application/problem+json']?.schema?.$ref !== '#/components/schemas/Problem')
        .map(([s]) => s);
      return [...lacking, ...notProblem].map((status) => `${method.toUpperCase()} ${path} ${status}`);
    });
    expect(wrong).toEqual([]);
    expect(Object.keys(document.paths['/v1/figures']!.post!.responses)).toEqual(expect.arrayContaining(['409', '412', '413', '415']));
  });

  it('documents the amount bound on the amount fields', () => {
    expect(JSON.stringify(document.paths['/v1/figures']!.post!.requestBody)).toContain('1000000000000000');
  });
});
