import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IngestionProducerModule } from '@factledger/ingestion';
import { LedgerModule } from '@factledger/ledger';
import { PlatformModule, type AppConfig } from '@factledger/platform';

/** What `factledger seed` needs: the ledger's command bus and the ingestion queue (jobs run in the worker). */
@Module({})
export class SeedModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SeedModule,
      imports: [PlatformModule.forRoot({ config, applicationName: 'factledger-seed' }), CqrsModule.forRoot(), LedgerModule, IngestionProducerModule],
    };
  }
}
