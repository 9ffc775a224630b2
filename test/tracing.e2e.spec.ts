import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createTestKey, isTraceparent, traceIdOf } from '@factledger/platform';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { eventually } from '../libs/ingestion/src/testing/ingestion-test-apps';

interface ReceivedSpan {
  service: string;
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
        type Resource = { attributes: ReceivedSpan['attributes'] };
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          resourceSpans: { resource: Resource; scopeSpans: { spans: ReceivedSpan[] }[] }[];
        };
        for (const r of body.resourceSpans ?? []) {
          const service = String(r.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue);
          for (const s of r.scopeSpans ?? []) spans.push(...(s.spans ?? []).map((span) => ({ ...span, service })));
        }
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
  let worker: ChildProcess;
  let base: string;
  let token: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    receiver = await startReceiver();
    token = (await createTestKey(t.db)).token;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const root = path.resolve(__dirname, '..');
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: t.url,
      LOG_LEVEL: 'error',
      QUEUE_PREFIX: `test-tracing-${port}`,
      // The standard variables, nothing factledger-specific.
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
    };
    const start = (main: string, more: Record<string, string>) =>
      spawn(process.execPath, ['-r', './tools/register.cjs', main], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...env, ...more } });
    api = start('apps/api/src/main.ts', { HOST: '127.0.0.1', PORT: String(port) });
    worker = start('apps/worker/src/main.ts', {
      SEALER_DATABASE_URL: t.sealerUrl,
      SIGNING_KEY_FILE: path.join(mkdtempSync(path.join(tmpdir(), 'factledger-tracing-')), 'signing-key.pem'),
      WORKER_METRICS_LISTEN: '',
    });
    await eventually(async () => (await fetch(`${base}/health`).catch(() => null))?.ok, 60_000, 'the API to answer');
  }, 90_000);

  afterAll(async () => {
    for (const child of [worker, api]) {
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    }
    await new Promise((resolve) => receiver?.server.close(resolve));
    await t?.drop();
  });

  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
    });
  const metadataOf = async (streamId: string) =>
    (await t.pool.query(`SELECT metadata FROM events WHERE stream_id = $1`, [streamId])).rows.map((r) => r.metadata);

  it('a POST and the event it appends share a trace id; the trace has the HTTP server span and PostgreSQL spans', async () => {
    const response = await post('/v1/sources', { sourceId: 'traced-src', name: 'Traced Wire', kind: 'media', country: 'FR' });
    expect(response.status).toBe(201);
    const [metadata] = await metadataOf('source-traced-src');
    expect(isTraceparent(metadata.traceparent)).toBe(true);
    const traceId = traceIdOf(metadata.traceparent)!;
    const spans = await eventually(
      async () => {
        const inTrace = receiver.spans.filter((s) => s.traceId === traceId);
        return inTrace.some((s) => s.kind === 2) && inTrace.some((s) => s.attributes.some((a) => a.key === 'db.system' || a.key === 'db.system.name'))
          ? inTrace
          : null;
      },
      15_000,
      "the request's spans",
    );
    const server = spans.find((s) => s.kind === 2)!;
    // The event keeps the request's own (server) span.
    expect(metadata.traceparent.split('-')[2]).toBe(server.spanId);
    expect(server.attributes.find((a) => a.key === 'http.route')?.value).toEqual({ stringValue: '/v1/sources' });
  });

  it('a request that is not sampled leaves no traceparent in its events', async () => {
    // A caller's unsampled parent: the parent-based sampler does not record this request.
    const unsampled = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00';
    const response = await post(
      '/v1/sources',
      { sourceId: 'untraced-src', name: 'Untraced Wire', kind: 'media', country: 'FR' },
      { traceparent: unsampled },
    );
    expect(response.status).toBe(201);
    const [metadata] = await metadataOf('source-untraced-src');
    expect(metadata.traceparent).toBeUndefined();
    expect(metadata.actor).toBeDefined();
  });

  it("carries the trace through the ingestion job: the worker's spans and the events it writes share the submitting request's trace id", async () => {
    for (const [url, body] of [
      ['/v1/metrics', { key: 'traced_troops', label: 'Traced troops', unit: 'troops' }],
      ['/v1/sources', { sourceId: 'traced-mivd', name: 'Traced MIVD', kind: 'intelligence', country: 'NL' }],
    ] as const) {
      expect((await post(url, body)).status).toBe(201);
    }
    // The caller's sampled parent: its trace id is the request's.
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const submitted = await post(
      '/v1/ingestions',
      {
        kind: 'structured',
        report: { publisher: 'Traced Wire', title: 'Traced report', publishedAt: '2024-10-28', language: 'en' },
        figures: [
          {
            metricKey: 'traced_troops',
            source: 'Traced MIVD',
            qualifier: 'approximately',
            value: 11000,
            validAt: '2024-10-28',
            quote: 'about 11,000',
          },
        ],
      },
      { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    );
    expect(submitted.status).toBe(202);
    const { jobId } = (await submitted.json()) as { jobId: string };
    const job = await eventually(
      async () => {
        const body = (await (await fetch(`${base}/v1/ingestions/${jobId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
          state: string;
          result?: { figureIds: string[] };
        };
        return body.state === 'completed' || body.state === 'failed' ? body : null;
      },
      60_000,
      'the job',
    );
    expect(job.state).toBe('completed');
    const [metadata] = await metadataOf(`figure-${job.result!.figureIds[0]}`);
    expect(metadata).toMatchObject({ via: 'worker', ingestionJobId: jobId });
    expect(traceIdOf(metadata.traceparent)).toBe(traceId);
    const workerSpans = await eventually(
      async () => {
        const spans = receiver.spans.filter((s) => s.traceId === traceId && s.service === 'factledger-worker');
        return spans.some((s) => s.kind === 5) ? spans : null; // a consumer span: BullMQ processing the job
      },
      15_000,
      "the worker's spans in the request's trace",
    );
    expect(workerSpans.length).toBeGreaterThan(0);
    expect(receiver.spans.some((s) => s.traceId === traceId && s.service === 'factledger-api' && s.kind === 4)).toBe(true); // the producer span: adding the job
  }, 90_000);
});
