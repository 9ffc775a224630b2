// Tracing first: it instruments http and pg as they load (off unless OTEL_* variables ask for it).
import './tracing';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { checkSchemaOnStart, SchemaVersionError } from '@factledger/migrations';
import { ConfigError, DatabaseRoleError, installGracefulShutdown, loadConfig } from '@factledger/platform';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  // Code older than the schema it finds (a newer version migrated it) refuses to start.
  await checkSchemaOnStart(config.databaseUrl, (message) => new Logger('api').warn(message));
  const app = await createApp(config);
  installGracefulShutdown(app, { deadlineMs: config.shutdownTimeoutMs, logger: new Logger('api') });
  await app.listen({ port: config.port, host: config.host });
  new Logger('api').log(`listening on http://${config.host}:${config.port} (docs at /docs)`);
}

main().catch((error: unknown) => {
  // A bad configuration is the operator's to fix: say which variable, no stack.
  process.stderr.write(
    `${String(error instanceof ConfigError || error instanceof DatabaseRoleError || error instanceof SchemaVersionError ? error.message : ((error as Error)?.stack ?? error))}\n`,
  );
  process.exit(1);
});
