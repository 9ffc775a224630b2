import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { LogController } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { DestinationStream } from 'pino';
import { createLogger, installHttpObservability, loadConfig, METRICS, PinoNestLogger, requestMetaOf, type AppConfig } from '@factledger/platform';
import { AppModule } from './app.module';
import { handleClientError } from './http/client-errors';
import { sendFrameworkProblem } from './http/framework-errors';
import { installMethodNotAllowed } from './http/method-not-allowed';
import { buildOpenApiDocument } from './http/openapi';
import { guardRequestInput } from './http/request-guard';
import { installStrictBodyParsers } from './http/strict-body-parsers';

/**
 * Builds the configured HTTP app (used by main.ts and the e2e tests). Logs are
 * pino's JSON lines (pretty in development); `logger: false` silences them,
 * `logDestination` sends them to a stream a test reads.
 */
export async function createApp(
  config: AppConfig = loadConfig(),
  options: { logger?: false; logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const logger = createLogger(options.logger === false ? { ...config, logLevel: 'error' } : config, {
    name: 'factledger-api',
    destination: options.logDestination,
  });
  if (options.logger === false) logger.level = 'silent';
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // One access line per request is written by installHttpObservability, with the route and principal.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    // Errors Fastify's router answers itself (414, bad URL) as problem+json too.
    frameworkErrors: (error: unknown, request: unknown, reply: unknown) => sendFrameworkProblem(error, request as never, reply as never),
    // What Node's HTTP parser refuses (431, 408, a NUL in a header) as problem+json too.
    clientErrorHandler: handleClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: options.logger === false ? false : new PinoNestLogger(logger),
    bufferLogs: false,
  });
  installStrictBodyParsers(app, config.bodyLimitBytes);
  const fastify = app.getHttpAdapter().getInstance();
  installHttpObservability(fastify as never, { metrics: app.get(METRICS), logger });
  // A callback, not an async hook: no promise per request.
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', requestMetaOf(request as never).requestId);
    done();
  });
  installMethodNotAllowed(fastify as never);
  // Depth and storable text of every body, parameter and query, before validation.
  fastify.addHook('preValidation', guardRequestInput);
  const document = buildOpenApiDocument(app, config);
  // Swagger UI's Authorize button takes a key and sends it with "Try it out".
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', swaggerOptions: { persistAuthorization: true } });
  // Signals are main.ts's (installGracefulShutdown); a test closes its app itself.
  await app.init();
  await fastify.ready();
  return app;
}
