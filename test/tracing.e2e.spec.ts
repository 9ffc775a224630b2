import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { createTestKey, isTraceparent, traceIdOf } from '@factledger/platform';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { eventually } from '../libs/ingestion/src/testing/ingestion-test-apps';

interface ReceivedSpan {
  traceId: string;
  spanId: string;
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
}

/** An OTLP/HTTP (JSON) trace receiver, as a collector would run it: POST /v1/traces. */
async function startReceiver(): Promise<{ server: Server; url: string; spans: ReceivedSpan[] }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans: { scopeSpans: { spans: ReceivedSpan[] }[] }[] };
        for (const r of body.resourceSpans ?? []) for (const s of r.scopeSpans ?? []) spans.push(...(s.spans ?? []));
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans };
}

const freePort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
};

describe('OpenTelemetry tracing of a real API process, exported over OTLP/HTTP to an in-process receiver', () => {
  let t: TestDatabase;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let api: ChildProcess;
  let base: string;
  let token: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    receiver = await startReceiver();
    token = (await createTestKey(t.db)).token;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const root = path.resolve(__dirname, '..');
    api = spawn(process.execPath, ['-r', './tools/register.cjs', 'apps/api/src/main.ts'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: t.url,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'error',
        QUEUE_PREFIX: `test-tracing-${port}`,
        // The standard variables, nothing factledger-specific.
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '100',
        OTEL_METRICS_EXPORTER: 'none',
        OTEL_LOGS_EXPORTER: 'none',
      },
    });
    await eventually(async () => (await fetch(`${base}/health`).catch(() => null))?.ok, 60_000, 'the API to answer');
  }, 90_000);

  afterAll(async () => {
    if (api && api.exitCode === null) {
      api.kill('SIGTERM');
      await new Promise((resolve) => api.once('exit', resolve));
    }
    await new Promise((resolve) => receiver?.server.close(resolve));
    await t?.drop();
  });

  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify(body) });
  const metadataOf = async (streamId: string) => (await t.pool.query(`SELECT metadata FROM events WHERE stream_id = $1`, [streamId])).rows.map((r) => r.metadata);

  it('a POST and the event it appends share a trace id; the trace has the HTTP server span and PostgreSQL spans', async () => {
    const response = await post('/v1/sources', { sourceId: 'traced-src', name: 'Traced Wire', kind: 'media', country: 'FR' });
    expect(response.status).toBe(201);
    const [metadata] = await metadataOf('source-traced-src');
    expect(isTraceparent(metadata.traceparent)).toBe(true);
    const traceId = traceIdOf(metadata.traceparent)!;
    const spans = await eventually(async () => {
      const inTrace = receiver.spans.filter((s) => s.traceId === traceId);
      return inTrace.some((s) => s.kind === 2) && inTrace.some((s) => s.attributes.some((a) => a.key === 'db.system' || a.key === 'db.system.name')) ? inTrace : null;
    }, 15_000, 'the request\'s spans');
    const server = spans.find((s) => s.kind === 2)!;
    // The event keeps the request's own (server) span.
    expect(metadata.traceparent.split('-')[2]).toBe(server.spanId);
    expect(server.attributes.find((a) => a.key === 'http.route')?.value).toEqual({ stringValue: '/v1/sources' });
  });

  it('a request that is not sampled leaves no traceparent in its events', async () => {
    // A caller's unsampled parent: the parent-based sampler does not record this request.
    const unsampled = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00';
    const response = await post('/v1/sources', { sourceId: 'untraced-src', name: 'Untraced Wire', kind: 'media', country: 'FR' }, { traceparent: unsampled });
    expect(response.status).toBe(201);
    const [metadata] = await metadataOf('source-untraced-src');
    expect(metadata.traceparent).toBeUndefined();
    expect(metadata.actor).toBeDefined();
  });
});
