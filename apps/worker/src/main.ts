// Tracing first: it instruments http and pg as they load (off unless OTEL_* variables ask for it).
import './tracing';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, createLogger, DatabaseRoleError, installGracefulShutdown, loadConfig, PinoNestLogger } from '@factledger/platform';
import { RestoreRuleError, SigningKeyError } from '@factledger/audit';
import { checkSchemaOnStart, SchemaVersionError } from '@factledger/migrations';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  // Code older than the schema it finds (a newer version migrated it) refuses to start.
  await checkSchemaOnStart(config.databaseUrl, (message) => new Logger('worker').warn(message));
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(createLogger(config, { name: 'factledger-worker' })),
  });
  // SIGTERM/SIGINT run the modules' shutdown hooks (in-flight batches and jobs finish first), then exit 0.
  installGracefulShutdown(app, { deadlineMs: config.shutdownTimeoutMs, logger: new Logger('worker') });
  await app.init();
  new Logger('worker').log('worker started');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${String(error instanceof ConfigError || error instanceof DatabaseRoleError || error instanceof SigningKeyError || error instanceof RestoreRuleError || error instanceof SchemaVersionError ? error.message : ((error as Error)?.stack ?? error))}\n`,
  );
  process.exit(1);
});
