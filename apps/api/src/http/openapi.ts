import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { AppConfig } from '@factledger/platform';
import { BEARER_SCHEME, describeAccess } from './openapi-access';
import { completeOpenApiDocument } from './openapi-document';
import { listProblemCodes } from './openapi-problem-codes';

/**
 * The API's OpenAPI document, from the routes' decorators and @Contract
 * schemas. Needs no database or Redis: `npm run openapi` builds it from an app
 * in preview mode (nothing instantiated), createApp serves the same at /docs.
 */
export function buildOpenApiDocument(app: INestApplication, config: Pick<AppConfig, 'readAccess'>): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('factledger')
      .setDescription('Event-sourced ledger of reported figures. Errors are RFC 9457 problem+json.')
      .setVersion('1')
      .setOpenAPIVersion('3.1.0')
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'flk_<key id>_<secret>',
          description: 'An API key (flk_...): `npm run cli -- keys create` or POST /v1/keys',
        },
        BEARER_SCHEME,
      )
      .build(),
  );
  return listProblemCodes(describeAccess(completeOpenApiDocument(document), config));
}
