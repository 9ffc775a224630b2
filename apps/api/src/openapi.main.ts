import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from './http/openapi';

/** The document as committed in docs/openapi.json: the default READ_ACCESS=public. */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  // Preview mode: routes and decorators only, no provider is built, so no database or Redis is touched.
  const app = await NestFactory.create(AppModule.forRoot(), new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
  try {
    return buildOpenApiDocument(app, { readAccess: 'public' });
  } finally {
    await app.close();
  }
}

export const serializeOpenApiDocument = (document: OpenAPIObject): string => `${JSON.stringify(document, null, 2)}\n`;

/** `npm run openapi -- [--out file]`: prints the document, or writes it to the file. */
async function main(argv: string[]): Promise<void> {
  const out = argv[0] === '--out' ? argv[1] : undefined;
  if (argv.length > 0 && !out) throw new Error('usage: npm run openapi -- [--out docs/openapi.json]');
  const text = serializeOpenApiDocument(await generateOpenApiDocument());
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
