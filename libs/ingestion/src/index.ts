// Ingestion: structured reports and articles through the `ingestion` BullMQ queue into ledger commands.
export * from './domain';
export * from './repositories';
export * from './queue/ingestion-queue';
export * from './queue/ingestion-job-view';
export * from './queue/ingestion-jobs.service';
export * from './queue/redis-connection';
export { IngestionProducerModule } from './queue/ingestion-producer.module';
export * from './worker/ingestion-hooks';
export { IngestionProcessor } from './worker/ingestion.processor';
export { IngestionWorkerModule } from './worker/ingestion-worker.module';
export { IngestionApiModule } from './http/ingestion-api.module';
export { registerCsvParser } from './http/csv-body';
