import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, DatabaseRoleError, loadConfig } from '@factledger/platform';
import { SigningKeyError } from '@factledger/audit';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: ['error', 'warn', 'log', 'debug', 'verbose'].slice(0, ['error', 'warn', 'log', 'debug', 'verbose'].indexOf(config.logLevel) + 1) as never,
  });
  // SIGTERM/SIGINT run the modules' shutdown hooks: in-flight batches and jobs finish first.
  app.enableShutdownHooks();
  await app.init();
  new Logger('worker').log('worker started');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof DatabaseRoleError || error instanceof SigningKeyError ? error.message : error);
  process.exit(1);
});
