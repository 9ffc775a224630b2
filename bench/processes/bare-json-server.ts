import * as fs from 'node:fs';
import Fastify from 'fastify';

/**
 * The HTTP baseline: a bare Fastify server answering GET
 * /v1/metrics/:key/estimate with a fixed body (the API's own answer, read
 * from BARE_JSON_FILE) serialised per request, as the API does; no database.
 * Listens on 127.0.0.1:PORT and prints "listening".
 */
async function main(): Promise<void> {
  const body: unknown = JSON.parse(fs.readFileSync(process.env.BARE_JSON_FILE!, 'utf8'));
  const app = Fastify({ logger: false });
  app.get('/v1/metrics/:key/estimate', async () => body);
  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
  process.stdout.write('listening\n');
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
