import { isSpanContextValid, trace, TraceFlags, type Span } from '@opentelemetry/api';

/** W3C Trace Context `traceparent`, version 00: lower-case hex, neither id all zeros. */
const TRACEPARENT = /^00-(?!0{32})([0-9a-f]{32})-(?!0{16})([0-9a-f]{16})-([0-9a-f]{2})$/;

export const isTraceparent = (value: unknown): value is string => typeof value === 'string' && TRACEPARENT.test(value);

export const traceIdOf = (traceparent: string): string | null => TRACEPARENT.exec(traceparent)?.[1] ?? null;

/**
 * The `traceparent` of a span, only when it is real and sampled (tracing on
 * and this request traced); with tracing off the API's no-op span gives none.
 */
export function traceparentOf(span: Span | undefined = trace.getActiveSpan()): string | undefined {
  const context = span?.spanContext();
  if (!context || !isSpanContextValid(context) || (context.traceFlags & TraceFlags.SAMPLED) === 0) return undefined;
  const value = `00-${context.traceId}-${context.spanId}-${(context.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
  return isTraceparent(value) ? value : undefined;
}

/**
 * Tracing is off by default and on when the standard variables name an
 * exporter: OTEL_TRACES_EXPORTER (other than `none`), or an OTLP endpoint;
 * OTEL_SDK_DISABLED=true wins.
 */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter) return exporter !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/** Where `startTracing` leaves the running SDK, for `flushTracing` (this module stays light: no SDK import). */
export const TRACING_SDK = Symbol.for('factledger.tracing-sdk');

/** Exports the spans still buffered and stops the SDK (graceful shutdown); nothing when tracing is off. */
export async function flushTracing(): Promise<void> {
  const holder = globalThis as Record<symbol, { shutdown(): Promise<void> } | undefined>;
  const sdk = holder[TRACING_SDK];
  holder[TRACING_SDK] = undefined;
  await sdk?.shutdown().catch(() => undefined);
}
