/**
 * OpenTelemetry tracing, off unless the standard OTEL_* variables ask for it
 * (see `tracingRequested`). Imported by the apps' main files before anything
 * else, through its own alias (`@factledger/platform/tracing`): instrumentation
 * patches `http` and `pg` as they load, so it must start first.
 */
import { NodeSDK } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { TRACING_SDK, tracingRequested } from './trace-context';

let sdk: NodeSDK | null = null;

/** Starts the SDK (exporter, sampler, resource from OTEL_*) when asked; returns whether it did. */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (sdk || !tracingRequested(env)) return sdk !== null;
  env.OTEL_SERVICE_NAME ??= serviceName;
  sdk = new NodeSDK({
    instrumentations: [
      // Health probes and scrapes would be most of the traces; the API's own requests are what matter.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => /^\/(health|metrics)\b/.test(request.url ?? '') }),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  // Where flushTracing (loaded by every app, unlike this module) finds it on shutdown.
  (globalThis as Record<symbol, unknown>)[TRACING_SDK] = sdk;
  return true;
}
