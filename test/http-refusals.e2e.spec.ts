import { randomUUID } from 'node:crypto';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { sql } from 'kysely';
import { appendToStream } from '@factledger/event-store';
import { startReadModelEngine } from '../libs/projections/src/read-models/testing/read-model-engine';
import { clientErrorResponse, handleClientError } from '../apps/api/src/http/client-errors';
import { startApi, type ApiHarness } from './support/api-harness';
import { METRIC, registerCatalog, upTo1500 } from './support/scenario';

const PROBLEM = 'application/problem+json';

/** Writes raw bytes to a socket and reads everything until the server closes it. */
function rawExchange(port: number, request: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

const parseRaw = (raw: string) => {
  const [head, body] = [raw.slice(0, raw.indexOf('\r\n\r\n')), raw.slice(raw.indexOf('\r\n\r\n') + 4)];
  return { status: Number(head.split(' ')[1]), head: head.toLowerCase(), body: JSON.parse(body) };
};

describe('refusals from the router and from Node’s HTTP parser are problem+json (HTTP, real PostgreSQL)', () => {
  let api: ApiHarness;
  let port: number;
  const head = async () =>
    (await sql<{ head: string }>`SELECT coalesce(max(position), 0)::text AS head FROM events`.execute(api.db.db)).rows[0]!.head;

  beforeAll(async () => {
    api = await startApi({ bodyLimitBytes: 64 * 1024 });
    await registerCatalog(api);
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    port = (api.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => api.close());

  describe('405 with Allow on a known path', () => {
    it.each([
      ['PUT', '/v1/metrics', ['GET', 'HEAD', 'POST']],
      ['DELETE', `/v1/figures/${randomUUID()}`, ['GET', 'HEAD']],
      ['POST', `/v1/metrics/${METRIC.key}/estimate`, ['GET', 'HEAD']],
      ['PATCH', '/v1/checkpoints', ['POST']],
      ['POST', '/v1/proofs/consistency?from=1&to=2', ['GET', 'HEAD']],
    ])('%s %s → 405, Allow lists the path’s methods, nothing appended', async (method, url, allowed) => {
      const before = await head();
      const response = await api.request(method, url, method === 'GET' ? undefined : {});
      expect(response.status).toBe(405);
      expect(String(response.headers['content-type'])).toContain(PROBLEM);
      expect(String(response.headers.allow).split(', ')).toEqual(expect.arrayContaining(allowed));
      expect(String(response.headers.allow).split(', ')).not.toContain(method);
      expect(response.body).toMatchObject({ status: 405, code: 'route.method_not_allowed', detail: expect.stringContaining(method) });
      expect(await head()).toBe(before);
    });

    it('a path no route has is still 404 problem+json', async () => {
      const response = await api.request('DELETE', '/v1/no-such-thing');
      expect(response.status).toBe(404);
      expect(String(response.headers['content-type'])).toContain(PROBLEM);
    });
  });

  describe('over the wire', () => {
    it('413: a body over BODY_LIMIT_BYTES', async () => {
      const before = await head();
      const body = JSON.stringify({ ...METRIC, key: 'too_big', description: 'x'.repeat(70 * 1024) });
      const response = parseRaw(
        await rawExchange(
          port,
          `POST /v1/metrics HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
        ),
      );
      expect(response.status).toBe(413);
      expect(response.head).toContain(`content-type: ${PROBLEM}`);
      expect(response.body).toMatchObject({ status: 413, code: 'request.too_large' });
      expect(await head()).toBe(before);
    });

    it('431: headers larger than Node’s limit', async () => {
      const response = parseRaw(await rawExchange(port, `GET /v1/metrics HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
      expect(response.status).toBe(431);
      expect(response.head).toContain(`content-type: ${PROBLEM}`);
      expect(response.body).toMatchObject({
        status: 431,
        code: 'request.headers_too_large',
        type: expect.any(String),
        title: 'Request Header Fields Too Large',
      });
    });

    it('400: a raw NUL in a header value, and a control character in a header name', async () => {
      const before = await head();
      for (const request of [
        Buffer.concat([
          Buffer.from('POST /v1/metrics HTTP/1.1\r\nHost: x\r\nX-Actor: a'),
          Buffer.from([0]),
          Buffer.from('b\r\nContent-Length: 2\r\n\r\n{}'),
        ]),
        'GET /v1/metrics HTTP/1.1\r\nHost: x\r\nX-\u0001Bad: 1\r\n\r\n',
      ]) {
        const response = parseRaw(await rawExchange(port, request));
        expect(response.status).toBe(400);
        expect(response.head).toContain(`content-type: ${PROBLEM}`);
        expect(response.body).toMatchObject({ status: 400, code: expect.stringMatching(/^request\./) });
      }
      expect(await head()).toBe(before);
    });

    it('400: a request line that is not HTTP', async () => {
      const response = parseRaw(await rawExchange(port, 'GARBAGE\r\n\r\n'));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: expect.stringMatching(/^request\./) });
    });

    it('408: the handler answers a request timeout with problem+json on the open socket', async () => {
      // Node raises ERR_HTTP_REQUEST_TIMEOUT on its own schedule (checked every 30 s); the handler is driven on a real socket.
      const server = createServer((socket: Socket) =>
        handleClientError(Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' }), socket),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const response = parseRaw(await rawExchange((server.address() as AddressInfo).port, 'GET / HTTP/1.1\r\n'));
        expect(response.status).toBe(408);
        expect(response.head).toContain(`content-type: ${PROBLEM}`);
        expect(response.body).toMatchObject({ status: 408, code: 'request.timeout' });
      } finally {
        server.close();
      }
      expect(clientErrorResponse({ code: 'HPE_SOMETHING_NEW' })).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*"code":"request.malformed"/);
    });
  });

  it('an amount stored before the bound (a range of 1e308–1.6e308, appended directly) gives a finite point and median', async () => {
    const written = await api.request('POST', '/v1/figures', upTo1500);
    const { rows } = await sql<{
      type: string;
      data: Record<string, unknown>;
    }>`SELECT event_type AS type, data FROM events WHERE stream_id = ${`figure-${written.body.id}`} ORDER BY stream_version`.execute(api.db.db);
    const [rangeId, exactId] = [randomUUID(), randomUUID()];
    const huge = (figureId: string, extra: object) => ({ id: randomUUID(), type: rows[0]!.type, data: { ...rows[0]!.data, figureId, ...extra } });
    await appendToStream(api.db.db, `figure-${rangeId}`, [huge(rangeId, { amount: { qualifier: 'range', low: 1e308, high: 1.6e308 } })], {
      expectedVersion: 'no_stream',
    });
    await appendToStream(
      api.db.db,
      `figure-${exactId}`,
      [huge(exactId, { sourceId: 'us-intelligence', amount: { qualifier: 'exact', value: 1.7e308 } })],
      { expectedVersion: 'no_stream' },
    );
    const engine = await startReadModelEngine(api.db);
    try {
      const position = await head();
      const estimate = await api.request('GET', `/v1/metrics/${METRIC.key}/estimate?validAt=2024-10-25&minPosition=${position}`);
      expect(estimate.status).toBe(200);
      // nl-mivd's later-recorded range replaces its up-to-1,500 (one figure per source); us-intelligence says exactly 1.7e308.
      expect(estimate.body.data).toMatchObject({ sourceCount: 2, consensus: 1.5e308, low: 1e308, high: 1.7e308 });
      expect(estimate.body.data.sources.find((s: { figureId: string }) => s.figureId === rangeId)).toMatchObject({
        point: 1.3e308,
        low: 1e308,
        high: 1.6e308,
      });
      const figures = await api.request('GET', `/v1/metrics/${METRIC.key}/figures?validAt=2024-10-25&minPosition=${position}`);
      expect(figures.status).toBe(200);
      expect(JSON.stringify(figures.body)).toContain('"point":1.3e+308');
      expect(JSON.stringify(figures.body)).not.toContain('"point":null');
    } finally {
      await engine.stop();
    }
  });
});
