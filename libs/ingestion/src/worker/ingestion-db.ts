import type { EventStoreTables } from '@factledger/event-store';
import type { ProjectionTables } from '@factledger/projections';
import type { ReviewDb } from '../repositories/review-candidates.repository';

/** What an ingestion job queries: the log (landed writes), the read models' registry (through their functions), its candidates. */
export type IngestionDb = EventStoreTables & ProjectionTables & ReviewDb;
