// Tracing first: it instruments http and pg as they load (off unless OTEL_* variables ask for it).
import './tracing';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, DatabaseRoleError, installGracefulShutdown, loadConfig } from '@factledger/platform';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  installGracefulShutdown(app, { deadlineMs: config.shutdownTimeoutMs, logger: new Logger('api') });
  await app.listen({ port: config.port, host: config.host });
  new Logger('api').log(`listening on http://${config.host}:${config.port} (docs at /docs)`);
}

main().catch((error: unknown) => {
  // A bad configuration is the operator's to fix: say which variable, no stack.
  process.stderr.write(`${String(error instanceof ConfigError || error instanceof DatabaseRoleError ? error.message : ((error as Error)?.stack ?? error))}\n`);
  process.exit(1);
});
