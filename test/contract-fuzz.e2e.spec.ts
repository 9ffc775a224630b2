import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { OpenApiContract } from '@factledger/testing';
import { sql } from 'kysely';
import type { ApiHarness, ApiResponse } from './support/api-harness';
import { startReadApi, type ReadApiHarness } from './support/read-api-harness';
import { registerCatalog } from './support/scenario';
import { SchemaArbitraries, type Schema } from './support/schema-arbitrary';

/**
 * Requests generated from docs/openapi.json itself, valid and invalid, through
 * Fastify's inject. Every answer is checked against the document by the
 * harness (enforceContract); here: never a 5xx, nothing appended by a refused
 * request, a request an operation's @Contract calls valid is never refused for
 * its shape (400), and one that breaks the contract always is (400, or 414 for an overlong path).
 */
// FUZZ_RUNS=n for more requests; FUZZ_SEED=s replays a run (a failure prints its seed).
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
// Out of the fuzz: the checkpoint request waits for a sealer (none runs here).
const SKIPPED = new Set(['POST /v1/checkpoints']);
// A live stream never ends: only requests its contract refuses (answered at once).
const REFUSED_ONLY = new Set(['GET /v1/events/tail']);

type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  'x-contract'?: boolean;
  'x-exactly-one-of'?: string[];
};
type Variant = 'valid' | 'unknown-field' | 'missing-field' | 'wrong-type' | 'bad-parameter' | 'unknown-query' | 'any-json';
type Generated = { method: string; url: string; body?: unknown; contract: boolean; variant: Variant; breaksContract: boolean };

const { document } = OpenApiContract.committed() as unknown as {
  document: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
};
const schemas = new SchemaArbitraries(document.components.schemas);
const BAD_TEXT = fc.constantFrom('NOT VALID!', '', ' ', '..', 'a'.repeat(300), '%E2%80%AE', '-1', '1e3');
// In a path: not empty and not a dot segment, which would reach another route; only those its schema refuses.
const BAD_SEGMENTS = ['NOT VALID!', ' ', 'a'.repeat(300), '%E2%80%AE', '-1', '1e3', 'Ünïcode', '_x'];
const ajv = addFormats(new Ajv({ strict: false }));
const badSegment = (schema: Schema | undefined) => {
  const accepts = ajv.compile(schemas.resolve(schema ?? { type: 'string' }));
  const refused = BAD_SEGMENTS.filter((v) => !accepts(v));
  return refused.length > 0 ? fc.constantFrom(...refused) : fc.constantFrom(...BAD_SEGMENTS);
};

