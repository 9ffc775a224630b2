import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The committed document (docs/openapi.json); openapi-drift.unit.spec.ts holds it equal to what the code generates. */
export const OPENAPI_PATH = path.resolve(__dirname, '../../../docs/openapi.json');

type Media = { schema?: unknown; 'x-item-schema'?: unknown };
type Operation = {
  responses?: Record<string, { content?: Record<string, Media> }>;
  'x-contract'?: boolean;
  'x-problem-codes'?: Record<string, string[]>;
};
type Document = { paths: Record<string, Record<string, Operation>>; components?: unknown };

export interface ContractResponse {
  status: number;
  contentType?: string;
  /** Parsed JSON, the raw text when not JSON, or undefined when empty. */
  body: unknown;
}

/** Paths outside the API contract (pages, docs, operator tools): their answers are not checked. */
const OUTSIDE = [/^\/docs(\/|$)/, /^\/metrics$/, /^\/admin\//, /^\/$/, /^\/assets\//];

/**
 * Checks answers against an OpenAPI document: the status must be declared for
 * the operation, and a JSON body must match the schema declared for that
 * status and media type (ajv, JSON Schema 2020-12 with formats, as OpenAPI 3.1).
 */
export class OpenApiContract {
  private readonly ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  private readonly operations: { method: string; template: string; pattern: RegExp; literal: number; operation: Operation }[] = [];
  private readonly validators = new Map<unknown, ValidateFunction>();

  constructor(readonly document: Document) {
    this.ajv.addSchema({ $id: 'openapi', components: document.components ?? {} });
    for (const [template, item] of Object.entries(document.paths)) {
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
      const literal = template.split('/').filter((s) => !s.startsWith('{')).length;
      for (const [method, operation] of Object.entries(item))
        this.operations.push({ method: method.toUpperCase(), template, pattern: new RegExp(`^${source}$`), literal, operation });
    }
  }

  static committed(): OpenApiContract {
    return new OpenApiContract(JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as Document);
  }

  /** The operation a request reaches, most literal path first (/v1/x/search before /v1/x/{id}). */
  find(method: string, url: string) {
    // Matched as sent: a segment's %2F is part of the segment, not a separator.
    const pathname = url.split('?')[0]!.replace(/\/+$/, '') || '/';
    const candidates = this.operations.filter((o) => o.pattern.test(pathname)).sort((a, b) => b.literal - a.literal);
    return { operation: candidates.find((o) => o.method === method.toUpperCase()) };
  }

  /** What is wrong with this answer to this request; empty when it keeps the contract. */
  problems(requestMethod: string, url: string, response: ContractResponse): string[] {
    const method = requestMethod.toUpperCase() === 'HEAD' ? 'GET' : requestMethod.toUpperCase();
    const pathname = url.split('?')[0]!;
    if (OUTSIDE.some((p) => p.test(pathname))) return [];
    const { operation } = this.find(method, url);
    const problem = response.contentType?.startsWith('application/problem+json');
    if (!operation) {
      // Unknown route (404) or method (405): a problem, nothing else.
      if (response.status < 400) return [`${method} ${pathname} is not in the document but answered ${response.status}`];
      return problem
        ? this.check(`${method} ${pathname} ${response.status}`, { $ref: '#/components/schemas/Problem' }, response.body)
        : [`${method} ${pathname}: ${response.status} is not problem+json`];
    }
    const name = `${method} ${operation.template} ${response.status}`;
    const declared = operation.operation.responses?.[String(response.status)] ?? operation.operation.responses?.['default'];
    if (!declared) return [`${name}: status not declared`];
    if (response.status >= 400 && !problem) return [`${name}: an error must be application/problem+json, got ${response.contentType ?? 'nothing'}`];
    const mediaType = response.contentType?.split(';')[0]?.trim();
    const media = mediaType ? declared.content?.[mediaType] : undefined;
    if (response.body === undefined || response.body === '') return [];
    if (media?.['x-item-schema'] !== undefined && mediaType === 'application/x-ndjson') {
      // One JSON value per line, each matching the item schema.
      const text = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
      return text
        .split('\n')
        .filter((line) => line !== '')
        .flatMap((line, i) => {
          try {
            return this.check(`${name} line ${i + 1}`, media['x-item-schema'], JSON.parse(line));
          } catch {
            return [`${name} line ${i + 1}: not JSON`];
          }
        });
    }
    if (media?.['x-item-schema'] !== undefined) return [];
    if (!media?.schema) {
      // Operations not yet under a @Contract declare no success schema; the document spec lists them.
      return response.status < 400 && !operation.operation['x-contract'] ? [] : [`${name}: a ${mediaType ?? 'body'} is not declared`];
    }
    const problems = this.check(name, media.schema, response.body);
    // An operation that lists its problem codes lists them all.
    const codes = operation.operation['x-problem-codes']?.[String(response.status)];
    const code = (response.body as { code?: unknown }).code;
    if (problems.length === 0 && codes && response.status >= 400 && !codes.includes(String(code)))
      problems.push(`${name}: code ${String(code)} is not among the declared ${codes.join(', ')}`);
    return problems;
  }

  private check(name: string, schema: unknown, body: unknown): string[] {
    let validate = this.validators.get(schema);
    if (!validate) {
      const linked = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi#/components/')) as object;
      validate = this.ajv.compile(linked);
      this.validators.set(schema, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) =>
        `${name}: ${e.instancePath || 'body'} ${e.message ?? 'is invalid'}${e.keyword === 'additionalProperties' ? ` (${String(e.params['additionalProperty'])})` : ''}`,
    );
  }
}

let shared: OpenApiContract | undefined;
/** Throws when an answer breaks the committed document: every e2e harness calls it on every response. */
export function assertKeepsContract(method: string, url: string, response: ContractResponse): void {
  shared ??= OpenApiContract.committed();
  const problems = shared.problems(method, url, response);
  if (problems.length > 0)
    throw new Error(`response breaks the OpenAPI contract:\n  ${problems.join('\n  ')}\nbody: ${JSON.stringify(response.body)?.slice(0, 500)}`);
}

type InjectOptions = { method?: string; url?: string | { pathname?: string }; path?: string; query?: unknown };
type Injected = { statusCode: number; headers: Record<string, unknown>; body: string };
type Injectable = { inject: (...args: never[]) => unknown };

const parsed = (text: string): unknown => {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * Every answer `app.inject({...})` gets is checked against the committed
 * document, and a breach fails the request (so the test). The e2e harnesses
 * call it once on their app; a string URL with its query is what is matched.
 */
export function enforceContract<App extends { getHttpAdapter(): { getInstance(): unknown } }>(app: App): App {
  // The Nest app is a proxy that refuses new properties; its inject() is Fastify's.
  const fastify = app.getHttpAdapter().getInstance() as Injectable;
  const inject = (fastify.inject as (options?: InjectOptions) => unknown).bind(fastify);
  (fastify as unknown as { inject: unknown }).inject = (options?: InjectOptions) => {
    const pending = inject(options);
    if (!options || typeof options !== 'object' || typeof options.url !== 'string') return pending;
    const url = options.url;
    return (pending as Promise<Injected>).then((response) => {
      const contentType = response.headers['content-type'];
      assertKeepsContract(options.method ?? 'GET', url, {
        status: response.statusCode,
        contentType: typeof contentType === 'string' ? contentType : undefined,
        body: parsed(response.body),
      });
      return response;
    });
  };
  return app;
}
