import { createFactledgerClient, FactledgerProblem, type FactledgerClient } from '@factledger/client';

export class ApiUnreachable extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The fetch under the CLI's client: an API that cannot be reached is an
 * ApiUnreachable (the commands say so and exit 1), and a 429 is waited out
 * (its Retry-After, at most 60 s, up to 5 times): a bulk ingest spends the
 * ingestion budget faster than the window refills.
 */
export function cliFetch(base: string, fetchImpl: typeof fetch = fetch): (request: Request) => Promise<Response> {
  return async (request) => {
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetchImpl(request.clone());
      } catch (error) {
        const cause = (error as Error).cause;
        throw new ApiUnreachable(`${base} is not reachable: ${cause instanceof Error ? cause.message : (error as Error).message}`);
      }
      if (response.status !== 429 || attempt >= 5) return response;
      await response.body?.cancel();
      await sleep(Math.min(60, Number(response.headers.get('retry-after')) || 1) * 1000);
    }
  };
}

/** The project's own typed client (@factledger/client), with the key from FACTLEDGER_API_KEY as a bearer token. */
export const cliClient = (base: string, key: string | undefined): FactledgerClient =>
  createFactledgerClient({ baseUrl: base, apiKey: key, fetch: cliFetch(base) });

/** A problem in one line: "422 ingestion.invalid_payload: … (report.title: is required)". */
export function describeProblem(problem: FactledgerProblem): string {
  const fields = problem.errors.length ? ` (${problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ')})` : '';
  return `${problem.status} ${problem.code}: ${problem.detail ?? ''}${fields}`;
}

/** The call's answer, or the problem it was refused with (an unreachable API still throws). */
export async function attempt<T>(call: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; problem: FactledgerProblem }> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    if (error instanceof FactledgerProblem) return { ok: false, problem: error };
    throw error;
  }
}
