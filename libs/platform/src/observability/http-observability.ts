import { trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { requestMetaOf } from '../http/request-context';
import { requestLogContext, type RequestLogContext } from './logger';
import type { MetricsRegistry } from './metrics-registry';
import { idempotentReplays } from './store-metrics';

interface ObservedRequest {
  method: string;
  url: string;
  headers: Record<string, unknown>;
  routeOptions?: { url?: string };
  principal?: { keyId: string };
}
interface ObservedReply {
  statusCode: number;
  elapsedTime: number;
  getHeader(name: string): unknown;
}
interface HookHost {
  addHook(name: 'onRequest', hook: (request: never, reply: never, done: () => void) => void): unknown;
  addHook(name: 'onResponse', hook: (request: never, reply: never, done: () => void) => void): unknown;
}

/** The route pattern (`/v1/figures/:id`), never the raw URL: one series per route, whatever ids clients send. */
export const routeOf = (request: ObservedRequest): string => request.routeOptions?.url ?? 'unmatched';

/**
 * Per request: the log context every line below it carries (request and
 * correlation id), and when the reply is sent, the request metrics and one
 * access log line (method, route, status, duration, ids, principal).
 */
export function installHttpObservability(fastify: HookHost, deps: { metrics: MetricsRegistry; logger: Logger }): void {
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = deps.metrics.counter({
    name: 'factledger_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames,
  });
  const duration = deps.metrics.histogram({
    name: 'factledger_http_request_duration_seconds',
    help: 'HTTP request duration (receipt to reply sent), by method, route pattern and status',
    labelNames,
  });
  const replays = idempotentReplays(deps.metrics);
  const access = deps.logger.child({ context: 'access' });

  fastify.addHook('onRequest', (request: ObservedRequest, _reply: unknown, done: () => void) => {
    const meta = requestMetaOf(request);
    const store: RequestLogContext = { requestId: meta.requestId, correlationId: meta.correlationId };
    // The server span (tracing on) is named by the route pattern, as the semantic conventions ask.
    const span = trace.getActiveSpan();
    if (span?.isRecording() && request.routeOptions?.url) {
      span.setAttribute('http.route', request.routeOptions.url);
      span.updateName(`${request.method} ${request.routeOptions.url}`);
    }
    // Everything that runs for this request (hooks, guards, handler) sees the store.
    requestLogContext.run(store, done);
  });

  // Callbacks, not async hooks: no promise per request.
  fastify.addHook('onResponse', (request: ObservedRequest, reply: ObservedReply, done: () => void) => {
    const route = routeOf(request);
    const labels = { method: request.method, route, status_code: String(reply.statusCode) };
    const seconds = reply.elapsedTime / 1000;
    requests.inc(labels);
    duration.observe(labels, seconds);
    if (reply.getHeader('idempotent-replayed') === 'true') replays.inc({ via: 'idempotency_key' });
    const meta = requestMetaOf(request);
    access.info(
      {
        method: request.method,
        route,
        url: request.url.length > 200 ? `${request.url.slice(0, 200)}…` : request.url,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
        requestId: meta.requestId,
        correlationId: meta.correlationId,
        principal: request.principal?.keyId ?? null,
      },
      'request completed',
    );
    done();
  });
}
