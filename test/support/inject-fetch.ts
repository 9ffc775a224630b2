type Injectable = {
  inject(options: {
    method: never;
    url: string;
    headers: Record<string, string>;
    payload?: Buffer;
  }): Promise<{ statusCode: number; headers: Record<string, unknown>; rawPayload: Buffer }>;
};

/**
 * A fetch for @factledger/client that answers from the app's inject(): no
 * port, and every answer still goes through the harness's contract check
 * (enforceContract). `seen` records each request as sent (method, URL, headers).
 */
export function injectFetch(app: Injectable, seen: Request[] = []): (request: Request) => Promise<Response> {
  return async (request) => {
    seen.push(request.clone());
    const url = new URL(request.url);
    const payload = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const answer = await app.inject({
      method: request.method as never,
      url: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
      payload,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) for (const v of [value].flat()) if (v !== undefined) headers.append(name, String(v));
    const empty = answer.statusCode === 204 || answer.statusCode === 304;
    return new Response(empty ? null : new Uint8Array(answer.rawPayload), { status: answer.statusCode, headers });
  };
}
