/** The API could not be asked (network, HTTP error, not JSON): verification could not complete. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type FetchLike = (
  url: string,
  init?: { method?: string; signal?: AbortSignal; headers?: Record<string, string> },
) => Promise<{
  status: number;
  ok: boolean;
  text(): Promise<string>;
}>;

/**
 * A deliberately small HTTP client: the verifier talks to the server only
 * over its public API, like any auditor would, and trusts nothing it returns.
 */
export class VerifyApiClient {
  private readonly base: string;

  constructor(
    baseUrl: string,
    private readonly fetchFn: FetchLike = fetch as unknown as FetchLike,
    private readonly timeoutMs = 30_000,
    /** A bearer API key (FACTLEDGER_API_KEY): needed for the auditor-only endpoints. */
    private readonly apiKey?: string,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  get baseUrl(): string {
    return this.base;
  }

  get(path: string): Promise<unknown> {
    return this.call('GET', path);
  }

  post(path: string): Promise<unknown> {
    return this.call('POST', path);
  }

  private async call(method: string, path: string): Promise<unknown> {
    const url = `${this.base}${path}`;
    let status: number;
    let text: string;
    try {
      const res = await this.fetchFn(url, {
        method,
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: { accept: 'application/json', ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}) },
      });
      status = res.status;
      text = await res.text();
    } catch (e) {
      throw new ApiError(`cannot reach ${url}: ${(e as Error).message}`);
    }
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new ApiError(`${method} ${path} answered ${status} with a body that is not JSON`, status);
    }
    if (status < 200 || status > 299) {
      const problem = (body ?? {}) as { code?: unknown; detail?: unknown };
      const code = typeof problem.code === 'string' ? problem.code : null;
      const detail = typeof problem.detail === 'string' ? `: ${problem.detail}` : '';
      throw new ApiError(`${method} ${path} answered ${status}${code ? ` (${code})` : ''}${detail}`, status, code);
    }
    return body;
  }
}
