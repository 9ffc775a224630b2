import { Test } from '@nestjs/testing';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  CONFIG,
  ContractValidationInterceptor,
  createDatabase,
  KYSELY,
  loadConfig,
  ProblemDetailsFilter,
  READ_KYSELY,
  REDIS_PROBE,
  RedisProbe,
} from '@factledger/platform';
import { enforceContract } from '@factledger/testing';
import { HealthController } from '../apps/api/src/health/health.controller';

/**
 * GET /health with the database gone (a port nobody listens on): 503
 * problem+json with code health.down and the checks, as the document says
 * (enforceContract checks the answer against docs/openapi.json).
 */
describe('health with the database down (HTTP)', () => {
  let app: NestFastifyApplication;
  const database = createDatabase('postgres://postgres@127.0.0.1:1/factledger');
  const redis = new RedisProbe(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [HealthController],
      providers: [
        { provide: KYSELY, useValue: database.db },
        { provide: READ_KYSELY, useValue: database.db },
        { provide: REDIS_PROBE, useValue: redis },
        { provide: CONFIG, useValue: loadConfig({ ...process.env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/factledger' }) },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: ContractValidationInterceptor },
      ],
    }).compile();
    app = enforceContract(moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false }));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
    await database.close();
    await redis.close();
  });

  it('answers 503 problem+json with code health.down, naming the database check down', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      status: 503,
      code: 'health.down',
      checks: { database: { status: 'down', error: expect.any(String) }, redis: { status: 'up' } },
    });
  });
});
