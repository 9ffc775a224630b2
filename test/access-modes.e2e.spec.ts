import { Controller, Get, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AuthModule, createTestKey, PlatformModule, ProblemDetailsFilter, PublicRoute } from '@factledger/platform';
import { createTestDatabase, type TestDatabase } from '@factledger/testing';
import { ingestionTestConfig } from '../libs/ingestion/src/testing/ingestion-test-apps';
import { startApi, type ApiHarness } from './support/api-harness';

describe("READ_ACCESS=key: reads need a key with the route's role", () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ readAccess: 'key' });
  });
  afterAll(() => api.close());

  it('refuses anonymous reads with 401, a key without the role with 403, and serves the role', async () => {
    const [reader, reporter, auditor] = await Promise.all([
      createTestKey(api.db.db, ['reader']),
      createTestKey(api.db.db, ['reporter']),
      createTestKey(api.db.db, ['auditor']),
    ]);
    const as = (key: { token: string } | null, url: string) =>
      api.request('GET', url, undefined, { authorization: key ? `Bearer ${key.token}` : '' });
    expect((await as(null, '/v1/metrics')).status).toBe(401);
    expect((await as(reporter, '/v1/metrics')).body).toMatchObject({ status: 403, code: 'auth.forbidden', requiredRoles: ['reader'] });
    expect((await as(reader, '/v1/ingestions')).status).toBe(200); // (the read models' routes need the projector, not run here)
    expect((await as(reader, '/v1/events')).body).toMatchObject({ status: 403, requiredRoles: ['auditor'] });
    expect((await as(auditor, '/v1/events')).status).toBe(200);
    expect((await as(null, '/health')).status).toBe(200); // health stays public
  });

  it('says so in the OpenAPI document: read operations need their role and a bearer key', async () => {
    const doc = (await api.request('GET', '/docs/openapi.json')).body;
    expect(doc.paths['/v1/metrics'].get).toMatchObject({ 'x-access': 'read', 'x-required-roles': ['reader'], security: [{ bearer: [] }] });
    expect(doc.paths['/v1/metrics'].get.description).toContain('Access: an API key with the role reader');
  });
});

describe('READ_ACCESS=public (the default)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('serves reads anonymously, but a key that is not valid is 401 even there', async () => {
    expect((await api.request('GET', '/v1/events', undefined, { authorization: '' })).status).toBe(200);
    const bad = await api.request('GET', '/v1/events', undefined, { authorization: `Bearer flk_0000000000000000_${'A'.repeat(43)}` });
    expect(bad).toMatchObject({ status: 401, body: { code: 'auth.unauthenticated', detail: 'The API key is not valid' } });
    expect(bad.headers['www-authenticate']).toBe('Bearer realm="factledger"');
    expect((await api.request('GET', '/v1/events', undefined, { authorization: 'Basic dXNlcjpwYXNz' })).status).toBe(401);
    const doc = (await api.request('GET', '/docs/openapi.json')).body;
    expect(doc.paths['/v1/metrics'].get).toMatchObject({ 'x-access': 'read', 'x-required-roles': [], security: [{}, { bearer: [] }] });
  });
});

@Controller('undeclared')
class UndeclaredController {
  @Get()
  open() {
    return { served: true };
  }
}

@Controller('declared')
class DeclaredController {
  @PublicRoute()
  @Get()
  open() {
    return { served: true };
  }
}

@Module({ controllers: [UndeclaredController, DeclaredController] })
class RoutesModule {}

describe('a route that declares no access', () => {
  let t: TestDatabase;
  let app: NestFastifyApplication;
  beforeAll(async () => {
    t = await createTestDatabase();
    const moduleRef = await Test.createTestingModule({
      imports: [PlatformModule.forRoot({ config: ingestionTestConfig(t.url), applicationName: 'test' }), AuthModule, RoutesModule],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('is refused to everyone, an admin key too (fail closed), while a declared one serves', async () => {
    const admin = await createTestKey(t.db);
    for (const headers of [{}, { authorization: `Bearer ${admin.token}` }]) {
      const response = await app.inject({ method: 'GET', url: '/undeclared', headers });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'auth.route_undeclared' });
    }
    expect((await app.inject({ method: 'GET', url: '/declared' })).json()).toEqual({ served: true });
  });
});
