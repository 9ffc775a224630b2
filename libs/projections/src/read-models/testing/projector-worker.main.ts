import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, PlatformModule } from '@factledger/platform';
import { ProjectorWorkerModule } from '../projector-worker.module';

/**
 * A worker process with only the projector, for the crash and failover tests:
 * `node -r ./tools/register.cjs <this file>` with DATABASE_URL set, and
 * PROJECTOR_BATCH_SIZE for small batches. Prints "ready" once every read
 * model is set up and running; SIGTERM stops it gracefully, SIGKILL crashes it.
 */
async function main(): Promise<void> {
  const config = { ...loadConfig(), logLevel: 'error' as const };
  @Module({
    imports: [
      PlatformModule.forRoot({ config, applicationName: 'factledger-worker-test' }),
      ProjectorWorkerModule.forRoot({ batchSize: Number(process.env.PROJECTOR_BATCH_SIZE ?? 1000), pollIntervalMs: 50, lockRetryMs: 100 }),
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