function requests(method: string, template: string, operation: Operation): fc.Arbitrary<Generated> {
  const contract = operation['x-contract'] === true;
  const parameters = operation.parameters ?? [];
  const path = parameters.filter((p) => p.in === 'path');
  const query = parameters.filter((p) => p.in === 'query');
  const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
  const body = bodySchema ? schemas.resolve(bodySchema) : undefined;
  const build = (params: Record<string, unknown>, q: Record<string, unknown>) => {
    const url = template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
    const search = new URLSearchParams(
      Object.entries(q)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    return search ? `${url}?${search}` : url;
  };
  // A valid value that is a dot segment ('.', '..') cannot travel in a path: URL parsing removes it (RFC 3986 5.2.4).
  const segment = (p: Parameter) => schemas.valid(p.schema ?? { type: 'string' }).filter((v) => v !== '.' && v !== '..');
  const params = fc.record(Object.fromEntries(path.map((p) => [p.name, segment(p)])));
  const record = fc.record(Object.fromEntries(query.map((p) => [p.name, schemas.valid(p.schema ?? { type: 'string' })])), {
    requiredKeys: query.filter((p) => p.required).map((p) => p.name),
  });
  // Parameters of which exactly one must be given (x-exactly-one-of): keep one, drop the others.
  const oneOf = operation['x-exactly-one-of'];
  const queries = oneOf
    ? fc
        .tuple(
          record,
          fc.constantFrom(...oneOf),
          fc.record(Object.fromEntries(oneOf.map((name) => [name, schemas.valid(query.find((p) => p.name === name)?.schema ?? {})]))),
        )
        .map(([q, keep, values]) => ({
          ...Object.fromEntries(Object.entries(q).filter(([name]) => !oneOf.includes(name))),
          [keep]: values[keep],
        }))
    : record;
  const validBody = body ? schemas.valid(body) : fc.constant(undefined);
  const make =
    (variant: Variant, breaksContract: boolean) =>
    (parts: [Record<string, unknown>, Record<string, unknown>, unknown]): Generated => ({
      method,
      url: build(parts[0], parts[1]),
      body: parts[2],
      contract,
      variant,
      breaksContract: contract && breaksContract,
    });
  const variants: [number, fc.Arbitrary<Generated>][] = [[4, fc.tuple(params, queries, validBody).map(make('valid', false))]];
  const properties = Object.entries(body?.properties ?? {});
  if (body?.type === 'object') {
    const closed = body.additionalProperties === false;
    variants.push([
      1,
      fc.tuple(params, queries, validBody).map(([p, q, b]) => make('unknown-field', closed)([p, q, { ...(b as object), unknownField: 1 }])),
    ]);
    const required = body.required ?? [];
    if (required.length > 0) {
      variants.push([
        1,
        fc.tuple(params, queries, validBody, fc.constantFrom(...required)).map(([p, q, b, drop]) => {
          const { [drop]: _dropped, ...rest } = b as Record<string, unknown>;
          return make('missing-field', true)([p, q, rest]);
        }),
      ]);
    }
    if (properties.length > 0) {
      const wrong = fc.constantFrom(...properties).chain(([name, s]) => schemas.wrongType(s).map((v) => [name, v] as const));
      variants.push([
        1,
        fc.tuple(params, queries, validBody, wrong).map(([p, q, b, [name, v]]) => make('wrong-type', true)([p, q, { ...(b as object), [name]: v }])),
      ]);
    }
  }
  if (body) variants.push([1, fc.tuple(params, queries, fc.jsonValue({ maxDepth: 2 })).map(make('any-json', false))]);
  if (path.length > 0) {
    const bad = fc.record(Object.fromEntries(path.map((p) => [p.name, badSegment(p.schema)])));
    variants.push([1, fc.tuple(bad, queries, validBody).map(make('bad-parameter', true))]);
  }
  const unknownQuery = fc
    .tuple(params, queries, validBody, BAD_TEXT)
    .map(([p, q, b, v]) => make('unknown-query', contract && query.length > 0)([p, { ...q, unknownParameter: v }, b]));
  if (REFUSED_ONLY.has(`${method} ${template}`)) return unknownQuery;
  variants.push([1, unknownQuery]);
  return fc.oneof(...variants.map(([weight, arbitrary]) => ({ weight, arbitrary })));
}

describe('fuzzing the API from its OpenAPI document (HTTP, real PostgreSQL and Redis)', () => {
  let api: ReadApiHarness;
  const head = async () =>
    (await sql<{ head: string }>`SELECT coalesce(max(position), 0)::text AS head FROM events`.execute(api.db.db)).rows[0]!.head;
  const budget = 10_000_000;
  const operations = Object.entries(document.paths)
    .flatMap(([template, item]) =>
      Object.entries(item).map(([method, operation]) => ({
        key: `${method.toUpperCase()} ${template}`,
        arbitrary: requests(method.toUpperCase(), template, operation),
      })),
    )
    .filter((o) => !SKIPPED.has(o.key));

  beforeAll(async () => {
    // Generous budgets: the rate limiter is not under test here. The projector runs, so the read models answer.
    api = await startReadApi({ rateLimitReads: budget, rateLimitWrites: budget, rateLimitIngestions: budget, rateLimitTails: budget });
    await registerCatalog(api as unknown as ApiHarness);
    await api.settled(await head());
  });
  afterAll(() => api?.close());

  it(`answers ${RUNS} generated requests over every operation within the contract`, async () => {
    const seen = new Map<string, number>();
    const timing = new Map<string, number>();
    let before = await head();
    const started = Date.now();
    await fc
      .assert(
        fc.asyncProperty(
          fc.constantFrom(...operations).chain((o) => o.arbitrary),
          async (r) => {
            const key = `${r.method} ${r.url.split('?')[0]}`;
            // enforceContract (in the harness) throws when the answer breaks the document.
            const t0 = performance.now();
            const response: ApiResponse = await api.request(r.method, r.url, r.body);
            const opKey = `${r.method} ${(r.url.split('?')[0] ?? '').replace(/\/[^/]*$/, '/_')}`;
            timing.set(opKey, (timing.get(opKey) ?? 0) + performance.now() - t0);
            seen.set(r.method, (seen.get(r.method) ?? 0) + 1);
            const where = `${key} (${r.variant}) ${JSON.stringify(r.body)?.slice(0, 300)} → ${response.status} ${JSON.stringify(response.body)?.slice(0, 300)}`;
            if (response.status >= 500) throw new Error(`5xx: ${where}`);
            const after = await head();
            if (response.status >= 300 && after !== before) throw new Error(`a refused request moved the head from ${before} to ${after}: ${where}`);
            before = after;
            if (r.contract && r.variant === 'valid' && response.status === 400)
              throw new Error(`refused a request its contract calls valid: ${where}`);
            if (r.breaksContract && response.status !== 400 && response.status !== 414)
              throw new Error(`accepted a request that breaks its contract: ${where}`);
          },
        ),
        { numRuns: RUNS, endOnFailure: true, seed: SEED },
      )
      .catch((error: unknown) => {
        // fast-check keeps the failing check's own error as the cause.
        const cause = error instanceof Error && error.cause instanceof Error ? `\n${error.cause.message}` : '';
        throw new Error(
          `contract fuzz failed; replay with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}\n${error instanceof Error ? error.message : String(error)}${cause}`,
        );
      });
    console.log(
      `contract fuzz (FUZZ_SEED=${SEED}): ${RUNS} requests over ${operations.length} operations in ${Date.now() - started} ms`,
      Object.fromEntries(seen),
      [...timing]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([k, v]) => `${k}: ${Math.round(v)} ms`),
    );
  }, 300_000);
});
