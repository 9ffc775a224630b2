import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, PlatformModule } from '@factledger/platform';
import { ProjectorWorkerModule } from '../projector-worker.module';

const optionalNumber = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);

/**
 * A worker process with only the projector (no audit or ingestion work), for
 * the crash and failover tests and the lag benchmark: `node -r
 * ./tools/register.cjs <this file>` with DATABASE_URL set; PROJECTOR_BATCH_SIZE,
 * PROJECTOR_POLL_MS and PROJECTOR_LOCK_RETRY_MS override the worker's defaults.
 * Prints "ready" once every read model is set up and running; SIGTERM stops
 * it gracefully, SIGKILL crashes it.
 */
async function main(): Promise<void> {
  const config = { ...loadConfig(), logLevel: 'error' as const };
  @Module({
    imports: [
      PlatformModule.forRoot({ config, applicationName: 'factledger-projector' }),
      ProjectorWorkerModule.forRoot({
        batchSize: optionalNumber('PROJECTOR_BATCH_SIZE'),
        pollIntervalMs: optionalNumber('PROJECTOR_POLL_MS'),
        lockRetryMs: optionalNumber('PROJECTOR_LOCK_RETRY_MS'),
      }),
    ],
  })
  class TestWorkerModule {}
  const app = await NestFactory.createApplicationContext(TestWorkerModule, { logger: ['error'] });
  app.enableShutdownHooks();
  await app.init();
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
