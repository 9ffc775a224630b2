import type { Logger } from '@nestjs/common';

interface Closable {
  close(): Promise<void>;
}

/**
 * SIGTERM / SIGINT: close the app (Nest's shutdown hooks: the API stops
 * accepting, drains in-flight requests and ends live tails; the worker
 * finishes its projector batch and its ingestion job), then exit 0. Past
 * `deadlineMs` it exits 1 with what is left cut short: a supervisor's own
 * grace period (Docker's 10 s, Kubernetes' 30 s) ends in SIGKILL anyway.
 * Nest's `enableShutdownHooks` is not used: it re-raises the signal after
 * closing, so the process never exits 0.
 */
export function installGracefulShutdown(app: Closable, options: { deadlineMs: number; logger: Pick<Logger, 'log' | 'warn'> }): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    options.logger.log(`${signal}: shutting down (at most ${options.deadlineMs} ms)`);
    const deadline = setTimeout(() => {
      options.logger.warn(`shutdown did not finish within ${options.deadlineMs} ms (SHUTDOWN_TIMEOUT_MS); exiting`);
      process.exit(1);
    }, options.deadlineMs);
    deadline.unref();
    app.close().then(
      () => process.exit(0),
      (error: Error) => {
        options.logger.warn(`shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
