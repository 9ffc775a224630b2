import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './generated/openapi';
import { FactledgerProblem } from './problem';
import { READ_YOUR_WRITES_PATHS } from './read-your-writes-paths';
import type { CsvPath, Init, InitArg, Media, Method, Ok, PageItem, PagedPath, PathWith } from './typed-paths';

export interface FactledgerClientOptions {
  /** Where the API is, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** An API key (`flk_<id>_<secret>`), sent as a bearer token; none for anonymous reads. */
  apiKey?: string;
  /**
   * Read-your-writes (default on): after a write the client remembers the
   * position it answered and sends it as `minPosition` on later reads, so they
   * wait (bounded) until the read models applied it. A read that sends its own
   * `minPosition` keeps it.
   */
  readYourWrites?: boolean;
  /** A fresh Idempotency-Key for a write that names none (default: a random UUID). */
  idempotencyKey?: () => string;
  /** Another fetch (tests, retries, a proxy). */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** `If-Match` for a write on a figure (or metric, source, report) at the version you last saw. */
export const ifMatch = (version: number | { streamVersion: number }): string => `"${typeof version === 'number' ? version : version.streamVersion}"`;

/**
 * The factledger API, typed from its OpenAPI document (openapi-fetch over the
 * types openapi-typescript generates). `get`/`post`/`patch`/`put`/`delete`
 * answer the success body and throw a `FactledgerProblem` on a 4xx/5xx;
 * `api` is the underlying openapi-fetch client for anything else (its answers
 * are `{ data, error, response }`). Both send the key, an Idempotency-Key on
 * writes, and read-your-writes `minPosition`.
 */
export class FactledgerClient {
  readonly api: Client<paths, Media>;
  private position: bigint | null = null;
  private readonly readYourWrites: boolean;
  private readonly newKey: () => string;

  constructor(private readonly options: FactledgerClientOptions) {
    this.readYourWrites = options.readYourWrites ?? true;
    this.newKey = options.idempotencyKey ?? (() => globalThis.crypto.randomUUID());
    this.api = createClient<paths, Media>({
      baseUrl: options.baseUrl,
      headers: { accept: 'application/json', ...options.headers },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.api.use(this.middleware);
  }

  /** The position of the last write this client saw answered (sent as minPosition), or null. */
  get lastWritePosition(): string | null {
    return this.position === null ? null : String(this.position);
  }

  get<P extends PathWith<'get'>, I extends Init<P, 'get'>>(path: P, ...init: InitArg<I>): Promise<Ok<P, 'get', I>> {
    return this.call('get', path, init[0]);
  }
  post<P extends PathWith<'post'>, I extends Init<P, 'post'>>(path: P, ...init: InitArg<I>): Promise<Ok<P, 'post', I>> {
    return this.call('post', path, init[0]);
  }
  patch<P extends PathWith<'patch'>, I extends Init<P, 'patch'>>(path: P, ...init: InitArg<I>): Promise<Ok<P, 'patch', I>> {
    return this.call('patch', path, init[0]);
  }
  put<P extends PathWith<'put'>, I extends Init<P, 'put'>>(path: P, ...init: InitArg<I>): Promise<Ok<P, 'put', I>> {
    return this.call('put', path, init[0]);
  }
  delete<P extends PathWith<'delete'>, I extends Init<P, 'delete'>>(path: P, ...init: InitArg<I>): Promise<Ok<P, 'delete', I>> {
    return this.call('delete', path, init[0]);
  }

  /**
   * Every item of a paged list, page after page (`page.nextCursor`). The
   * cursor keeps the first page's basis, so the whole list is read at one
   * position and date however the ledger moves on meanwhile.
   */
  async *pages<P extends PagedPath, I extends Init<P, 'get'>>(path: P, ...init: InitArg<I>): AsyncGenerator<PageItem<P>, void, undefined> {
    const first = (init[0] ?? {}) as { params?: { query?: Record<string, unknown> } };
    let cursor: string | null | undefined;
    do {
      // A continued page takes its basis from the cursor: an asOf time or an omitted validAt would contradict it.
      const { asOf: _asOf, validAt: _validAt, ...rest } = first.params?.query ?? {};
      const query = cursor ? { ...rest, cursor } : first.params?.query;
      const page = (await this.call('get', path, { ...first, params: { ...first.params, query } })) as {
        data: PageItem<P>[];
        page: { nextCursor: string | null };
      };
      yield* page.data;
      cursor = page.page.nextCursor;
    } while (cursor);
  }

  /** A CSV export (`format=csv`) as text, with the basis it was computed from (the `Basis-*` response headers). */
  async csv<P extends CsvPath, I extends Init<P, 'get'>>(path: P, ...init: InitArg<I>): Promise<{ text: string; basis: Record<string, string> }> {
    const given = (init[0] ?? {}) as { params?: { query?: Record<string, unknown> } };
    const { data, error, response } = await (
      this.api.GET as (p: string, i: unknown) => Promise<{ data?: string; error?: unknown; response: Response }>
    )(path, {
      ...given,
      params: { ...given.params, query: { ...given.params?.query, format: 'csv' } },
      headers: { accept: 'text/csv' },
      parseAs: 'text',
    });
    if (error !== undefined || !response.ok) throw new FactledgerProblem(response.status, parseProblem(error));
    const basis = Object.fromEntries(
      [...response.headers].filter(([name]) => name.startsWith('basis-')).map(([name, value]) => [name.slice('basis-'.length), value]),
    );
    return { text: data ?? '', basis };
  }

  private async call(method: Method, path: string, init: unknown): Promise<any> {
    const send = this.api[method.toUpperCase() as Uppercase<Method>] as (
      p: string,
      i: unknown,
    ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
    const { data, error, response } = await send(path, init);
    if (!response.ok) throw new FactledgerProblem(response.status, error);
    return data;
  }

  private readonly middleware: Middleware = {
    onRequest: ({ request, schemaPath, params }) => {
      if (this.options.apiKey && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${this.options.apiKey}`);
      // A retry of the same call (same key, same body) is answered from the first response, never appended twice.
      if (WRITES.has(request.method) && !request.headers.has('idempotency-key')) request.headers.set('idempotency-key', this.newKey());
      if (
        request.method === 'GET' &&
        this.readYourWrites &&
        this.position !== null &&
        READ_YOUR_WRITES_PATHS.has(schemaPath) &&
        params.query?.['minPosition'] === undefined
      ) {
        const url = new URL(request.url);
        url.searchParams.set('minPosition', String(this.position));
        return new Request(url, request);
      }
      return undefined;
    },
    onResponse: async ({ request, response }) => {
      if (!WRITES.has(request.method) || !response.ok || !response.headers.get('content-type')?.includes('json')) return undefined;
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { position?: unknown } | null;
      // A write that changed nothing answers position null: nothing new to wait for.
      if (typeof body?.position === 'string' && /^[0-9]+$/.test(body.position)) {
        const position = BigInt(body.position);
        if (this.position === null || position > this.position) this.position = position;
      }
      return undefined;
    },
  };
}

const parseProblem = (error: unknown): unknown => {
  if (typeof error !== 'string') return error;
  try {
    return JSON.parse(error);
  } catch {
    return error;
  }
};

export const createFactledgerClient = (options: FactledgerClientOptions): FactledgerClient => new FactledgerClient(options);
