import { ApiUnreachable, cliFetch } from './api-client';

describe("the CLI client's fetch", () => {
  it('waits out a 429 for its Retry-After, then answers what the API answers', async () => {
    const statuses = [429, 200];
    const sent: string[] = [];
    const fetchImpl = (async (request: Request) => {
      sent.push(await request.text());
      return new Response('{}', { status: statuses.shift()!, headers: { 'retry-after': '0' } });
    }) as typeof fetch;
    const response = await cliFetch(
      'http://api.test',
      fetchImpl,
    )(new Request('http://api.test/v1/ingestions', { method: 'POST', body: 'same body' }));
    expect(response.status).toBe(200);
    expect(sent).toEqual(['same body', 'same body']); // the body is sent again in full
  });

  it('gives up waiting after five 429s and answers the last', async () => {
    let calls = 0;
    const fetchImpl = (async () => (calls++, new Response('', { status: 429, headers: { 'retry-after': '0' } }))) as typeof fetch;
    expect((await cliFetch('http://api.test', fetchImpl)(new Request('http://api.test/v1/metrics'))).status).toBe(429);
    expect(calls).toBe(6);
  });

  it('says which API cannot be reached', async () => {
    const fetchImpl = (async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
    }) as typeof fetch;
    const call = cliFetch('http://127.0.0.1:9', fetchImpl)(new Request('http://127.0.0.1:9/v1/projections'));
    await expect(call).rejects.toThrow(ApiUnreachable);
    await expect(call).rejects.toThrow('http://127.0.0.1:9 is not reachable: connect ECONNREFUSED 127.0.0.1:9');
  });
});
