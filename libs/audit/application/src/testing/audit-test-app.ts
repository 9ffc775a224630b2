import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ContractValidationInterceptor, PlatformModule, ProblemDetailsFilter, loadConfig } from '@factledger/platform';
import { AuditApiModule } from '../audit-api.module';
import type { AuditApiOptions } from '../audit.options';

/** A small app with only the audit endpoints, wired like apps/api (problem+json filter, @Contract validation). */
export async function createAuditTestApp(databaseUrl: string, options: Partial<AuditApiOptions> = {}): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [PlatformModule.forRoot({ config: { ...loadConfig(), databaseUrl }, applicationName: 'test' }), AuditApiModule.forRoot(options)],
    providers: [
      { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      { provide: APP_INTERCEPTOR, useClass: ContractValidationInterceptor },
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
