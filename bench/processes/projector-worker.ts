import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, PlatformModule } from '@factledger/platform';
import { ProjectorWorkerModule } from '@factledger/projections';

/**
 * The worker's projector as apps/worker runs it (ProjectorWorkerModule with
 * its default tuning: woken by the event store's NOTIFY, polling once a
 * second as a fallback), without the audit and ingestion modules, which would
 * add their own work to the measurement. Prints "ready"; SIGTERM stops it.
 */
async function main(): Promise<void> {
  @Module({ imports: [PlatformModule.forRoot({ config: { ...loadConfig(), logLevel: 'warn' }, applicationName: 'factledger-bench-worker' }), ProjectorWorkerModule.forRoot()] })
  class BenchWorkerModule {}
  const app = await NestFactory.createApplicationContext(BenchWorkerModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.init();
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
