import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { LedgerModule } from '@factledger/ledger';
import { IngestionProducerModule } from '../queue/ingestion-producer.module';
import { CandidateReviewService } from '../review/candidate-review.service';
import { CandidatesController } from './candidates.controller';
import { registerCsvParser, type ContentTypeParsers } from './csv-body';
import { IngestionsController } from './ingestions.controller';

/** Registers the text/csv body parser on the app's Fastify instance (nothing to do outside HTTP). */
@Injectable()
class CsvBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as ContentTypeParsers | undefined;
    if (fastify && typeof fastify.addContentTypeParser === 'function') registerCsvParser(fastify);
  }
}

/**
 * `POST /v1/ingestions`, `GET /v1/ingestions[/{id}]`: validate, queue,
 * report; `/v1/ingestions/{id}/candidates`: the editor's review. Needs PlatformModule (CONFIG, REDIS_PROBE) and the app's
 * problem+json filter and validation pipe.
 */
@Module({
  imports: [IngestionProducerModule, LedgerModule],
  controllers: [IngestionsController, CandidatesController],
  providers: [CsvBodyParser, CandidateReviewService],
})
export class IngestionApiModule {}
