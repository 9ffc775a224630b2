import * as fs from 'node:fs';
import Fastify from 'fastify';

/**
 * The HTTP baseline: a bare Fastify server answering GET
 * /v1/metrics/:key/estimate with the API's own answer for that key (a JSON
 * object keyed by metric key: read from BARE_JSON_FILE at start, replaced by
 * PUT /answers before each measured round), serialised per request by
 * Fastify (JSON.stringify); no database. Each path gets its own, current
 * answer, so both servers send the same bytes per path; the API sends bytes
 * it serialised once, the bare route stringifies per request. Listens on
 * 127.0.0.1:PORT and prints "listening".
 */
async function main(): Promise<void> {
  let answers = JSON.parse(fs.readFileSync(process.env.BARE_JSON_FILE!, 'utf8')) as Record<string, unknown>;
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024 * 1024 });
  app.get<{ Params: { key: string } }>('/v1/metrics/:key/estimate', async (request, reply) => {
    const answer = answers[request.params.key];
    return answer === undefined ? reply.code(404).send({ error: 'no answer captured for this key' }) : answer;
  });
  app.put<{ Body: Record<string, unknown> }>('/answers', async (request, reply) => {
    answers = request.body;
    return reply.code(204).send();
  });
  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
  process.stdout.write('listening\n');
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
