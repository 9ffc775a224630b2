/** A JSON answer from the API: status and parsed body (a problem+json body on errors). */
export interface ApiAnswer {
  status: number;
  body: any;
}

export class ApiUnreachable extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The few calls the CLI makes to the factledger API, with the key from
 * FACTLEDGER_API_KEY as a bearer header. A 429 is waited out (its
 * Retry-After, at most 60 s, up to 5 times): a bulk ingest spends the
 * ingestion budget faster than the window refills.
 */
export class CliApiClient {
  constructor(
    private readonly base: string,
    private readonly key: string | undefined,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async request(method: string, path: string, body?: { type: string; text: string }): Promise<ApiAnswer> {
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetchImpl(new URL(path, this.base), {
          method,
          headers: { accept: 'application/json', ...(this.key ? { authorization: `Bearer ${this.key}` } : {}), ...(body ? { 'content-type': body.type } : {}) },
          body: body?.text,
        });
      } catch (error) {
        throw new ApiUnreachable(`${this.base} is not reachable: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
      }
      const text = await response.text();
      if (response.status === 429 && attempt < 5) {
        await sleep(Math.min(60, Number(response.headers.get('retry-after')) || 1) * 1000);
        continue;
      }
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: kept as text */
      }
      return { status: response.status, body: parsed };
    }
  }
}

/** A problem+json answer in one line: "422 ingestion.invalid_payload: … (report.title: is required)". */
export function describeProblem(answer: ApiAnswer): string {
  const body = answer.body as { code?: string; detail?: string; errors?: { field?: string; message?: string }[] } | string | undefined;
  if (!body || typeof body !== 'object') return `HTTP ${answer.status}${body ? `: ${String(body).slice(0, 200)}` : ''}`;
  const fields = body.errors?.length ? ` (${body.errors.map((e) => `${e.field}: ${e.message}`).join('; ')})` : '';
  return `${answer.status} ${body.code ?? ''}: ${body.detail ?? ''}${fields}`;
}
