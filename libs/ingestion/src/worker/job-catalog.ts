import type { Kysely } from 'kysely';
import type { IngestionDb } from './ingestion-db';
import { headPosition } from '@factledger/event-store';
import { DEFAULT_METRIC_PATTERNS, type MetricPattern } from '@factledger/extraction';
import { catalogMetrics, catalogSources, WaitErrorCodes, waitForPosition, type CatalogMetric, type CatalogSource } from '@factledger/projections';
import { isDomainError } from '@factledger/shared';
import { decodeMetricPattern } from '../domain';
import { INGESTION_READ_MODELS } from '../repositories';

/** What a job knows of the catalog when it starts matching. */
export interface JobCatalog {
  /** The extractor's catalog (see `extractionCatalog`). */
  metrics: MetricPattern[];
  sources: CatalogSource[];
}

/** Waits for the read models to catch up, then reads the catalog once for the whole job. */
export async function readJobCatalog(db: Kysely<IngestionDb>, readModelWaitMs: number): Promise<JobCatalog> {
  await catchUp(db, readModelWaitMs);
  const [metrics, sources] = await Promise.all([catalogMetrics(db), catalogSources(db)]);
  return { metrics: extractionCatalog(metrics), sources };
}

/** The extractor's catalog: registered metrics with patterns; the built-in one when none has any. */
export function extractionCatalog(metrics: readonly CatalogMetric[]): MetricPattern[] {
  const decoded = metrics.map(decodeMetricPattern).filter((m): m is MetricPattern => m !== null);
  return decoded.length > 0 ? decoded : DEFAULT_METRIC_PATTERNS;
}

/**
 * Matching reads the catalog and figures read models, so they must show
 * every write made before this job started (earlier jobs, a source an
 * analyst just registered, what a crashed attempt wrote). Bounded: a read
 * model that stays behind fails the attempt, and BullMQ retries later.
 */
async function catchUp(db: Kysely<IngestionDb>, readModelWaitMs: number): Promise<void> {
  const head = await headPosition(db);
  if (head === null) return;
  try {
    await waitForPosition(db, INGESTION_READ_MODELS, head, readModelWaitMs);
  } catch (error) {
    if (isDomainError(error) && error.code === WaitErrorCodes.positionUnknown) return;
    throw error;
  }
}
